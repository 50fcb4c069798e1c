package prolific_test

import (
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/pipeworks/steampipe-plugin-prolific/test/fakeapi"
	"github.com/pipeworks/steampipe-plugin-prolific/test/harness"
)

const hookEventsTable = "prolific_hook_event"

var hookEventKinds = map[string]string{"datetime_created": "timestamp", "datetime_updated": "timestamp", "payload": "json"}

func TestHookEventSchema(t *testing.T) {
	_, p := startFake(t)
	checkSchema(t, p, hookEventsTable, []string{"id", "subscription_id", "status", "resource_id"}, map[string]string{
		"id": "STRING", "subscription_id": "STRING", "status": "STRING", "resource_id": "STRING",
		"datetime_created": "TIMESTAMP", "datetime_updated": "TIMESTAMP", "event_type": "STRING", "payload": "JSON",
		"target_url": "STRING",
	})
	checkKeyColumns(t, p, hookEventsTable, map[string]string{"subscription_id": "optional", "status": "optional",
		"resource_id": "optional"}, "")
}

// TestHookEventEveryColumn reads one subscription's events with one request of the largest page the API allows.
func TestHookEventEveryColumn(t *testing.T) {
	api, p := startFake(t)
	rows := p.MustExecute(t, harness.Query{Table: hookEventsTable, Quals: harness.Equals("subscription_id", fakeapi.HookSubmissions)})
	byID := harness.ByColumn(t, rows, "id")
	if len(byID) != 6 {
		t.Fatalf("%d events, want 6", len(byID))
	}
	checkRow(t, "failed rejection", byID["69000000000000000000000d"], map[string]any{
		"subscription_id": fakeapi.HookSubmissions, "status": "FAILED", "resource_id": "5e0000000000000000000004",
		"event_type": "submission.status.change", "target_url": "https://hooks.nlp-lab.example.org/prolific/submissions",
		"datetime_created": harness.Timestamp(t, "2026-09-15T17:40:00Z"),
		"datetime_updated": harness.Timestamp(t, "2026-09-15T18:40:01Z"),
		"payload": j(t, `{"resource_id":"5e0000000000000000000004","event_type":"submission.status.change",`+
			`"participant_id":"62d9a3b4c5e6f7a8b9c0d1e2","status":"REJECTED"}`),
	})
	checkRow(t, "fractional seconds", byID["69000000000000000000000e"], map[string]any{
		"datetime_created": harness.Timestamp(t, "2026-09-14T09:12:00.25Z"), "status": "FAILED"})
	checkRow(t, "pending", byID["69000000000000000000000f"], map[string]any{"status": "PENDING"})
	want := []string{"limit=1000&offset=0"}
	if got := requestsWith(api, fakeapi.HookEventsPath(fakeapi.HookSubmissions)+"/"); !reflect.DeepEqual(got, want) {
		t.Errorf("requests = %q, want %q", got, want)
	}
	checkKinds(t, rows, hookEventKinds)
}

// TestHookEventListsEverySubscription: without subscription_id, the events of every subscription of every workspace,
// the disabled one included.
func TestHookEventListsEverySubscription(t *testing.T) {
	api, p := startFake(t)
	rows := p.MustExecute(t, harness.Query{Table: hookEventsTable})
	if len(harness.ByColumn(t, rows, "id")) != 11 {
		t.Fatalf("%d events, want 11 (3 study status, 6 submission, 2 of the disabled subscription)", len(rows))
	}
	counts := map[string]int{}
	for _, row := range rows {
		counts[row["subscription_id"].GetStringValue()]++
	}
	want := map[string]int{fakeapi.HookStudyStatus: 3, fakeapi.HookSubmissions: 6, fakeapi.HookProgressOld: 2}
	if !reflect.DeepEqual(counts, want) {
		t.Errorf("events per subscription = %v, want %v", counts, want)
	}
	for _, id := range []string{fakeapi.HookStudyStatus, fakeapi.HookSubmissions, fakeapi.HookProgressOld, fakeapi.HookVisionStatus} {
		if n := api.RequestsTo(fakeapi.HookEventsPath(id)); n != 1 {
			t.Errorf("%d event list requests for %s, want 1", n, id)
		}
	}
}

// TestHookEventFilters: status and resource_id are passed to the API, across every subscription too; an IN list of
// statuses asks once per status.
func TestHookEventFilters(t *testing.T) {
	api, p := startFake(t)
	rows := p.MustExecute(t, harness.Query{Table: hookEventsTable, Columns: []string{"id", "subscription_id", "status"},
		Quals: harness.Equals("status", "FAILED")})
	if got := harness.Strings(rows, "status"); !reflect.DeepEqual(got, slices.Repeat([]string{"FAILED"}, 5)) {
		t.Errorf("statuses %v, want 5 FAILED", got)
	}
	for _, q := range requestsWith(api, fakeapi.HookEventsPath(fakeapi.HookSubmissions)+"/") {
		if q != "limit=1000&offset=0&status=FAILED" {
			t.Errorf("request %q does not pass the status", q)
		}
	}
	api.ResetLog()
	rows = p.MustExecute(t, harness.Query{Table: hookEventsTable, Columns: []string{"id", "status"},
		Quals: merge(harness.Equals("subscription_id", fakeapi.HookSubmissions), harness.In("status", "FAILED", "PENDING"))})
	if len(rows) != 4 {
		t.Errorf("%d FAILED or PENDING events, want 4", len(rows))
	}
	if got := sortedCopy(requestsWith(api, fakeapi.HookEventsPath(fakeapi.HookSubmissions)+"/")); !reflect.DeepEqual(got,
		[]string{"limit=1000&offset=0&status=FAILED", "limit=1000&offset=0&status=PENDING"}) {
		t.Errorf("requests %q, want one per status", got)
	}
	rows = p.MustExecute(t, harness.Query{Table: hookEventsTable, Columns: []string{"id", "resource_id", "subscription_id"},
		Quals: harness.Equals("resource_id", fakeapi.StudySentiment)})
	if got := harness.Strings(rows, "subscription_id"); !reflect.DeepEqual(got, []string{fakeapi.HookStudyStatus, fakeapi.HookStudyStatus}) {
		t.Errorf("events about the sentiment study come from %v, want two from the study status subscription", got)
	}
}

// TestHookEventPaging: the events list pages with limit and offset until meta.count.
func TestHookEventPaging(t *testing.T) {
	api := fakeapi.New()
	api.MaxPageSize = 2
	server := httptest.NewServer(api)
	t.Cleanup(server.Close)
	p := harness.Start(t, harness.Config(server.URL))
	rows := p.MustExecute(t, harness.Query{Table: hookEventsTable, Quals: harness.Equals("subscription_id", fakeapi.HookSubmissions)})
	if len(harness.ByColumn(t, rows, "id")) != 6 {
		t.Fatalf("%d events, want 6", len(rows))
	}
	want := []string{"limit=1000&offset=0", "limit=1000&offset=2", "limit=1000&offset=4"}
	if got := requestsWith(api, fakeapi.HookEventsPath(fakeapi.HookSubmissions)+"/"); !reflect.DeepEqual(got, want) {
		t.Errorf("requests = %q, want %q", got, want)
	}
	api.ResetLog()
	if rows := p.MustExecute(t, harness.Query{Table: hookEventsTable, Limit: 1,
		Quals: harness.Equals("subscription_id", fakeapi.HookSubmissions)}); len(rows) != 1 {
		t.Errorf("%d rows with LIMIT 1", len(rows))
	}
	if got := requestsWith(api, fakeapi.HookEventsPath(fakeapi.HookSubmissions)+"/"); !reflect.DeepEqual(got, []string{"limit=1&offset=0"}) {
		t.Errorf("LIMIT 1: requests = %q, want one asking for one event", got)
	}
}

// TestHookEventIgnoreErrorCodes: a subscription whose events answer a status in ignore_error_codes is left out of a
// listing over every subscription; without the setting the status fails the query.
func TestHookEventIgnoreErrorCodes(t *testing.T) {
	api := fakeapi.New()
	api.Inject(fakeapi.HookEventsPath(fakeapi.HookProgressOld), fakeapi.Fault{Kind: fakeapi.StatusFault, Status: http.StatusForbidden, Repeat: true})
	server := httptest.NewServer(api)
	t.Cleanup(server.Close)
	strict := harness.Start(t, harness.Config(server.URL))
	if _, err := strict.Execute(t, harness.Query{Table: hookEventsTable}); err == nil || !strings.Contains(err.Error(), "403") {
		t.Errorf("err %v, want the 403", err)
	}
	lenient := harness.Start(t, harness.Config(server.URL, "ignore_error_codes = [403]"))
	rows := lenient.MustExecute(t, harness.Query{Table: hookEventsTable, Columns: []string{"id", "subscription_id"}})
	if len(rows) != 9 || slices.Contains(harness.Strings(rows, "subscription_id"), fakeapi.HookProgressOld) {
		t.Errorf("%d rows, want the 9 events of the other subscriptions", len(rows))
	}
}
