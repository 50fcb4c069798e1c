package fakeapi

import (
	"net/http"
	"time"
)

// Participant group fixtures (docs/api-evidence.md ("Participant groups")). Members are demo participants, so their
// responses in the demo batches can be counted per group. Whether ?workspace_id= also returns the workspace's
// project-level groups has no evidence either way (docs/api-evidence.md (A15)): by default the fake leaves them out,
// the reading under which a client that lists only by workspace loses rows;
// Server.GroupsByWorkspaceIncludeProjectGroups includes them.
const (
	GroupTrusted        = "67b0c1d2e3f4a5b6c7d8e901" // NLP workspace: demo participants 1-3
	GroupSummaryRaters  = "67b0c1d2e3f4a5b6c7d8e902" // the summaries project: demo participants 4 and 5
	GroupVisionDisabled = "67b0c1d2e3f4a5b6c7d8e903" // Vision workspace, deleted, no members
)

var participantGroups = []map[string]any{
	{"id": GroupTrusted, "name": "Trusted annotators", "project_id": nil, "workspace_id": WorkspaceNLP,
		"organisation_id": nil, "description": "Annotators with high agreement in earlier batches.",
		"participant_count": 3, "is_deleted": false,
		"feeder_studies": []map[string]any{{"id": StudySentiment, "name": "Rate product reviews",
			"internal_name": "sentiment-batch-1", "status": "AWAITING REVIEW",
			"feeder_completion_codes": []map[string]any{{"code": "C1A2B3C4", "code_type": "COMPLETED",
				"action": "ADD_TO_PARTICIPANT_GROUP"}}}}},
	{"id": GroupSummaryRaters, "name": "Summary raters", "project_id": ProjectSummaries, "workspace_id": WorkspaceNLP,
		"organisation_id": nil, "description": nil, "participant_count": 2, "is_deleted": false,
		"feeder_studies": []any{}},
	{"id": GroupVisionDisabled, "name": "Old vision panel", "project_id": nil, "workspace_id": WorkspaceVision,
		"organisation_id": "65f0c2a1b4e8d9a7c3f10b00", "description": "Retired.", "participant_count": 0,
		"is_deleted": true, "feeder_studies": []any{}},
}

var groupMembers = map[string][]int{GroupTrusted: {0, 1, 2}, GroupSummaryRaters: {3, 4}, GroupVisionDisabled: {}}

func init() { registrars = append(registrars, registerParticipantGroups) }

func registerParticipantGroups(s *Server) {
	s.handle("/api/v1/participant-groups", func(w http.ResponseWriter, r *http.Request) {
		workspace, project := r.URL.Query().Get("workspace_id"), r.URL.Query().Get("project_id")
		if workspace == "" && project == "" {
			badRequest(w, "workspace_id", "Either workspace_id or project_id is required.")
			return
		}
		items := []map[string]any{}
		for _, g := range participantGroups {
			projectGroup := g["project_id"] != nil
			switch {
			case project != "" && g["project_id"] != project:
			case workspace != "" && g["workspace_id"] != workspace:
			case project == "" && projectGroup && !s.GroupsByWorkspaceIncludeProjectGroups:
			default:
				items = append(items, g)
			}
		}
		LimitOffset(s, w, r, items)
	})
	s.handle("/api/v1/participant-groups/{group_id}", objectByID(participantGroups, "group_id"))
	s.handle("/api/v1/participant-groups/{group_id}/participants", func(w http.ResponseWriter, r *http.Request) {
		members, ok := groupMembers[r.PathValue("group_id")]
		if !ok {
			Object(w, nil, false)
			return
		}
		items := []map[string]any{}
		for i, p := range members {
			items = append(items, map[string]any{"participant_id": demoParticipants[p],
				"datetime_created": timeAt(time.Date(2026, 9, 25, 10, i, 0, 0, time.UTC))})
		}
		writeJSON(w, http.StatusOK, map[string]any{"results": items})
	})
}
