package prolific_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/pipeworks/steampipe-plugin-prolific/test/fakeapi"
	"github.com/pipeworks/steampipe-plugin-prolific/test/harness"
)

// deprecationCase is a query whose request to path answers with Deprecation and Sunset headers.
type deprecationCase struct {
	name  string
	query harness.Query
	path  string // escaped, without a trailing slash
}

// deprecationCases covers each way the plugin reads the API: both paging styles, a streamed list, a table's Get and
// a column hydrate's get.
var deprecationCases = []deprecationCase{
	{"paged list, limit and offset", harness.Query{Table: "prolific_workspace", Columns: []string{"id"}},
		"/api/v1/workspaces"},
	{"paged list, page numbers", harness.Query{Table: "prolific_submission", Columns: []string{"id"},
		Quals: harness.Equals("study_id", fakeapi.StudySentiment)}, "/api/v1/submissions"},
	{"streamed list", harness.Query{Table: "prolific_batch_response", Columns: []string{"id"},
		Quals: harness.Equals("batch_id", fakeapi.BatchAllShapes)}, strings.TrimSuffix(fakeapi.ResponsesPath(fakeapi.BatchAllShapes), "/")},
	{"get", harness.Query{Table: "prolific_project", Columns: []string{"id", "title"},
		Quals: harness.Equals("id", fakeapi.ProjectSentiment)}, "/api/v1/projects/" + fakeapi.ProjectSentiment},
	{"column hydrate get", harness.Query{Table: "prolific_workspace", Columns: []string{"id", "total_balance"},
		Quals: harness.Equals("id", fakeapi.WorkspaceNLP)}, "/api/v1/workspaces/" + fakeapi.WorkspaceNLP + "/balance"},
}

// sunsetOf is the Sunset date the fake sends for case i, distinct per case so each warning can be told apart.
func sunsetOf(i int) string {
	return fmt.Sprintf("Tue, %02d Sep 2026 23:59:59 GMT", i+1)
}

// withDeprecationHeaders marks the answers to each case's path as deprecated, as Prolific does (RFC 8594).
func withDeprecationHeaders(api http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for i, c := range deprecationCases {
			if strings.TrimSuffix(r.URL.EscapedPath(), "/") == c.path {
				w.Header().Set("Deprecation", "true")
				w.Header().Set("Sunset", sunsetOf(i))
			}
		}
		api.ServeHTTP(w, r)
	})
}

// TestDeprecationHeadersAreLogged: whichever way an endpoint is read (paged, streamed, a get), a response with
// Deprecation and Sunset headers logs a warning that names the endpoint and the sunset date, and the rows are read
// as usual. Paged lists over several pages warn too (the fake serves one item per page).
func TestDeprecationHeadersAreLogged(t *testing.T) {
	logs := harness.CaptureLogs(t, "WARN")
	api := fakeapi.New()
	api.MaxPageSize = 1
	server := httptest.NewServer(withDeprecationHeaders(api))
	t.Cleanup(server.Close)
	p := harness.Start(t, harness.Config(server.URL))
	for i, c := range deprecationCases {
		rows, err := p.Execute(t, c.query)
		if err != nil || len(rows) == 0 {
			t.Errorf("%s: %d rows, err %v; want rows", c.name, len(rows), err)
			continue
		}
		sunset := sunsetOf(i)
		if !logs.WaitFor(sunset) {
			t.Errorf("%s: no deprecation warning for %s with its sunset date in the logs:\n%s", c.name, c.path, logs.String())
			continue
		}
		if line := lineWith(logs.String(), sunset); !strings.Contains(line, "deprecated_endpoint") ||
			!strings.Contains(line, "path="+c.path) {
			t.Errorf("%s: the warning %q does not name the deprecated endpoint %s", c.name, line, c.path)
		}
	}
}

// lineWith returns the first line of text that contains part.
func lineWith(text, part string) string {
	for line := range strings.Lines(text) {
		if strings.Contains(line, part) {
			return line
		}
	}
	return ""
}
