package prolific_test

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/pipeworks/steampipe-plugin-prolific/test/fakeapi"
	"github.com/pipeworks/steampipe-plugin-prolific/test/harness"
)

const responsesTable = "prolific_batch_response"

// startFake serves a fresh fake API and a plugin connected to it.
func startFake(t *testing.T, extraConfig ...string) (*fakeapi.Server, *harness.Plugin) {
	t.Helper()
	api := fakeapi.New()
	server := httptest.NewServer(api)
	t.Cleanup(server.Close)
	return api, harness.Start(t, harness.Config(server.URL, extraConfig...))
}

func queryBatch(t *testing.T, p *harness.Plugin, batchID string) ([]harness.Row, error) {
	t.Helper()
	return p.Execute(t, harness.Query{Table: responsesTable, Quals: harness.Equals("batch_id", batchID)})
}

// j decodes expected JSON so it compares equal to harness.Value's decoding.
func j(t *testing.T, text string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(text), &v); err != nil {
		t.Fatalf("bad expected JSON %s: %v", text, err)
	}
	return v
}

func TestBatchResponseSchema(t *testing.T) {
	_, p := startFake(t)
	want := map[string]string{
		"batch_id": "STRING", "id": "STRING", "created_at": "TIMESTAMP", "participant_id": "STRING",
		"submission_id": "STRING", "task_id": "STRING", "correlation_id": "STRING", "instruction_id": "STRING",
		"response_type": "STRING", "answer": "JSON", "answer_values": "JSON", "response": "JSON", "metadata": "JSON",
		"schema_version": "INT", "no_submission": "BOOL",
	}
	schema := p.Schema(t)[responsesTable]
	got := map[string]string{}
	for _, c := range schema.GetColumns() {
		if c.Name == "_ctx" || strings.HasPrefix(c.Name, "sp_") { // added by the SDK to every table
			continue
		}
		got[c.Name] = c.Type.String()
		if c.Description == "" || !strings.HasSuffix(c.Description, ".") || strings.ToUpper(c.Description[:1]) != c.Description[:1] {
			t.Errorf("column %s: description %q must be a capitalised sentence ending with a period", c.Name, c.Description)
		}
	}
	for name, typ := range want {
		if got[name] != typ {
			t.Errorf("column %s: type %q, want %q", name, got[name], typ)
		}
	}
	if len(got) != len(want) {
		t.Errorf("columns %v, want exactly %v", got, want)
	}
	keys := schema.GetListCallKeyColumnList()
	if len(keys) == 0 || keys[0].Name != "batch_id" || keys[0].Require != "required" || keys[0].Operators[0] != "=" {
		t.Errorf("list key columns = %v, want batch_id required with =", keys)
	}
}

// TestBatchResponseColumnsForEveryAnswerShape checks every column of every fixture row, value and type.
func TestBatchResponseColumnsForEveryAnswerShape(t *testing.T) {
	_, p := startFake(t)
	rows, err := queryBatch(t, p, fakeapi.BatchAllShapes)
	if err != nil {
		t.Fatal(err)
	}
	byID := harness.ByColumn(t, rows, "id")
	if len(byID) != 12 {
		t.Fatalf("%d rows, want 12", len(byID))
	}
	for n, want := range answerShapeRows(t) {
		checkRow(t, "row "+n, byID[answerShapeID+n], want)
	}
	checkKinds(t, rows, responseKinds) // every non-null value has its column's type
}

// answerShapeID and answerShapeInstruction begin the ids of the all-shapes batch's responses and of the
// instructions they answer; a row's number (01 to 12) ends them.
const (
	answerShapeID          = "3f1c9a52-8e4b-4d7a-9b21-6c0e5f7a1d"
	answerShapeInstruction = "9e8d7c6b-5a49-4382-9170-6f5e4d3c2b"
)

// responseKinds are the batch response columns that are not strings.
var responseKinds = map[string]string{"created_at": "timestamp", "schema_version": "int", "no_submission": "bool",
	"answer": "json", "answer_values": "json", "response": "json", "metadata": "json"}

// answerShapeRows is what each row of the all-shapes batch must hold, by its number: the columns every row shares,
// overridden by the row's own.
func answerShapeRows(t *testing.T) map[string]map[string]any {
	cases := map[string]map[string]any{
		"01": {"created_at": harness.Timestamp(t, "2026-09-14T10:22:31.412Z"), "participant_id": "5f4dcc3b5aa765d61d8327de",
			"submission_id": "66e55a0f9d3c2b1a0f4e8d71", "task_id": "a7d2e6b1-44c3-4f0e-8a9b-1c2d3e4f5a01",
			"correlation_id": "c0ffee00-1234-4abc-8def-012345678901", "instruction_id": answerShapeInstruction + "01",
			"response_type": "multiple_choice", "answer": j(t, `[{"value":"positive"}]`), "answer_values": j(t, `["positive"]`),
			"metadata": j(t, `{"META_source":"model_b","META_row":17}`),
			"response": j(t, `{"instruction_id":"`+answerShapeInstruction+`01","type":"multiple_choice","answer":[{"value":"positive"}]}`)},
		"02": {"response_type": "free_text_with_unit", "answer": j(t, `[{"value":"172","unit":"cm"}]`),
			"answer_values": j(t, `["172"]`), "metadata": j(t, `{}`), "no_submission": nil},
		"03": {"response_type": "file_upload", "answer_values": j(t, `[null,null]`), "correlation_id": nil, "metadata": nil,
			"schema_version": nil, "no_submission": nil, "created_at": harness.Timestamp(t, "2026-09-14T10:25:02.001Z"),
			"answer": j(t, `[{"file_key":"uploads/66e55b1a/photo1.jpg","file_name":"photo1.jpg","file_size_mb":2.4,"content_type":"image/jpeg"},`+
				`{"file_key":"uploads/66e55b1a/photo2.png","file_name":"photo2.png","file_size_mb":0.75,"content_type":"image/png"}]`)},
		"04": {"answer_values": j(t, `[4]`)},
		"05": {"answer_values": j(t, `[true]`)},
		"06": {"answer_values": j(t, `["toxic","spam"]`)},
		"07": {"response_type": "multiple_choice_with_free_text", "answer_values": j(t, `["accurate"]`),
			"answer": j(t, `[{"value":"accurate","explanation":"Matches the \"source\" text."}]`)},
		"08": {"correlation_id": "nul\uFFFDin-id", "answer_values": j(t, `["before\ufffdafter"]`),
			"metadata": j(t, `{"META_note":"a\ufffdb","META_literal":"\\u0000 is text"}`)},
		"09": {"response_type": "video_narration", "schema_version": int64(3), "answer_values": nil,
			"answer":   j(t, `{"video_key":"uploads/66e55d3c/narration.webm","duration_s":12.5}`),
			"response": j(t, `{"instruction_id":"`+answerShapeInstruction+`09","type":"video_narration","answer":{"video_key":"uploads/66e55d3c/narration.webm","duration_s":12.5},"transcript_status":"queued"}`)},
		"10": {"answer": j(t, `[]`), "answer_values": j(t, `[]`)},
		"11": {"submission_id": nil, "correlation_id": nil, "no_submission": true,
			"metadata":      j(t, `{"META_score":0.87,"META_flag":true,"META_tags":["a","b"],"META_none":null}`),
			"answer_values": j(t, `["neutral",null]`)},
		"12": {"created_at": harness.Timestamp(t, "2026-09-14T10:30:00.5Z"), "submission_id": "66055",
			"schema_version": int64(2), "no_submission": false, "answer_values": j(t, `["Ça marche 👍 — \"quoted\" and\nnew line"]`)},
	}
	for n, overrides := range cases {
		want := map[string]any{
			"batch_id": fakeapi.BatchAllShapes, "id": answerShapeID + n, "schema_version": int64(2), "no_submission": false,
		}
		for k, v := range overrides {
			want[k] = v
		}
		cases[n] = want
	}
	return cases
}

func TestBatchResponseRequiresBatchID(t *testing.T) {
	_, p := startFake(t)
	_, err := p.Execute(t, harness.Query{Table: responsesTable})
	if err == nil || !strings.Contains(err.Error(), "missing 1 required qual") || !strings.Contains(err.Error(), "batch_id") {
		t.Fatalf("err = %v, want the SDK's missing required qual error naming batch_id", err)
	}
}

func TestBatchResponseInListFansOutOneRequestPerBatch(t *testing.T) {
	api, p := startFake(t)
	rows := p.MustExecute(t, harness.Query{Table: responsesTable,
		Quals: harness.In("batch_id", fakeapi.BatchSentiment, fakeapi.BatchSummaries, "0000-unknown")})
	counts := map[string]int{}
	for _, row := range rows {
		counts[row["batch_id"].GetStringValue()]++
	}
	if counts[fakeapi.BatchSentiment] != 54 || counts[fakeapi.BatchSummaries] != 24 || len(counts) != 2 {
		t.Fatalf("rows per batch = %v", counts)
	}
	for _, batch := range []string{fakeapi.BatchSentiment, fakeapi.BatchSummaries, "0000-unknown"} {
		if n := api.RequestsTo(fakeapi.ResponsesPath(batch)); n != 1 {
			t.Errorf("%d requests for %s, want 1", n, batch)
		}
	}
}

func TestBatchResponseNotFoundIsEmpty(t *testing.T) {
	_, p := startFake(t)
	for _, batch := range []string{"6a1b2c3d-0000-4000-8000-0000000000ff", fakeapi.BatchNotFoundDetail} {
		rows, err := queryBatch(t, p, batch)
		if err != nil || len(rows) != 0 {
			t.Errorf("batch %s: %d rows, err %v; want 0 rows and no error", batch, len(rows), err)
		}
	}
}

func TestBatchResponseEmptyAndNullResults(t *testing.T) {
	_, p := startFake(t)
	for _, batch := range []string{fakeapi.BatchEmpty, fakeapi.BatchNullResults} {
		rows, err := queryBatch(t, p, batch)
		if err != nil || len(rows) != 0 {
			t.Errorf("batch %s: %d rows, err %v", batch, len(rows), err)
		}
	}
}

func TestBatchResponseCountMismatchLogsAWarning(t *testing.T) {
	logs := harness.CaptureLogs(t, "WARN")
	_, p := startFake(t)
	rows, err := queryBatch(t, p, fakeapi.BatchCountMismatch)
	if err != nil || len(rows) != 2 {
		t.Fatalf("%d rows, err %v; want the 2 rows the API sent", len(rows), err)
	}
	if !logs.WaitFor("count_mismatch") || !strings.Contains(logs.String(), "meta_count=5") {
		t.Fatalf("no count mismatch warning in the logs:\n%s", logs.String())
	}
}

func TestBatchResponseNoWarningWhenCountMatches(t *testing.T) {
	logs := harness.CaptureLogs(t, "WARN")
	_, p := startFake(t)
	if _, err := queryBatch(t, p, fakeapi.BatchAllShapes); err != nil {
		t.Fatal(err)
	}
	if _, err := queryBatch(t, p, fakeapi.BatchCountMismatch); err != nil {
		t.Fatal(err)
	}
	logs.WaitFor("count_mismatch")
	if n := strings.Count(logs.String(), "count_mismatch"); n != 1 {
		t.Fatalf("%d count mismatch warnings, want exactly 1 (for the mismatched batch only)", n)
	}
}

func TestBatchResponseLargeBatch(t *testing.T) {
	api, p := startFake(t)
	rows, err := p.Execute(t, harness.Query{Table: responsesTable, Columns: []string{"batch_id", "id"},
		Quals: harness.Equals("batch_id", fakeapi.BatchLarge)})
	if err != nil {
		t.Fatal(err)
	}
	if len(harness.ByColumn(t, rows, "id")) != fakeapi.LargeBatchSize {
		t.Fatalf("%d rows, want %d", len(rows), fakeapi.LargeBatchSize)
	}
	if n := api.RequestsTo(fakeapi.ResponsesPath(fakeapi.BatchLarge)); n != 1 {
		t.Fatalf("%d requests, want exactly 1 (the endpoint is not paged)", n)
	}
}

// TestBatchResponseLimitStopsReading proves the plugin stops reading once the SDK has its rows: the second half of
// the body stalls for a minute, longer than the query is given, so a plugin that kept reading would end in the
// query's deadline instead of its 5 rows. No timing of the happy path: a loaded machine only makes it slower.
func TestBatchResponseLimitStopsReading(t *testing.T) {
	api, p := startFake(t, `timeout = "60s"`)
	api.Inject(fakeapi.ResponsesPath(fakeapi.BatchLarge), fakeapi.Fault{Kind: fakeapi.StalledBody, StallFor: time.Minute})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	rows, err := p.Execute(t, harness.Query{Table: responsesTable, Quals: harness.Equals("batch_id", fakeapi.BatchLarge),
		Limit: 5, Context: ctx})
	if err != nil || len(rows) != 5 {
		t.Fatalf("%d rows, err %v; want 5 rows before the stalled second half of the body", len(rows), err)
	}
}

func TestBatchResponseCancellationStopsReading(t *testing.T) {
	api, p := startFake(t, `timeout = "2m"`)
	api.Inject(fakeapi.ResponsesPath(fakeapi.BatchLarge), fakeapi.Fault{Kind: fakeapi.StalledBody, StallFor: 2 * time.Minute})
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, _ = p.Execute(t, harness.Query{Table: responsesTable, Quals: harness.Equals("batch_id", fakeapi.BatchLarge), Context: ctx})
	if elapsed := time.Since(start); elapsed > 30*time.Second { // far below the two-minute stall and timeout
		t.Fatalf("a cancelled query took %v to return", elapsed)
	}
}

func TestBatchResponseEmptyBatchIDIsRefused(t *testing.T) {
	api, p := startFake(t)
	for _, bad := range []string{"", "..", "."} {
		_, err := queryBatch(t, p, bad)
		if err == nil || (!strings.Contains(err.Error(), "empty") && !strings.Contains(err.Error(), "not a valid id")) {
			t.Errorf("batch_id %q: err %v", bad, err)
		}
	}
	if n := len(api.Requests()); n != 0 {
		t.Errorf("%d requests sent for invalid ids, want 0", n)
	}
}

func TestBatchResponsePathTraversalStaysInTheEndpoint(t *testing.T) {
	api, p := startFake(t)
	rows, err := queryBatch(t, p, "../../users/me")
	if err != nil || len(rows) != 0 {
		t.Fatalf("%d rows, err %v; want an empty result (404) for an id that does not exist", len(rows), err)
	}
	requests := api.Requests()
	if len(requests) != 1 || requests[0].Path != "/api/v1/data-collection/batches/..%2F..%2Fusers%2Fme/responses" {
		t.Fatalf("requests = %+v", requests)
	}
}

func TestBatchResponseSendsTokenAndUserAgent(t *testing.T) {
	api, p := startFake(t)
	if _, err := queryBatch(t, p, fakeapi.BatchEmpty); err != nil {
		t.Fatal(err)
	}
	r := api.Requests()[0]
	if r.Authorization != "Token "+fakeapi.DefaultToken {
		t.Errorf("Authorization = %q", r.Authorization)
	}
	if !strings.HasPrefix(r.UserAgent, "steampipe-plugin-prolific/v") {
		t.Errorf("User-Agent = %q, want the plugin name and version", r.UserAgent)
	}
}
