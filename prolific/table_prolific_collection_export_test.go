package prolific_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/pipeworks/steampipe-plugin-prolific/test/fakeapi"
	"github.com/pipeworks/steampipe-plugin-prolific/test/harness"
)

const collectionExportsTable = "prolific_collection_export"

func TestCollectionExportSchema(t *testing.T) {
	_, p := startFake(t)
	checkSchema(t, p, collectionExportsTable, []string{"collection_id"}, map[string]string{
		"collection_id": "STRING", "created_at": "TIMESTAMP", "expires_at": "TIMESTAMP", "export_id": "STRING",
		"filter": "JSON", "filter_from": "TIMESTAMP", "filter_study_id": "STRING", "filter_to": "TIMESTAMP",
		"status": "STRING", "url": "STRING",
	})
	checkKeyColumns(t, p, collectionExportsTable, map[string]string{"collection_id": "required"}, "")
	mustFail(t, p, harness.Query{Table: collectionExportsTable}, "missing 1 required qual", "collection_id")
}

// TestCollectionExportEveryColumn reads a bare-array list for two collections, and the URL of the complete export.
func TestCollectionExportEveryColumn(t *testing.T) {
	api, p := startFake(t)
	rows := p.MustExecute(t, harness.Query{Table: collectionExportsTable,
		Quals: harness.In("collection_id", fakeapi.CollectionFeedback, fakeapi.CollectionVoice, fakeapi.CollectionSketches)})
	byID := harness.ByColumn(t, rows, "export_id")
	if len(byID) != 3 {
		t.Fatalf("%d rows, want 3", len(byID))
	}
	checkRow(t, "complete", byID[fakeapi.CollectionExportComplete], map[string]any{
		"collection_id": fakeapi.CollectionFeedback, "status": "complete", "filter": nil, "filter_from": nil,
		"created_at": harness.Timestamp(t, "2026-09-20T16:45:00Z"),
		"url":        fakeapi.ExportDownloadURL(fakeapi.CollectionExportComplete),
		"expires_at": harness.Timestamp(t, fakeapi.ExportURLExpiresAt),
	})
	checkRow(t, "generating", byID[fakeapi.CollectionExportGenerating], map[string]any{
		"collection_id": fakeapi.CollectionFeedback, "status": "generating", "url": nil, "expires_at": nil,
		"filter": j(t, `{"from":"2026-09-21T00:00:00Z"}`), "filter_from": harness.Timestamp(t, "2026-09-21T00:00:00Z"),
	})
	checkRow(t, "failed", byID[fakeapi.CollectionExportFailed], map[string]any{
		"collection_id": fakeapi.CollectionVoice, "status": "failed", "url": nil,
		"filter_to": harness.Timestamp(t, "2026-09-09T00:00:00Z"), "filter_study_id": nil,
	})
	for _, id := range []string{fakeapi.CollectionFeedback, fakeapi.CollectionVoice, fakeapi.CollectionSketches} {
		if n := len(requestsWith(api, fakeapi.CollectionExportsPath(id))); n != 1 {
			t.Errorf("%d list requests for %s, want 1", n, id)
		}
	}
	checkKinds(t, rows, exportKinds)
}

func TestCollectionExportNotFoundIsEmpty(t *testing.T) {
	_, p := startFake(t)
	rows, err := p.Execute(t, harness.Query{Table: collectionExportsTable, Quals: harness.Equals("collection_id", "6a1b2c3d-0000-4000-8000-0000000000ff")})
	if err != nil || len(rows) != 0 {
		t.Fatalf("%d rows, err %v; want 0 rows and no error", len(rows), err)
	}
}

// exportCase is one export table and a parent whose jobs include a complete one.
type exportCase struct {
	table, column, parent, complete string
	listPath                        string
}

var exportCases = []exportCase{
	{exportsTable, "batch_id", fakeapi.BatchSentiment, "e5000000-0000-4000-8000-000000000002", fakeapi.ExportsPath(fakeapi.BatchSentiment)},
	{collectionExportsTable, "collection_id", fakeapi.CollectionFeedback, fakeapi.CollectionExportComplete, fakeapi.CollectionExportsPath(fakeapi.CollectionFeedback)},
}

// TestExportURLOnlyForCompleteJobs: url and expires_at cost one status request per complete job and none for the
// others, and none at all unless selected. The request is the job's own status path.
func TestExportURLOnlyForCompleteJobs(t *testing.T) {
	for _, c := range exportCases {
		api, p := startFake(t)
		p.MustExecute(t, harness.Query{Table: c.table, Columns: []string{"export_id", "status"}, Quals: harness.Equals(c.column, c.parent)})
		if n := api.RequestsTo(c.listPath + "/"); n != 0 {
			t.Errorf("%s: %d status requests without url selected, want 0", c.table, n)
		}
		api.ResetLog()
		rows := p.MustExecute(t, harness.Query{Table: c.table, Columns: []string{"export_id", "url", "expires_at"},
			Quals: harness.Equals(c.column, c.parent)})
		if len(rows) < 2 {
			t.Fatalf("%s: %d rows, want the complete job and at least one other", c.table, len(rows))
		}
		var status []string
		for _, r := range api.Requests() {
			if strings.HasPrefix(r.Path, c.listPath+"/") {
				status = append(status, r.Path)
			}
		}
		if want := []string{c.listPath + "/" + c.complete}; !reflect.DeepEqual(status, want) {
			t.Errorf("%s: status requests %q, want %q", c.table, status, want)
		}
	}
}

// TestExportURLNeverLogged: the download URL grants access to the data without a token, so it must not reach the
// plugin's logs, even at TRACE, whether the status request succeeds or fails.
func TestExportURLNeverLogged(t *testing.T) {
	logs := harness.CaptureLogs(t, "TRACE")
	for _, c := range exportCases {
		api, p := startFake(t)
		rows := p.MustExecute(t, harness.Query{Table: c.table, Quals: harness.Equals(c.column, c.parent)})
		if got := harness.ByColumn(t, rows, "export_id")[c.complete]; got == nil || !strings.Contains(got["url"].GetStringValue(), fakeapi.ExportURLSignature) {
			t.Fatalf("%s: the complete job has no url; the test would prove nothing", c.table)
		}
		api.Inject(c.listPath+"/"+c.complete, fakeapi.Fault{Kind: fakeapi.MalformedJSON})
		mustFail(t, p, harness.Query{Table: c.table, Columns: []string{"export_id", "url"}, Quals: harness.Equals(c.column, c.parent)},
			"not valid JSON")
	}
	if !logs.WaitFor("api_error") {
		t.Fatalf("the logs were not captured at TRACE:\n%.2000s", logs.String())
	}
	for _, secret := range []string{fakeapi.ExportURLSignature, "prolific-exports.s3"} {
		if strings.Contains(logs.String(), secret) {
			t.Errorf("the logs show the download URL (%s)", secret)
		}
	}
}
