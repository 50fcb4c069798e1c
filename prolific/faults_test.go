package prolific_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"runtime"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pipeworks/steampipe-plugin-prolific/test/fakeapi"
	"github.com/pipeworks/steampipe-plugin-prolific/test/harness"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
)

// tableProbe is a query that reads rows from one table, and the API path of the request it depends on first.
type tableProbe struct {
	table string
	quals map[string]*proto.Quals
	path  string
}

// probes has one entry per table; TestFaultMatrix checks that none is missing.
var probes = []tableProbe{
	{"prolific_batch_response", harness.Equals("batch_id", fakeapi.BatchAllShapes), fakeapi.ResponsesPath(fakeapi.BatchAllShapes)},
	{"prolific_batch", harness.Equals("workspace_id", fakeapi.WorkspaceNLP), "/api/v1/data-collection/batches"},
	{"prolific_batch_instruction", harness.Equals("batch_id", fakeapi.BatchSummaries), "/api/v1/data-collection/batches/" + fakeapi.BatchSummaries + "/instructions"},
	{"prolific_dataset", harness.Equals("id", fakeapi.DatasetReviews), "/api/v1/data-collection/datasets/" + fakeapi.DatasetReviews},
	{"prolific_batch_export", harness.Equals("batch_id", fakeapi.BatchSentiment), "/api/v1/data-collection/batches/" + fakeapi.BatchSentiment + "/export"},
	{"prolific_collection", harness.Equals("workspace_id", fakeapi.WorkspaceNLP), "/api/v1/data-collection/collections"},
	{"prolific_user", nil, "/api/v1/users/me"},
	{"prolific_workspace", nil, "/api/v1/workspaces"},
	{"prolific_project", harness.Equals("workspace_id", fakeapi.WorkspaceNLP), "/api/v1/workspaces/" + fakeapi.WorkspaceNLP + "/projects"},
	{"prolific_study", harness.Equals("project_id", fakeapi.ProjectSentiment), "/api/v1/projects/" + fakeapi.ProjectSentiment + "/studies"},
	{"prolific_submission", harness.Equals("study_id", fakeapi.StudySentiment), "/api/v1/submissions"},
	{"prolific_participant_group", harness.Equals("workspace_id", fakeapi.WorkspaceNLP), "/api/v1/participant-groups"},
	{"prolific_participant_group_member", harness.Equals("participant_group_id", fakeapi.GroupTrusted), "/api/v1/participant-groups/" + fakeapi.GroupTrusted + "/participants"},
	{"prolific_study_cost", harness.Equals("study_id", fakeapi.StudySentiment), fakeapi.StudyCostPath(fakeapi.StudySentiment)},
	{"prolific_message", nil, "/api/v1/messages"},
	{"prolific_survey", nil, "/api/v1/surveys"},
	{"prolific_survey_response", harness.Equals("survey_id", fakeapi.SurveyShopping), "/api/v1/surveys/" + fakeapi.SurveyShopping + "/responses"},
	{"prolific_collection_export", harness.Equals("collection_id", fakeapi.CollectionFeedback), fakeapi.CollectionExportsPath(fakeapi.CollectionFeedback)},
	{"prolific_filter", nil, fakeapi.FiltersPath},
	{"prolific_filter_set", harness.Equals("workspace_id", fakeapi.WorkspaceNLP), fakeapi.FilterSetsPath},
	{"prolific_hook_event_type", nil, "/api/v1/hooks/event-types"},
	{"prolific_hook_subscription", harness.Equals("workspace_id", fakeapi.WorkspaceNLP), fakeapi.HooksPath},
	{"prolific_hook_event", harness.Equals("subscription_id", fakeapi.HookSubmissions), fakeapi.HookEventsPath(fakeapi.HookSubmissions)},
}

// faultCase is one misbehaviour of the API, and whether the plugin must recover from it (complete rows) or may
// fail (an error that contains every text in mustSay).
type faultCase struct {
	name    string
	faults  []fakeapi.Fault
	recover bool
	mustSay []string
}

// redirectTarget is another host (localhost is not 127.0.0.1 to the client) that records whether it was reached.
type redirectTarget struct {
	server  *httptest.Server
	reached atomic.Bool
	authed  atomic.Bool
}

func newRedirectTarget() *redirectTarget {
	target := &redirectTarget{}
	target.server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		target.reached.Store(true)
		if r.Header.Get("Authorization") != "" {
			target.authed.Store(true)
		}
	}))
	return target
}

func faultCases(redirect *redirectTarget) []faultCase {
	status := func(code int, retryAfter string) fakeapi.Fault {
		return fakeapi.Fault{Kind: fakeapi.StatusFault, Status: code, RetryAfter: retryAfter}
	}
	return []faultCase{
		{name: "429 with Retry-After", faults: []fakeapi.Fault{status(429, "0.05")}, recover: true},
		{name: "429 without Retry-After", faults: []fakeapi.Fault{status(429, ""), status(429, "")}, recover: true},
		{name: "burst of 5xx", faults: []fakeapi.Fault{status(500, ""), status(502, ""), status(503, ""), status(504, "")}, recover: true},
		{name: "connection reset mid-body", faults: []fakeapi.Fault{{Kind: fakeapi.ResetMidBody}}, mustSay: []string{"GET "}},
		{name: "truncated body", faults: []fakeapi.Fault{{Kind: fakeapi.TruncatedBody}}, mustSay: []string{"GET ", "ended before its JSON was complete"}},
		{name: "malformed JSON", faults: []fakeapi.Fault{{Kind: fakeapi.MalformedJSON}}, mustSay: []string{"GET ", "not valid JSON"}},
		{name: "stalled body", faults: []fakeapi.Fault{{Kind: fakeapi.StalledBody, StallFor: 5 * time.Second}}, mustSay: []string{"stalled"}},
		{name: "HTML page", faults: []fakeapi.Fault{{Kind: fakeapi.HTMLPage}}, mustSay: []string{"expected a JSON body", "text/html"}},
		{name: "redirect to another host", faults: []fakeapi.Fault{{Kind: fakeapi.Redirect,
			Location: strings.Replace(redirect.server.URL, "127.0.0.1", "localhost", 1) + "/elsewhere"}},
			mustSay: []string{"refusing to follow a redirect"}},
	}
}

// fingerprints renders rows as sorted JSON lines, so two results compare as multisets.
func fingerprints(t *testing.T, rows []harness.Row) []string {
	t.Helper()
	lines := make([]string, 0, len(rows))
	for _, row := range rows {
		values := map[string]any{}
		for column, value := range row {
			if column != "_ctx" && column != "sp_ctx" {
				values[column] = harness.Value(t, value)
			}
		}
		line, err := json.Marshal(values)
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, string(line))
	}
	sort.Strings(lines)
	return lines
}

// TestFaultMatrix runs every fault against every table. Each run ends with the complete rows or a clear error,
// never with part of the rows and no error; a redirect to another host never carries the token there; the token
// appears in no error and no log line (captured at TRACE); and no goroutines are left behind.
func TestFaultMatrix(t *testing.T) {
	const token = "tok-MATRIX-5c0ffee5"
	logs := harness.CaptureLogs(t, "TRACE")
	redirect := newRedirectTarget()
	defer redirect.server.Close()
	goroutinesBefore := runtime.NumGoroutine()

	covered := map[string]bool{}
	for _, probe := range probes {
		covered[probe.table] = true
		t.Run(probe.table, func(t *testing.T) { runFaultCases(t, probe, token, redirect) })
	}
	for table := range harness.Start(t, `token = "t"`).Schema(t) {
		if !covered[table] {
			t.Errorf("table %s has no probe in the fault matrix", table)
		}
	}
	if redirect.authed.Load() {
		t.Error("the Authorization header followed a redirect to another host")
	}
	if redirect.reached.Load() {
		t.Error("a redirect to another host was followed")
	}
	if strings.Contains(logs.String(), token) {
		t.Error("the token appears in the TRACE logs")
	}
	checkNoGoroutineLeak(t, goroutinesBefore)
}

// runFaultCases runs every fault case against one table's probe, with a fake and a plugin of its own: first without
// faults for the complete rows, then with each fault in turn.
func runFaultCases(t *testing.T, probe tableProbe, token string, redirect *redirectTarget) {
	api := fakeapi.New()
	api.Token = token
	server := httptest.NewServer(api)
	defer server.Close()
	p := harness.Start(t, harness.Config(server.URL, `token = "`+token+`"`, `timeout = "300ms"`))
	query := harness.Query{Table: probe.table, Quals: probe.quals}
	baseline, err := p.Execute(t, query)
	if err != nil || len(baseline) == 0 {
		t.Fatalf("without faults: %d rows, err %v", len(baseline), err)
	}
	want := fingerprints(t, baseline)
	for _, fc := range faultCases(redirect) {
		api.ClearFaults()
		api.Inject(probe.path, fc.faults...)
		rows, err := p.Execute(t, query)
		switch {
		case err == nil && !equalLines(fingerprints(t, rows), want):
			t.Errorf("%s: %d rows and no error, want the %d complete rows or an error", fc.name, len(rows), len(want))
		case err == nil && !fc.recover:
			if len(api.Requests()) == 0 {
				t.Errorf("%s: no request reached the fake", fc.name)
			}
		case err != nil && fc.recover:
			t.Errorf("%s: error %v, want the complete rows after retries", fc.name, err)
		case err != nil:
			for _, part := range fc.mustSay {
				if !strings.Contains(err.Error(), part) {
					t.Errorf("%s: error %q does not say %q", fc.name, err, part)
				}
			}
		}
		if err != nil && strings.Contains(err.Error(), token) {
			t.Errorf("%s: the token is in the error", fc.name)
		}
	}
}

func equalLines(a, b []string) bool {
	return strings.Join(a, "\n") == strings.Join(b, "\n")
}

// checkNoGoroutineLeak waits for goroutines to wind down to about where they started. Each plugin instance keeps a
// few long-lived goroutines of its own (caches, rate limiters), so a small slack per probe is allowed.
func checkNoGoroutineLeak(t *testing.T, before int) {
	t.Helper()
	allowed := before + 6*len(probes)
	deadline := time.Now().Add(5 * time.Second)
	for {
		now := runtime.NumGoroutine()
		if now <= allowed {
			return
		}
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<20)
			t.Fatalf("%d goroutines after the matrix, %d before (allowed %d):\n%.6000s", now, before, allowed, buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(50 * time.Millisecond)
	}
}
