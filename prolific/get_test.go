package prolific_test

import (
	"strings"
	"testing"
	"time"

	"github.com/pipeworks/steampipe-plugin-prolific/test/fakeapi"
	"github.com/pipeworks/steampipe-plugin-prolific/test/harness"
)

// getCase is a query that depends on a single-object get of path (escaped, without a trailing slash).
type getCase struct {
	name  string
	query harness.Query
	path  string
}

// getCases covers each kind of single-object get: a table's Get, a column hydrate, and a get that a list or its
// parent hydrate depends on.
var getCases = []getCase{
	{"batch Get", harness.Query{Table: "prolific_batch", Quals: harness.Equals("id", fakeapi.BatchSentiment)},
		"/api/v1/data-collection/batches/" + fakeapi.BatchSentiment},
	{"dataset Get", harness.Query{Table: "prolific_dataset", Quals: harness.Equals("id", fakeapi.DatasetReviews)},
		"/api/v1/data-collection/datasets/" + fakeapi.DatasetReviews},
	{"project Get", harness.Query{Table: "prolific_project", Columns: []string{"id", "title"},
		Quals: harness.Equals("id", fakeapi.ProjectSentiment)}, "/api/v1/projects/" + fakeapi.ProjectSentiment},
	{"study Get", harness.Query{Table: "prolific_study", Columns: []string{"id", "name"},
		Quals: harness.Equals("id", fakeapi.StudySentiment)}, "/api/v1/studies/" + fakeapi.StudySentiment},
	{"workspace balance column", harness.Query{Table: "prolific_workspace", Columns: []string{"id", "total_balance"},
		Quals: harness.Equals("id", fakeapi.WorkspaceNLP)}, "/api/v1/workspaces/" + fakeapi.WorkspaceNLP + "/balance"},
	{"project a parent hydrate depends on", harness.Query{Table: "prolific_study", Columns: []string{"id"},
		Quals: harness.Equals("project_id", fakeapi.ProjectSentiment)}, "/api/v1/projects/" + fakeapi.ProjectSentiment},
	{"batch a list depends on", harness.Query{Table: "prolific_batch_instruction",
		Quals: harness.Equals("batch_id", fakeapi.BatchSummaries)}, "/api/v1/data-collection/batches/" + fakeapi.BatchSummaries},
}

// TestGetFailureIsLoggedOnceAndReturned: when a single-object get fails, the query fails with the API's error, and
// the failure is logged exactly once (one api_error line), whichever table or hydrate made the get.
func TestGetFailureIsLoggedOnceAndReturned(t *testing.T) {
	logs := harness.CaptureLogs(t, "WARN")
	api, p := startFake(t)
	for _, c := range getCases {
		if rows, err := p.Execute(t, c.query); err != nil || len(rows) == 0 {
			t.Errorf("%s: without faults, %d rows, err %v", c.name, len(rows), err)
			continue
		}
		api.ClearFaults()
		api.Inject(c.path, fakeapi.Fault{Kind: fakeapi.StatusFault, Status: 403, Repeat: true})
		before := len(logs.String())
		_, err := p.Execute(t, c.query)
		api.ClearFaults()
		if err == nil || !strings.Contains(err.Error(), "403") {
			t.Errorf("%s: err %v, want the API's 403", c.name, err)
			continue
		}
		if n := apiErrorLines(logs, before); n != 1 {
			t.Errorf("%s: the failure is logged %d times, want once:\n%s", c.name, n, logs.String()[before:])
		}
	}
}

// apiErrorLines counts the api_error lines logged after offset, once the first has arrived (the logs come through a
// pipe) and a moment has passed for any other.
func apiErrorLines(logs *harness.Logs, offset int) int {
	for range 200 {
		if strings.Contains(logs.String()[offset:], "api_error") {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(100 * time.Millisecond)
	return strings.Count(logs.String()[offset:], "api_error")
}
