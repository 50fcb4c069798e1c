package fakeapi

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
)

// Webhook fixtures (docs/api-evidence.md ("Webhooks")).
//
//   - GET /hooks/event-types/: one list, no paging; the four event types the DOCS "Receiving" page documents.
//   - GET /hooks/subscriptions/: workspace_id (optional: without it, every workspace's) and is_enabled, which
//     defaults to true, so a call without it never shows a disabled subscription. limit/offset with meta.count, as
//     the CLI pages it.
//   - GET /hooks/subscriptions/{id}/events/: limit (default 100, at most 1000) and offset, and the status and
//     resource_id filters; status takes one status or a JSON array of statuses as a string.
//   - GET /hooks/secrets/ returns the secret that signs webhook payloads. The plugin must never read it: the fake
//     answers with HookSecretValue, a value that no test may ever find in a row, an error or a log, and
//     TestHookSecretsAreNeverRequested fails if any query requests the path at all.
//
// The NLP workspace's submission subscription has failed deliveries; its disabled progress subscription has failed
// too; the Vision workspace's subscription has no events.
const (
	HookStudyStatus  = "68b0c1d2e3f4a5b6c7d8f101" // NLP, study.status.change, enabled
	HookSubmissions  = "68b0c1d2e3f4a5b6c7d8f102" // NLP, submission.status.change, enabled, failed deliveries
	HookProgressOld  = "68b0c1d2e3f4a5b6c7d8f103" // NLP, study.progress.change, disabled
	HookVisionStatus = "68b0c1d2e3f4a5b6c7d8f104" // Vision, study.status.change, enabled, no events
)

// HooksPath is the path of the subscription list; HookSecretsPath the path the plugin must never request.
const (
	HooksPath       = "/api/v1/hooks/subscriptions"
	HookSecretsPath = "/api/v1/hooks/secrets"
)

// HookSecretValue is the secret the fake's /hooks/secrets/ answers with.
const HookSecretValue = "whsec-FAKE-MUST-NEVER-BE-READ-3c9f1e"

// HookEventsPath is the path of a subscription's events.
func HookEventsPath(subscriptionID string) string {
	return HooksPath + "/" + subscriptionID + "/events"
}

// hookEventMaxLimit is the largest limit the events endpoint accepts (DOCS: 1-1000).
const hookEventMaxLimit = 1000

var hookEventTypes = []map[string]any{
	{"event_type": "study.status.change", "description": "Triggered when the status of a study changes, e.g., from draft to live."},
	{"event_type": "submission.status.change", "description": "Triggered when the status of a submission changes, e.g., when it is approved or returned."},
	{"event_type": "study.progress.change", "description": "Triggered when the number of places taken in a study changes."},
	{"event_type": "study.has_high_return_rate", "description": "Triggered when many participants return a study."},
}

var hookSubscriptions = []map[string]any{
	{"id": HookStudyStatus, "event_type": "study.status.change", "is_enabled": true, "workspace_id": WorkspaceNLP,
		"target_url": "https://hooks.nlp-lab.example.org/prolific/study-status"},
	{"id": HookSubmissions, "event_type": "submission.status.change", "is_enabled": true, "workspace_id": WorkspaceNLP,
		"target_url": "https://hooks.nlp-lab.example.org/prolific/submissions"},
	{"id": HookProgressOld, "event_type": "study.progress.change", "is_enabled": false, "workspace_id": WorkspaceNLP,
		"target_url": "https://old-hooks.nlp-lab.example.org/progress"},
	{"id": HookVisionStatus, "event_type": "study.status.change", "is_enabled": true, "workspace_id": WorkspaceVision,
		"target_url": "https://vision.example.org/webhooks/prolific"},
}

// hookEvent builds one event of a subscription, with the payload the DOCS "Receiving" page gives for its type.
func hookEvent(n int, subscription, resource, status, created, updated string, payload map[string]any) map[string]any {
	var sub map[string]any
	for _, s := range hookSubscriptions {
		if s["id"] == subscription {
			sub = s
		}
	}
	payload["resource_id"], payload["event_type"] = resource, sub["event_type"]
	return map[string]any{"id": hexID(0x69, n), "datetime_created": created, "datetime_updated": updated,
		"event_type": sub["event_type"], "resource_id": resource, "status": status, "target_url": sub["target_url"],
		"payload": payload}
}

// hookEvents holds each subscription's events, newest first.
var hookEvents = map[string][]map[string]any{
	HookStudyStatus: {
		hookEvent(3, HookStudyStatus, StudySummaries, "SUCCEEDED", "2026-09-21T16:00:02.120000Z", "2026-09-21T16:00:02.480000Z",
			map[string]any{"metadata": map[string]any{}, "status": "COMPLETED"}),
		hookEvent(2, HookStudyStatus, StudySentiment, "SUCCEEDED", "2026-09-14T10:12:40.041000Z", "2026-09-14T10:12:40.390000Z",
			map[string]any{"metadata": map[string]any{}, "status": "AWAITING REVIEW"}),
		hookEvent(1, HookStudyStatus, StudySentiment, "SUCCEEDED", "2026-09-14T08:50:00.512000Z", "2026-09-14T08:50:01.002000Z",
			map[string]any{"metadata": map[string]any{}, "status": "ACTIVE"}),
	},
	HookSubmissions: {
		hookEvent(16, HookSubmissions, hexID(0x5a, 4), "FAILED", "2026-09-21T11:30:00.000000Z", "2026-09-21T12:30:00.000000Z",
			map[string]any{"participant_id": demoParticipants[3], "status": "PARTIALLY APPROVED"}),
		hookEvent(15, HookSubmissions, hexID(0x5e, 5), "PENDING", "2026-09-16T09:00:00.000000Z", "2026-09-16T09:00:00.000000Z",
			map[string]any{"participant_id": demoParticipants[4], "status": "AWAITING REVIEW"}),
		hookEvent(13, HookSubmissions, hexID(0x5e, 4), "FAILED", "2026-09-15T17:40:00.000000Z", "2026-09-15T18:40:01.000000Z",
			map[string]any{"participant_id": demoParticipants[3], "status": "REJECTED"}),
		hookEvent(12, HookSubmissions, hexID(0x5e, 2), "SUCCEEDED", "2026-09-15T17:35:00.000000Z", "2026-09-15T17:35:00.700000Z",
			map[string]any{"participant_id": demoParticipants[1], "status": "APPROVED"}),
		hookEvent(11, HookSubmissions, SubmissionApproved, "SUCCEEDED", "2026-09-15T17:34:00.000000Z", "2026-09-15T17:34:00.640000Z",
			map[string]any{"participant_id": demoParticipants[0], "status": "APPROVED"}),
		hookEvent(14, HookSubmissions, hexID(0x5e, 6), "FAILED", "2026-09-14T09:12:00.250000Z", "2026-09-14T10:12:03.800000Z",
			map[string]any{"participant_id": ReturnedParticipant, "status": "RETURNED"}),
	},
	HookProgressOld: {
		hookEvent(22, HookProgressOld, StudyPilot, "FAILED", "2026-09-15T09:41:00.000000Z", "2026-09-15T10:41:00.000000Z", map[string]any{}),
		hookEvent(21, HookProgressOld, StudyPilot, "FAILED", "2026-09-15T09:40:00.000000Z", "2026-09-15T10:40:00.000000Z", map[string]any{}),
	},
	HookVisionStatus: {},
}

// hookSubscriptionEvents serves one page of a subscription's events, filtered by status and resource_id.
func (s *Server) hookSubscriptionEvents(w http.ResponseWriter, r *http.Request) {
	events, ok := hookEvents[r.PathValue("subscription_id")]
	if !ok {
		Object(w, nil, false)
		return
	}
	statuses, ok := eventStatuses(r.URL.Query().Get("status"))
	if !ok {
		badRequest(w, "status", "Select a valid choice: PENDING, SUCCEEDED or FAILED, or a JSON array of them.")
		return
	}
	resource := r.URL.Query().Get("resource_id")
	items := []map[string]any{}
	for _, e := range events {
		if (statuses == nil || slices.Contains(statuses, e["status"].(string))) && (resource == "" || e["resource_id"] == resource) {
			items = append(items, e)
		}
	}
	limitOffsetPage(s, w, r, items, 100, hookEventMaxLimit)
}

// eventStatuses reads the status filter: empty (no filter), one status, or a JSON array of statuses as a string.
func eventStatuses(param string) ([]string, bool) {
	if param == "" {
		return nil, true
	}
	statuses := []string{param}
	if param[0] == '[' && json.Unmarshal([]byte(param), &statuses) != nil {
		return nil, false
	}
	for _, status := range statuses {
		if !slices.Contains([]string{"PENDING", "SUCCEEDED", "FAILED"}, status) {
			return nil, false
		}
	}
	return statuses, true
}

func init() { registrars = append(registrars, registerHooks) }

func registerHooks(s *Server) {
	s.handle("/api/v1/hooks/event-types", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, map[string]any{"results": hookEventTypes})
	})
	s.handle(HooksPath, func(w http.ResponseWriter, r *http.Request) {
		enabled := true // "A filter to only pull back enabled subscriptions. Default true."
		if v := r.URL.Query().Get("is_enabled"); v != "" {
			var err error
			if enabled, err = strconv.ParseBool(v); err != nil {
				badRequest(w, "is_enabled", "Must be a valid boolean.")
				return
			}
		}
		workspaceID := r.URL.Query().Get("workspace_id")
		items := []map[string]any{}
		for _, sub := range hookSubscriptions {
			if sub["is_enabled"] == enabled && (workspaceID == "" || sub["workspace_id"] == workspaceID) {
				items = append(items, sub)
			}
		}
		limitOffsetPage(s, w, r, items, len(items), 0)
	})
	s.handle(HooksPath+"/{subscription_id}", objectByID(hookSubscriptions, "subscription_id"))
	s.handle(HooksPath+"/{subscription_id}/events", s.hookSubscriptionEvents)
	s.handle(HookSecretsPath, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]any{"results": []map[string]any{
			{"id": "68b0c1d2e3f4a5b6c7d8f1ff", "value": HookSecretValue, "workspace_id": r.URL.Query().Get("workspace_id")},
		}})
	})
}
