package prolific_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"reflect"
	"testing"

	"github.com/pipeworks/steampipe-plugin-prolific/test/fakeapi"
	"github.com/pipeworks/steampipe-plugin-prolific/test/harness"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
)

const (
	hookSubscriptionsTable = "prolific_hook_subscription"
	hookEventTypesTable    = "prolific_hook_event_type"
)

// boolEquals is a qual map with column = value, as PostgreSQL sends `where column` or `where not column`.
func boolEquals(column string, value bool) map[string]*proto.Quals {
	return map[string]*proto.Quals{column: {Quals: []*proto.Qual{{
		FieldName: column, Operator: &proto.Qual_StringValue{StringValue: "="},
		Value: &proto.QualValue{Value: &proto.QualValue_BoolValue{BoolValue: value}},
	}}}}
}

func TestHookEventTypeList(t *testing.T) {
	api, p := startFake(t)
	checkSchema(t, p, hookEventTypesTable, []string{"event_type"}, map[string]string{"description": "STRING", "event_type": "STRING"})
	checkKeyColumns(t, p, hookEventTypesTable, map[string]string{}, "")
	rows := p.MustExecute(t, harness.Query{Table: hookEventTypesTable})
	byType := harness.ByColumn(t, rows, "event_type")
	if len(byType) != 4 {
		t.Fatalf("%d event types, want 4", len(byType))
	}
	checkRow(t, "study status", byType["study.status.change"], map[string]any{
		"description": "Triggered when the status of a study changes, e.g., from draft to live."})
	for _, name := range []string{"submission.status.change", "study.progress.change", "study.has_high_return_rate"} {
		if byType[name] == nil {
			t.Errorf("no event type %s", name)
		}
	}
	if got := requestsWith(api, "/api/v1/hooks/event-types/"); !reflect.DeepEqual(got, []string{""}) {
		t.Errorf("requests = %q, want one without parameters", got)
	}
}

func TestHookSubscriptionSchema(t *testing.T) {
	_, p := startFake(t)
	checkSchema(t, p, hookSubscriptionsTable, []string{"id", "workspace_id", "is_enabled"}, map[string]string{
		"id": "STRING", "workspace_id": "STRING", "is_enabled": "BOOL", "event_type": "STRING", "target_url": "STRING",
	})
	checkKeyColumns(t, p, hookSubscriptionsTable, map[string]string{"workspace_id": "optional", "is_enabled": "optional"}, "id")
}

// TestHookSubscriptionListsBothStates: is_enabled defaults to true on the API, which cannot return both states, so a
// query without is_enabled asks for each, per workspace, and returns the disabled subscription too.
func TestHookSubscriptionListsBothStates(t *testing.T) {
	api, p := startFake(t)
	rows := p.MustExecute(t, harness.Query{Table: hookSubscriptionsTable})
	byID := harness.ByColumn(t, rows, "id")
	if len(byID) != 4 {
		t.Fatalf("%d subscriptions, want 4", len(byID))
	}
	checkRow(t, "submissions", byID[fakeapi.HookSubmissions], map[string]any{
		"workspace_id": fakeapi.WorkspaceNLP, "is_enabled": true, "event_type": "submission.status.change",
		"target_url": "https://hooks.nlp-lab.example.org/prolific/submissions",
	})
	checkRow(t, "disabled", byID[fakeapi.HookProgressOld], map[string]any{"is_enabled": false, "event_type": "study.progress.change"})
	checkRow(t, "vision", byID[fakeapi.HookVisionStatus], map[string]any{"workspace_id": fakeapi.WorkspaceVision, "is_enabled": true})
	var want []string
	for _, ws := range []string{fakeapi.WorkspaceNLP, fakeapi.WorkspaceVision} {
		for _, state := range []string{"true", "false"} {
			want = append(want, "is_enabled="+state+"&limit=200&offset=0&workspace_id="+ws)
		}
	}
	if got := requestsWith(api, fakeapi.HooksPath+"/"); !reflect.DeepEqual(sortedCopy(got), sortedCopy(want)) {
		t.Errorf("subscription list requests = %q, want %q", got, want)
	}
	checkKinds(t, rows, map[string]string{"is_enabled": "bool"})
}

// TestHookSubscriptionIsEnabledQual: with is_enabled given, one request per workspace, for that state.
func TestHookSubscriptionIsEnabledQual(t *testing.T) {
	api, p := startFake(t)
	nlp := harness.Equals("workspace_id", fakeapi.WorkspaceNLP)
	for state, want := range map[bool][]string{true: {fakeapi.HookStudyStatus, fakeapi.HookSubmissions}, false: {fakeapi.HookProgressOld}} {
		api.ResetLog()
		rows := p.MustExecute(t, harness.Query{Table: hookSubscriptionsTable, Quals: merge(nlp, boolEquals("is_enabled", state))})
		if got := harness.Strings(rows, "id"); !reflect.DeepEqual(got, want) {
			t.Errorf("is_enabled = %v: ids %v, want %v", state, got, want)
		}
		query := url.Values{"is_enabled": {map[bool]string{true: "true", false: "false"}[state]}, "limit": {"200"},
			"offset": {"0"}, "workspace_id": {fakeapi.WorkspaceNLP}}.Encode()
		if got := requestsWith(api, fakeapi.HooksPath+"/"); !reflect.DeepEqual(got, []string{query}) {
			t.Errorf("is_enabled = %v: requests %q, want [%q]", state, got, query)
		}
	}
}

// TestHookSubscriptionIgnoredStateFilter: if the API ignored is_enabled and answered every subscription to both
// requests, each would still be listed once, with its own state.
func TestHookSubscriptionIgnoredStateFilter(t *testing.T) {
	api, p := startFake(t)
	var all []map[string]any
	for _, sub := range []struct {
		id      string
		enabled bool
	}{{fakeapi.HookStudyStatus, true}, {fakeapi.HookSubmissions, true}, {fakeapi.HookProgressOld, false}} {
		all = append(all, map[string]any{"id": sub.id, "event_type": "study.status.change", "target_url": "https://example.org/h",
			"is_enabled": sub.enabled, "workspace_id": fakeapi.WorkspaceNLP})
	}
	body, err := json.Marshal(map[string]any{"results": all, "meta": map[string]int{"count": len(all)}})
	if err != nil {
		t.Fatal(err)
	}
	api.Inject(fakeapi.HooksPath, fakeapi.Fault{Kind: fakeapi.StatusFault, Status: http.StatusOK, Body: string(body), Repeat: true})
	rows := p.MustExecute(t, harness.Query{Table: hookSubscriptionsTable, Quals: harness.Equals("workspace_id", fakeapi.WorkspaceNLP)})
	byID := harness.ByColumn(t, rows, "id") // fails on a duplicate
	if len(byID) != 3 {
		t.Fatalf("%d rows, want 3", len(rows))
	}
	checkRow(t, "disabled", byID[fakeapi.HookProgressOld], map[string]any{"is_enabled": false})
}

func TestHookSubscriptionGet(t *testing.T) {
	api, p := startFake(t)
	rows := p.MustExecute(t, harness.Query{Table: hookSubscriptionsTable, Quals: harness.Equals("id", fakeapi.HookProgressOld)})
	if len(rows) != 1 {
		t.Fatalf("%d rows, want 1", len(rows))
	}
	checkRow(t, "disabled", rows[0], map[string]any{"workspace_id": fakeapi.WorkspaceNLP, "is_enabled": false,
		"target_url": "https://old-hooks.nlp-lab.example.org/progress"})
	if got := api.Requests(); len(got) != 1 || got[0].Path != fakeapi.HooksPath+"/"+fakeapi.HookProgressOld+"/" {
		t.Errorf("requests %v, want one get", got)
	}
	rows, err := p.Execute(t, harness.Query{Table: hookSubscriptionsTable, Quals: harness.Equals("id", "68b0c1d2e3f4a5b6c7d8f1fe")})
	if err != nil || len(rows) != 0 {
		t.Fatalf("%d rows, err %v; want 0 rows and no error", len(rows), err)
	}
}
