package prolific_test

import (
	"strings"
	"testing"

	"github.com/pipeworks/steampipe-plugin-prolific/test/fakeapi"
	"github.com/pipeworks/steampipe-plugin-prolific/test/harness"
)

const exportsTable = "prolific_batch_export"

var exportKinds = map[string]string{"created_at": "timestamp", "expires_at": "timestamp", "filter": "json",
	"filter_from": "timestamp", "filter_to": "timestamp"}

func TestBatchExportSchema(t *testing.T) {
	_, p := startFake(t)
	checkSchema(t, p, exportsTable, []string{"batch_id"}, map[string]string{
		"batch_id": "STRING", "created_at": "TIMESTAMP", "expires_at": "TIMESTAMP", "export_id": "STRING", "filter": "JSON",
		"filter_from": "TIMESTAMP", "filter_study_id": "STRING", "filter_to": "TIMESTAMP", "status": "STRING", "url": "STRING",
	})
	keys := ownKeys(p.Schema(t)[exportsTable].GetListCallKeyColumnList())
	if len(keys) != 1 || keys[0].Name != "batch_id" || keys[0].Require != "required" {
		t.Errorf("list key columns = %v, want batch_id required", keys)
	}
}

func TestBatchExportRequiresBatchID(t *testing.T) {
	_, p := startFake(t)
	_, err := p.Execute(t, harness.Query{Table: exportsTable})
	if err == nil || !strings.Contains(err.Error(), "missing 1 required qual") || !strings.Contains(err.Error(), "batch_id") {
		t.Fatalf("err = %v, want the SDK's missing required qual error naming batch_id", err)
	}
}

// TestBatchExportEveryColumn reads a {"results": [...]} list and a bare array, in one IN list.
func TestBatchExportEveryColumn(t *testing.T) {
	api, p := startFake(t)
	rows := p.MustExecute(t, harness.Query{Table: exportsTable,
		Quals: harness.In("batch_id", fakeapi.BatchSentiment, fakeapi.BatchSummaries, fakeapi.BatchVisionPilot)})
	byID := harness.ByColumn(t, rows, "export_id")
	if len(byID) != 4 {
		t.Fatalf("%d rows, want 4", len(byID))
	}
	checkRow(t, "generating", byID["e5000000-0000-4000-8000-000000000003"], map[string]any{
		"batch_id": fakeapi.BatchSentiment, "status": "generating", "created_at": harness.Timestamp(t, "2026-09-16T08:30:00Z"),
		"filter": j(t, `{"from":"2026-09-15T00:00:00Z"}`), "filter_from": harness.Timestamp(t, "2026-09-15T00:00:00Z"),
		"filter_to": nil, "filter_study_id": nil, "url": nil, "expires_at": nil,
	})
	checkRow(t, "complete", byID["e5000000-0000-4000-8000-000000000002"], map[string]any{
		"status": "complete", "filter_study_id": "6601a9e2f1c3b5d7e9a0b1c2", "filter_from": nil,
		"url":        fakeapi.ExportDownloadURL("e5000000-0000-4000-8000-000000000002"),
		"expires_at": harness.Timestamp(t, fakeapi.ExportURLExpiresAt),
	})
	checkRow(t, "failed", byID["e5000000-0000-4000-8000-000000000001"], map[string]any{
		"status": "failed", "filter": nil, "filter_study_id": nil, "created_at": harness.Timestamp(t, "2026-09-14T12:00:00Z"),
		"url": nil, "expires_at": nil,
	})
	checkRow(t, "bare array", byID["e5a00000-0000-4000-8000-000000000001"], map[string]any{
		"batch_id": fakeapi.BatchSummaries, "status": "complete", "filter_from": harness.Timestamp(t, "2026-09-20T00:00:00Z"),
		"filter_to": harness.Timestamp(t, "2026-09-21T00:00:00Z"),
	})
	for _, batch := range []string{fakeapi.BatchSentiment, fakeapi.BatchSummaries, fakeapi.BatchVisionPilot} {
		if n := len(requestsWith(api, fakeapi.ExportsPath(batch))); n != 1 {
			t.Errorf("%d list requests for %s, want 1", n, batch)
		}
	}
	checkKinds(t, rows, exportKinds)
}

func TestBatchExportNotFoundIsEmpty(t *testing.T) {
	_, p := startFake(t)
	rows, err := p.Execute(t, harness.Query{Table: exportsTable, Quals: harness.Equals("batch_id", "6a1b2c3d-0000-4000-8000-0000000000ff")})
	if err != nil || len(rows) != 0 {
		t.Fatalf("%d rows, err %v; want 0 rows and no error", len(rows), err)
	}
}
