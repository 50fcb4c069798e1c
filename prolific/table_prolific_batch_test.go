package prolific_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/pipeworks/steampipe-plugin-prolific/test/fakeapi"
	"github.com/pipeworks/steampipe-plugin-prolific/test/harness"
)

const batchesTable = "prolific_batch"

// checkKinds checks that every non-null value has its column's type: kinds names the non-string columns.
func checkKinds(t *testing.T, rows []harness.Row, kinds map[string]string) {
	t.Helper()
	for _, row := range rows {
		for column, value := range row {
			if column == "_ctx" || strings.HasPrefix(column, "sp_") {
				continue
			}
			kind, want := harness.Kind(value), kinds[column]
			if want == "" {
				want = "string"
			}
			if kind != want && kind != "null" {
				t.Errorf("column %s has kind %s, want %s", column, kind, want)
			}
		}
	}
}

func TestBatchSchema(t *testing.T) {
	_, p := startFake(t)
	checkSchema(t, p, batchesTable, []string{"id", "workspace_id"}, map[string]string{
		"id": "STRING", "workspace_id": "STRING", "auto_sync_enabled": "BOOL", "batch_items": "JSON",
		"created_at": "TIMESTAMP", "created_by": "STRING", "datasets": "JSON", "name": "STRING", "title": "STRING", "schema_version": "INT",
		"status": "STRING", "task_details": "JSON", "tasks_per_group": "INT", "total_instruction_count": "INT",
		"total_task_count": "INT", "total_task_groups": "INT",
	})
	schema := p.Schema(t)[batchesTable]
	list := ownKeys(schema.GetListCallKeyColumnList())
	if len(list) != 1 || list[0].Name != "workspace_id" || list[0].Require != "optional" {
		t.Errorf("list key columns = %v, want workspace_id optional", list)
	}
	get := ownKeys(schema.GetGetCallKeyColumnList())
	if len(get) != 1 || get[0].Name != "id" || get[0].Require != "required" {
		t.Errorf("get key columns = %v, want id required", get)
	}
}

var batchKinds = map[string]string{
	"auto_sync_enabled": "bool", "batch_items": "json", "created_at": "timestamp", "datasets": "json",
	"schema_version": "int", "task_details": "json", "tasks_per_group": "int", "total_instruction_count": "int",
	"total_task_count": "int", "total_task_groups": "int",
}

func TestBatchListsEveryWorkspaceWithoutWorkspaceID(t *testing.T) {
	api, p := startFake(t)
	rows := p.MustExecute(t, harness.Query{Table: batchesTable})
	got := harness.Strings(rows, "id")
	want := []string{fakeapi.BatchAllShapes, fakeapi.BatchSentiment, fakeapi.BatchSummaries, fakeapi.BatchVisionPilot,
		fakeapi.BatchLegacyGone, fakeapi.BatchModeration}
	if len(got) != len(want) {
		t.Fatalf("batches %v, want %v", got, want)
	}
	byID := harness.ByColumn(t, rows, "id")
	for _, id := range want {
		if byID[id] == nil {
			t.Errorf("batch %s missing", id)
		}
	}
	if n := api.RequestsTo("/api/v1/workspaces"); n != 1 {
		t.Errorf("%d workspace list requests, want 1", n)
	}
	for _, r := range api.Requests() {
		if strings.HasPrefix(r.Path, "/api/v1/data-collection/batches") && r.Query != "workspace_id="+fakeapi.WorkspaceNLP &&
			r.Query != "workspace_id="+fakeapi.WorkspaceVision {
			t.Errorf("unexpected batch request %s?%s", r.Path, r.Query)
		}
	}
	if n := api.RequestsTo("/api/v1/data-collection/batches"); n != 2 {
		t.Errorf("%d batch list requests, want 2 (one per workspace)", n)
	}
	checkKinds(t, rows, batchKinds)
}

func TestBatchWorkspaceIDListsOneWorkspace(t *testing.T) {
	api, p := startFake(t)
	rows := p.MustExecute(t, harness.Query{Table: batchesTable, Quals: harness.Equals("workspace_id", fakeapi.WorkspaceVision)})
	if got := harness.Strings(rows, "id"); !reflect.DeepEqual(got, []string{fakeapi.BatchVisionPilot, fakeapi.BatchLegacyGone}) {
		t.Fatalf("batches %v", got)
	}
	if n := api.RequestsTo("/api/v1/workspaces"); n != 0 {
		t.Errorf("%d workspace list requests, want 0 when workspace_id is given", n)
	}
	for _, row := range rows {
		if row["workspace_id"].GetStringValue() != fakeapi.WorkspaceVision {
			t.Errorf("row workspace_id %v", row["workspace_id"])
		}
	}
}

func TestBatchWorkspaceIDInList(t *testing.T) {
	_, p := startFake(t)
	rows := p.MustExecute(t, harness.Query{Table: batchesTable,
		Quals: harness.In("workspace_id", fakeapi.WorkspaceNLP, fakeapi.WorkspaceVision)})
	if len(rows) != 6 {
		t.Fatalf("%d batches, want 6", len(rows))
	}
}

func TestBatchUnknownWorkspaceIsEmpty(t *testing.T) {
	_, p := startFake(t)
	rows, err := p.Execute(t, harness.Query{Table: batchesTable, Quals: harness.Equals("workspace_id", "000000000000000000000000")})
	if err != nil || len(rows) != 0 {
		t.Fatalf("%d rows, err %v", len(rows), err)
	}
}

func TestBatchGetEveryColumn(t *testing.T) {
	api, p := startFake(t)
	rows := p.MustExecute(t, harness.Query{Table: batchesTable,
		Quals: harness.In("id", fakeapi.BatchSentiment, fakeapi.BatchVisionPilot, fakeapi.BatchLegacyGone, fakeapi.BatchAllShapes)})
	byID := harness.ByColumn(t, rows, "id")
	if len(byID) != 4 {
		t.Fatalf("%d rows, want 4", len(byID))
	}
	if n := api.RequestsTo("/api/v1/workspaces"); n != 0 {
		t.Errorf("a get by id listed workspaces (%d requests)", n)
	}
	checkRow(t, "sentiment", byID[fakeapi.BatchSentiment], map[string]any{
		"id": fakeapi.BatchSentiment, "workspace_id": fakeapi.WorkspaceNLP, "auto_sync_enabled": false,
		"batch_items":             j(t, fakeapi.BatchJSON(fakeapi.BatchSentiment, "batch_items")),
		"created_at":              harness.Timestamp(t, "2026-09-01T09:00:00Z"),
		"created_by":              fakeapi.ResearcherID,
		"datasets":                j(t, `[{"id":"`+fakeapi.DatasetReviews+`","total_datapoint_count":8,"filename":"reviews.csv"}]`),
		"name":                    "Sentiment pilot",
		"schema_version":          int64(2),
		"status":                  "READY",
		"task_details":            j(t, fakeapi.BatchJSON(fakeapi.BatchSentiment, "task_details")),
		"tasks_per_group":         int64(1),
		"total_instruction_count": int64(3), "total_task_count": int64(8), "total_task_groups": int64(8),
	})
	checkRow(t, "vision pilot", byID[fakeapi.BatchVisionPilot], map[string]any{
		"workspace_id": fakeapi.WorkspaceVision, "status": "UNINITIALISED", "batch_items": j(t, `[]`), "datasets": j(t, `[]`),
		"task_details": nil, "tasks_per_group": nil, "total_task_count": int64(0), "auto_sync_enabled": false,
	})
	checkRow(t, "legacy gone", byID[fakeapi.BatchLegacyGone], map[string]any{
		"status": "ERROR", "batch_items": nil, "auto_sync_enabled": nil, "schema_version": int64(1),
		"created_at": harness.Timestamp(t, "2025-03-11T12:00:00Z"),
	})
	checkRow(t, "all shapes", byID[fakeapi.BatchAllShapes], map[string]any{
		"status": "PROCESSING", "created_at": harness.Timestamp(t, "2026-09-10T07:45:00.250Z"), "batch_items": nil,
		"datasets": j(t, fakeapi.BatchJSON(fakeapi.BatchAllShapes, "datasets")),
	})
	checkKinds(t, rows, batchKinds)
}

func TestBatchGetNotFoundIsEmpty(t *testing.T) {
	_, p := startFake(t)
	rows, err := p.Execute(t, harness.Query{Table: batchesTable, Quals: harness.Equals("id", "6a1b2c3d-0000-4000-8000-0000000000ff")})
	if err != nil || len(rows) != 0 {
		t.Fatalf("%d rows, err %v; want 0 rows and no error", len(rows), err)
	}
}

// TestTablesOnlySendGET runs every Task Builder table and checks the plugin sent nothing but GET requests.
func TestTablesOnlySendGET(t *testing.T) {
	api, p := startFake(t)
	queries := []harness.Query{
		{Table: batchesTable},
		{Table: batchesTable, Quals: harness.Equals("id", fakeapi.BatchSentiment)},
		{Table: instructionsTable, Quals: harness.In("batch_id", fakeapi.BatchSentiment, fakeapi.BatchSummaries, fakeapi.BatchLegacyGone)},
		{Table: datasetsTable, Quals: harness.In("id", fakeapi.DatasetReviews, fakeapi.DatasetSummaries)},
		{Table: exportsTable, Quals: harness.In("batch_id", fakeapi.BatchSentiment, fakeapi.BatchSummaries)},
		{Table: collectionsTable},
		{Table: collectionsTable, Quals: harness.Equals("id", fakeapi.CollectionFeedback)},
	}
	for _, q := range queries {
		p.MustExecute(t, q)
	}
	requests := api.Requests()
	if len(requests) == 0 {
		t.Fatal("no requests")
	}
	for _, r := range requests {
		if r.Method != "GET" {
			t.Errorf("%s %s: the plugin must only read", r.Method, r.Path)
		}
	}
}
