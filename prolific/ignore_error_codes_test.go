package prolific_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/pipeworks/steampipe-plugin-prolific/test/fakeapi"
	"github.com/pipeworks/steampipe-plugin-prolific/test/harness"
)

// forbiddenWorkspaceCase is a table that lists across workspaces, and the fault that makes the Vision workspace
// answer 403 to the request that table makes for it: a path of its own, or a query parameter of a shared list.
type forbiddenWorkspaceCase struct {
	table string
	path  string
	query url.Values
}

var forbiddenVision = []forbiddenWorkspaceCase{
	{"prolific_batch", "/api/v1/data-collection/batches", url.Values{"workspace_id": {fakeapi.WorkspaceVision}}},
	{"prolific_collection", "/api/v1/data-collection/collections", url.Values{"workspace_id": {fakeapi.WorkspaceVision}}},
	{"prolific_project", "/api/v1/workspaces/" + fakeapi.WorkspaceVision + "/projects", nil},
	{"prolific_study", "/api/v1/workspaces/" + fakeapi.WorkspaceVision + "/projects", nil},
	{"prolific_participant_group", "/api/v1/participant-groups", url.Values{"workspace_id": {fakeapi.WorkspaceVision}}},
	{"prolific_filter_set", fakeapi.FilterSetsPath, url.Values{"workspace_id": {fakeapi.WorkspaceVision}}},
	{"prolific_hook_subscription", fakeapi.HooksPath, url.Values{"workspace_id": {fakeapi.WorkspaceVision}}},
}

// forbidVision starts a fake whose Vision workspace answers 403 to c's request, every time.
func forbidVision(t *testing.T, c forbiddenWorkspaceCase) *httptest.Server {
	t.Helper()
	api := fakeapi.New()
	api.Inject(c.path, fakeapi.Fault{Kind: fakeapi.StatusFault, Status: http.StatusForbidden, Repeat: true, Query: c.query})
	server := httptest.NewServer(api)
	t.Cleanup(server.Close)
	return server
}

// TestForbiddenWorkspaceFailsListingsByDefault: without ignore_error_codes, a 403 on one of the two workspaces fails
// every listing across workspaces, with the 403 in the error.
func TestForbiddenWorkspaceFailsListingsByDefault(t *testing.T) {
	for _, c := range forbiddenVision {
		p := harness.Start(t, harness.Config(forbidVision(t, c).URL))
		rows, err := p.Execute(t, harness.Query{Table: c.table, Columns: []string{"id", "workspace_id"}})
		if err == nil || !strings.Contains(err.Error(), "403 Forbidden") {
			t.Errorf("%s: %d rows, err %v; want the 403", c.table, len(rows), err)
		}
	}
}

// TestIgnoreErrorCodesSkipsForbiddenWorkspace: with ignore_error_codes = [403] the same listings return the other
// workspace's rows, exactly those of a query for that workspace alone, and log a warning that names the skipped
// workspace, without the token.
func TestIgnoreErrorCodesSkipsForbiddenWorkspace(t *testing.T) {
	logs := harness.CaptureLogs(t, "WARN")
	for _, c := range forbiddenVision {
		server := forbidVision(t, c)
		p := harness.Start(t, harness.Config(server.URL, "ignore_error_codes = [403]"))
		rows, err := p.Execute(t, harness.Query{Table: c.table, Columns: []string{"id", "workspace_id"}})
		if err != nil {
			t.Errorf("%s: %v", c.table, err)
			continue
		}
		want := harness.Strings(p.MustExecute(t, harness.Query{Table: c.table, Columns: []string{"id", "workspace_id"},
			Quals: harness.Equals("workspace_id", fakeapi.WorkspaceNLP)}), "id")
		if got := harness.Strings(rows, "id"); len(want) == 0 || !slices.Equal(got, want) {
			t.Errorf("%s: ids %v, want the NLP workspace's %v", c.table, got, want)
		}
		if workspaces := slices.Compact(harness.Strings(rows, "workspace_id")); !slices.Equal(workspaces, []string{fakeapi.WorkspaceNLP}) {
			t.Errorf("%s: rows from workspaces %v, want only %s", c.table, workspaces, fakeapi.WorkspaceNLP)
		}
	}
	if !logs.WaitFor("skipped=\"workspace " + fakeapi.WorkspaceVision) {
		t.Fatalf("no warning naming the skipped workspace:\n%s", logs.String())
	}
	if strings.Contains(logs.String(), fakeapi.DefaultToken) {
		t.Fatal("the log shows the token")
	}
}

// TestIgnoreErrorCodesKeepsOtherErrors: a status the setting does not list still fails the query, and so does a
// listed status on a later page of a workspace's list, whose first rows were already returned.
func TestIgnoreErrorCodesKeepsOtherErrors(t *testing.T) {
	api := fakeapi.New()
	api.MaxPageSize = 1
	projects := "/api/v1/workspaces/" + fakeapi.WorkspaceNLP + "/projects"
	server := httptest.NewServer(api)
	t.Cleanup(server.Close)
	p := harness.Start(t, harness.Config(server.URL, "ignore_error_codes = [403]", "max_retries = 0"))
	query := harness.Query{Table: "prolific_project", Columns: []string{"id"}, Quals: harness.Equals("workspace_id", fakeapi.WorkspaceNLP)}

	api.Inject(projects, fakeapi.Fault{Kind: fakeapi.StatusFault, Status: http.StatusUnauthorized})
	if _, err := p.Execute(t, query); err == nil || !strings.Contains(err.Error(), "401") {
		t.Errorf("401 with ignore_error_codes = [403]: err %v, want the 401", err)
	}
	api.ClearFaults()
	api.Inject(projects, fakeapi.Fault{Kind: fakeapi.StatusFault, Status: http.StatusForbidden,
		Query: url.Values{"offset": {"1"}}})
	if rows, err := p.Execute(t, query); err == nil || !strings.Contains(err.Error(), "403") {
		t.Errorf("403 on page 2: %d rows, err %v; want the 403", len(rows), err)
	}
}

// TestIgnoreErrorCodesIsValidated: the setting takes a list of HTTP error statuses, as numbers or digit strings, and
// refuses anything else with an error that names it and the wrong value.
func TestIgnoreErrorCodesIsValidated(t *testing.T) {
	server := httptest.NewServer(fakeapi.New())
	t.Cleanup(server.Close)
	for _, good := range []string{"[403]", `["403", 404]`, "[]", "[403, 403]"} {
		p := harness.Start(t, harness.Config(server.URL, "ignore_error_codes = "+good))
		if _, err := queryBatch(t, p, fakeapi.BatchAllShapes); err != nil {
			t.Errorf("ignore_error_codes = %s: %v", good, err)
		}
	}
	cases := map[string]string{
		`["AccessDenied"]`: `ignore_error_codes: "AccessDenied" is not an HTTP error status`,
		"[200]":            "ignore_error_codes: 200 is not an HTTP error status: list statuses from 400 to 599",
		"[403.5]":          "ignore_error_codes: 403.5 is not an HTTP error status",
		"[600]":            "ignore_error_codes: 600 is not an HTTP error status",
		"403":              "ignore_error_codes = 403 is not valid: it must be a list of HTTP statuses, such as ignore_error_codes = [403]",
		`"403"`:            `ignore_error_codes = "403" is not valid: it must be a list`,
		"[null]":           "ignore_error_codes: null is not an HTTP error status",
	}
	for value, want := range cases {
		p := harness.Start(t, harness.Config(server.URL, "ignore_error_codes = "+value))
		_, err := queryBatch(t, p, fakeapi.BatchAllShapes)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ignore_error_codes = %s: err %v, want one containing %q", value, err, want)
		}
	}
}
