package prolific_test

import (
	"strings"
	"testing"

	"github.com/pipeworks/steampipe-plugin-prolific/test/fakeapi"
	"github.com/pipeworks/steampipe-plugin-prolific/test/harness"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
)

const datasetsTable = "prolific_dataset"

var datasetKinds = map[string]string{
	"created_at": "timestamp", "has_predetermined_grouping_id": "bool", "imports": "json", "schema": "json",
	"total_datapoint_count": "int",
}

func TestDatasetSchema(t *testing.T) {
	_, p := startFake(t)
	checkSchema(t, p, datasetsTable, []string{"id"}, map[string]string{
		"id": "STRING", "created_at": "TIMESTAMP", "created_by": "STRING", "filename": "STRING",
		"has_predetermined_grouping_id": "BOOL", "imports": "JSON", "name": "STRING", "title": "STRING", "schema": "JSON",
		"schema_version": "STRING", "status": "STRING", "total_datapoint_count": "INT", "workspace_id": "STRING",
	})
	// id is a key column of both calls: the FDW plans joins on List key columns only, so the List call is what
	// lets a join from prolific_batch.datasets supply the id.
	for call, keys := range map[string][]*proto.KeyColumn{
		"get":  ownKeys(p.Schema(t)[datasetsTable].GetGetCallKeyColumnList()),
		"list": ownKeys(p.Schema(t)[datasetsTable].GetListCallKeyColumnList()),
	} {
		if len(keys) != 1 || keys[0].Name != "id" || keys[0].Require != "required" {
			t.Errorf("%s key columns = %v, want id required", call, keys)
		}
	}
}

func TestDatasetRequiresID(t *testing.T) {
	_, p := startFake(t)
	_, err := p.Execute(t, harness.Query{Table: datasetsTable})
	if err == nil || !strings.Contains(err.Error(), "missing 1 required qual") || !strings.Contains(err.Error(), "'id'") {
		t.Fatalf("err = %v, want the SDK's missing required qual error naming id", err)
	}
}

func TestDatasetEveryColumn(t *testing.T) {
	api, p := startFake(t)
	rows := p.MustExecute(t, harness.Query{Table: datasetsTable,
		Quals: harness.In("id", fakeapi.DatasetReviews, fakeapi.DatasetSummaries, fakeapi.DatasetAllShapes)})
	byID := harness.ByColumn(t, rows, "id")
	if len(byID) != 3 {
		t.Fatalf("%d rows, want 3", len(byID))
	}
	checkRow(t, "V3", byID[fakeapi.DatasetReviews], map[string]any{
		"id": fakeapi.DatasetReviews, "name": "Product reviews", "created_at": harness.Timestamp(t, "2026-09-01T08:50:00Z"),
		"created_by": fakeapi.ResearcherID, "workspace_id": fakeapi.WorkspaceNLP, "total_datapoint_count": int64(8),
		"schema_version": "3", "status": "READY", "filename": "reviews.csv", "has_predetermined_grouping_id": false,
		"schema": nil, "imports": nil,
	})
	checkRow(t, "V4", byID[fakeapi.DatasetSummaries], map[string]any{
		"id": fakeapi.DatasetSummaries, "name": "Model summaries", "created_at": harness.Timestamp(t, "2026-09-19T10:00:00Z"),
		"created_by": fakeapi.ResearcherID, "workspace_id": fakeapi.WorkspaceNLP, "total_datapoint_count": int64(6),
		"schema_version": "4", "status": "READY", "filename": nil, "has_predetermined_grouping_id": nil,
		"schema": j(t, `{"strict":true,"fields":{"article":{"type":"text","label":"Article"},"summary":{"type":"text","label":"Summary"},"model":{"type":"metadata"}}}`),
		"imports": j(t, `[{"dataset_id":"`+fakeapi.DatasetSummaries+`","import_id":"1a000000-0000-4000-8000-000000000001","type":"file_upload",`+
			`"filename":"summaries.jsonl","created_at":"2026-09-19T10:01:00Z","updated_at":"2026-09-19T10:02:30Z",`+
			`"status":"complete","accepted_count":6,"rejected_count":0}]`),
	})
	// Loosely typed values are read where they can be, NULL where they cannot.
	checkRow(t, "loose", byID[fakeapi.DatasetAllShapes], map[string]any{
		"created_at": nil, "total_datapoint_count": int64(12), "has_predetermined_grouping_id": true, "status": "ERROR",
	})
	// Only the V4 dataset, whose object has no status, needs the status endpoint.
	if n := api.RequestsTo(fakeapi.DatasetPath(fakeapi.DatasetSummaries) + "/status"); n != 1 {
		t.Errorf("%d status requests for the V4 dataset, want 1", n)
	}
	if n := api.RequestsTo(fakeapi.DatasetPath(fakeapi.DatasetReviews) + "/status"); n != 0 {
		t.Errorf("%d status requests for the V3 dataset, want 0", n)
	}
	checkKinds(t, rows, datasetKinds)
}

func TestDatasetNotFoundIsEmpty(t *testing.T) {
	_, p := startFake(t)
	rows, err := p.Execute(t, harness.Query{Table: datasetsTable, Quals: harness.Equals("id", fakeapi.DatasetMissing)})
	if err != nil || len(rows) != 0 {
		t.Fatalf("%d rows, err %v; want 0 rows and no error", len(rows), err)
	}
}
