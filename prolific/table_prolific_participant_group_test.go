package prolific_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/pipeworks/steampipe-plugin-prolific/test/fakeapi"
	"github.com/pipeworks/steampipe-plugin-prolific/test/harness"
)

const groupsTable = "prolific_participant_group"
const membersTable = "prolific_participant_group_member"

func TestParticipantGroupSchema(t *testing.T) {
	_, p := startFake(t)
	checkSchema(t, p, groupsTable, []string{"workspace_id", "project_id", "id"}, map[string]string{
		"workspace_id": "STRING", "project_id": "STRING", "id": "STRING", "description": "STRING",
		"feeder_studies": "JSON", "is_deleted": "BOOL", "name": "STRING", "title": "STRING", "organisation_id": "STRING",
		"participant_count": "INT",
	})
	checkKeyColumns(t, p, groupsTable, map[string]string{"workspace_id": "optional", "project_id": "optional"}, "id")
	checkSchema(t, p, membersTable, []string{"participant_group_id"}, map[string]string{
		"participant_group_id": "STRING", "datetime_created": "TIMESTAMP", "participant_id": "STRING",
	})
	checkKeyColumns(t, p, membersTable, map[string]string{"participant_group_id": "required"}, "")
}

func TestParticipantGroupAllColumns(t *testing.T) {
	api, p := startFake(t)
	rows := p.MustExecute(t, harness.Query{Table: groupsTable})
	byID := harness.ByColumn(t, rows, "id")
	if len(byID) != 3 {
		t.Fatalf("%d groups, want 3", len(byID))
	}
	trusted := map[string]any{
		"workspace_id": fakeapi.WorkspaceNLP, "project_id": nil, "id": fakeapi.GroupTrusted,
		"description": "Annotators with high agreement in earlier batches.",
		"feeder_studies": j(t, `[{"id":"`+fakeapi.StudySentiment+`","name":"Rate product reviews","internal_name":"sentiment-batch-1","status":"AWAITING REVIEW",`+
			`"feeder_completion_codes":[{"code":"C1A2B3C4","code_type":"COMPLETED","action":"ADD_TO_PARTICIPANT_GROUP"}]}]`),
		"is_deleted": false, "name": "Trusted annotators", "organisation_id": nil, "participant_count": int64(3),
	}
	checkRow(t, "trusted", byID[fakeapi.GroupTrusted], trusted)
	checkRow(t, "summary raters", byID[fakeapi.GroupSummaryRaters], map[string]any{"project_id": fakeapi.ProjectSummaries,
		"description": nil, "feeder_studies": j(t, `[]`)})
	checkRow(t, "vision", byID[fakeapi.GroupVisionDisabled], map[string]any{"workspace_id": fakeapi.WorkspaceVision,
		"is_deleted": true, "organisation_id": "65f0c2a1b4e8d9a7c3f10b00", "participant_count": int64(0)})
	if got, want := requestsWith(api, "/api/v1/participant-groups/"), 2+projectCount(t, p, ""); len(got) != want {
		t.Errorf("requests %v, want %d: one per workspace and one per project", got, want)
	}
	got := p.MustExecute(t, harness.Query{Table: groupsTable, Quals: harness.Equals("id", fakeapi.GroupTrusted)})
	if len(got) != 1 {
		t.Fatalf("get: %d rows", len(got))
	}
	checkRow(t, "get", got[0], trusted)
}

func TestParticipantGroupScopes(t *testing.T) {
	api, p := startFake(t)
	rows := p.MustExecute(t, harness.Query{Table: groupsTable, Quals: harness.Equals("project_id", fakeapi.ProjectSummaries)})
	if got := harness.Strings(rows, "id"); len(got) != 1 || got[0] != fakeapi.GroupSummaryRaters {
		t.Errorf("project groups %v", got)
	}
	if got := requestsWith(api, "/api/v1/participant-groups/"); len(got) != 1 || !strings.Contains(got[0], "project_id="+fakeapi.ProjectSummaries) {
		t.Errorf("requests %v, want one with project_id", got)
	}
	if n := api.RequestsTo("/api/v1/workspaces/"); n != 0 {
		t.Errorf("%d workspace requests for a project_id query", n)
	}
	api.ResetLog()
	rows = p.MustExecute(t, harness.Query{Table: groupsTable, Quals: harness.Equals("workspace_id", fakeapi.WorkspaceVision)})
	if got := harness.Strings(rows, "id"); len(got) != 1 || got[0] != fakeapi.GroupVisionDisabled {
		t.Errorf("Vision groups %v", got)
	}
	want := []string{"limit=100&offset=0&workspace_id=" + fakeapi.WorkspaceVision, "limit=100&offset=0&project_id=" + fakeapi.ProjectVision}
	if got := requestsWith(api, "/api/v1/participant-groups/"); !reflect.DeepEqual(got, want) {
		t.Errorf("requests %v, want %v", got, want)
	}
	// Paging: the NLP workspace's group, then its projects (pages of one) and their groups.
	api.MaxPageSize = 1
	api.ResetLog()
	rows = p.MustExecute(t, harness.Query{Table: groupsTable, Quals: harness.Equals("workspace_id", fakeapi.WorkspaceNLP)})
	requests := len(requestsWith(api, "/api/v1/participant-groups/"))
	if wantRequests := 1 + projectCount(t, p, fakeapi.WorkspaceNLP); len(rows) != 2 || requests != wantRequests {
		t.Errorf("%d rows in %d requests, want 2 in %d (the workspace's, then one per project)", len(rows), requests, wantRequests)
	}
	rows = p.MustExecute(t, harness.Query{Table: groupsTable, Quals: harness.Equals("id", "67b0c1d2e3f4a5b6c7d8ffff")})
	if len(rows) != 0 {
		t.Errorf("unknown group: %d rows", len(rows))
	}
}

// TestParticipantGroupListsProjectLevelGroups: nothing says whether ?workspace_id= returns the workspace's
// project-level groups (docs/api-evidence.md (A15)), so the plugin also lists each project's groups and keeps each
// group once. The fake leaves them out of the workspace's list by default, and includes them when told to.
func TestParticipantGroupListsProjectLevelGroups(t *testing.T) {
	api, p := startFake(t)
	for _, include := range []bool{false, true} {
		api.GroupsByWorkspaceIncludeProjectGroups = include
		rows := p.MustExecute(t, harness.Query{Table: groupsTable})
		byID := harness.ByColumn(t, rows, "id")
		if len(rows) != 3 || len(byID) != 3 {
			t.Errorf("include=%v: %d rows, %d distinct; want 3 groups once each", include, len(rows), len(byID))
		}
		checkRow(t, "summary raters", byID[fakeapi.GroupSummaryRaters], map[string]any{
			"workspace_id": fakeapi.WorkspaceNLP, "project_id": fakeapi.ProjectSummaries, "name": "Summary raters"})
		rows = p.MustExecute(t, harness.Query{Table: groupsTable, Quals: harness.Equals("workspace_id", fakeapi.WorkspaceNLP)})
		if got := strings.Join(harness.Strings(rows, "id"), ","); got != fakeapi.GroupTrusted+","+fakeapi.GroupSummaryRaters {
			t.Errorf("include=%v: NLP groups %s, want the workspace's group and the summaries project's", include, got)
		}
	}
}

func TestParticipantGroupMembers(t *testing.T) {
	api, p := startFake(t)
	rows := p.MustExecute(t, harness.Query{Table: membersTable, Quals: harness.Equals("participant_group_id", fakeapi.GroupTrusted)})
	byID := harness.ByColumn(t, rows, "participant_id")
	if len(byID) != 3 {
		t.Fatalf("%d members, want 3", len(byID))
	}
	checkRow(t, "member", byID["5f4dcc3b5aa765d61d8327de"], map[string]any{"participant_group_id": fakeapi.GroupTrusted,
		"participant_id": "5f4dcc3b5aa765d61d8327de", "datetime_created": harness.Timestamp(t, "2026-09-25T10:00:00Z")})
	if n := api.RequestsTo("/api/v1/participant-groups/" + fakeapi.GroupTrusted + "/participants/"); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
	mustFail(t, p, harness.Query{Table: membersTable}, "missing 1 required qual", "participant_group_id")
	rows = p.MustExecute(t, harness.Query{Table: membersTable,
		Quals: harness.In("participant_group_id", fakeapi.GroupTrusted, fakeapi.GroupSummaryRaters, "67b0c1d2e3f4a5b6c7d8ffff")})
	if len(rows) != 5 {
		t.Errorf("%d members of two groups and an unknown one, want 5", len(rows))
	}
}

// projectCount is the number of projects the plugin lists, in one workspace or (workspaceID "") in all of them.
func projectCount(t *testing.T, p *harness.Plugin, workspaceID string) int {
	t.Helper()
	q := harness.Query{Table: "prolific_project", Columns: []string{"id"}}
	if workspaceID != "" {
		q.Quals = harness.Equals("workspace_id", workspaceID)
	}
	return len(p.MustExecute(t, q))
}
