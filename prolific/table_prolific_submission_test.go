package prolific_test

import (
	"strings"
	"testing"
	"time"

	"github.com/pipeworks/steampipe-plugin-prolific/test/fakeapi"
	"github.com/pipeworks/steampipe-plugin-prolific/test/harness"
)

const submissionsTable = "prolific_submission"

func querySubmissions(t *testing.T, p *harness.Plugin, studyID string) ([]harness.Row, error) {
	t.Helper()
	return p.Execute(t, harness.Query{Table: submissionsTable, Quals: harness.Equals("study_id", studyID)})
}

func TestSubmissionSchema(t *testing.T) {
	_, p := startFake(t)
	checkSchema(t, p, submissionsTable, []string{"study_id", "id", "status"}, map[string]string{
		"study_id": "STRING", "id": "STRING", "status": "STRING", "bonus_payments": "JSON", "completed_at": "TIMESTAMP",
		"entered_code": "STRING", "has_siblings": "BOOL", "ip": "STRING", "is_complete": "BOOL",
		"parent_study_id": "STRING", "participant_id": "STRING", "return_requested": "TIMESTAMP", "reward": "INT",
		"star_awarded": "BOOL", "started_at": "TIMESTAMP", "strata": "JSON", "study_code": "STRING", "time_taken": "INT",
	})
	checkKeyColumns(t, p, submissionsTable, map[string]string{"study_id": "required", "status": "optional"}, "id")
}

// TestSubmissionColumns checks every column of two listed submissions, value and type.
func TestSubmissionColumns(t *testing.T) {
	_, p := startFake(t)
	rows, err := querySubmissions(t, p, fakeapi.StudySentiment)
	if err != nil {
		t.Fatal(err)
	}
	byID := harness.ByColumn(t, rows, "id")
	if len(byID) != 6 {
		t.Fatalf("%d rows, want 6", len(byID))
	}
	checkRow(t, "approved", byID[fakeapi.SubmissionApproved], map[string]any{
		"study_id": fakeapi.StudySentiment, "id": fakeapi.SubmissionApproved, "status": "APPROVED",
		"bonus_payments": j(t, `[{"amount":62.5,"currency":"GBP"}]`),
		"started_at":     harness.Timestamp(t, "2026-09-14T08:55:00Z"), "completed_at": harness.Timestamp(t, "2026-09-14T09:30:00Z"),
		"entered_code": nil, "has_siblings": false, "ip": "203.0.113.7", "is_complete": true, "parent_study_id": nil,
		"participant_id": "5f4dcc3b5aa765d61d8327de", "return_requested": nil, "reward": int64(250), "star_awarded": true,
		"strata": j(t, `{"Sex":"Female"}`), "study_code": "C1A2B3C4", "time_taken": int64(2100),
	})
	checkRow(t, "returned", byID["5e0000000000000000000006"], map[string]any{
		"status": "RETURNED", "participant_id": fakeapi.ReturnedParticipant, "study_code": nil, "is_complete": false,
		"bonus_payments": j(t, `[]`), "time_taken": int64(120), "star_awarded": false,
	})
	checkRow(t, "awaiting review", byID["5e0000000000000000000003"], map[string]any{"status": "AWAITING REVIEW"})
	checkRow(t, "rejected", byID["5e0000000000000000000004"], map[string]any{"status": "REJECTED", "study_code": "NOCODE"})

	pilot, err := querySubmissions(t, p, fakeapi.StudyPilot)
	if err != nil {
		t.Fatal(err)
	}
	checkRow(t, "active", harness.ByColumn(t, pilot, "id")["5c0000000000000000000002"], map[string]any{
		"status": "ACTIVE", "completed_at": nil, "time_taken": nil, "is_complete": false, "study_code": nil,
	})
}

func TestSubmissionGetByID(t *testing.T) {
	api, p := startFake(t)
	rows := p.MustExecute(t, harness.Query{Table: submissionsTable, Quals: harness.Equals("id", fakeapi.SubmissionApproved)})
	if len(rows) != 1 {
		t.Fatalf("%d rows, want 1", len(rows))
	}
	checkRow(t, "get", rows[0], map[string]any{
		"study_id": fakeapi.StudySentiment, "id": fakeapi.SubmissionApproved, "status": "APPROVED",
		"participant_id": "5f4dcc3b5aa765d61d8327de", "entered_code": "C1A2B3C4", "parent_study_id": nil,
		"bonus_payments": j(t, `[62.5]`), "started_at": harness.Timestamp(t, "2026-09-14T08:55:00Z"),
		"completed_at": harness.Timestamp(t, "2026-09-14T09:30:00Z"), "study_code": nil, "reward": nil,
	})
	if n := api.RequestsTo("/api/v1/submissions/" + fakeapi.SubmissionApproved); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
	rows = p.MustExecute(t, harness.Query{Table: submissionsTable, Quals: harness.Equals("id", "5e00000000000000000000ff")})
	if len(rows) != 0 {
		t.Errorf("unknown id: %d rows, want 0", len(rows))
	}
}

func TestSubmissionRequiresStudyID(t *testing.T) {
	_, p := startFake(t)
	mustFail(t, p, harness.Query{Table: submissionsTable}, "missing 1 required qual", "study_id")
	mustFail(t, p, harness.Query{Table: submissionsTable, Quals: harness.Equals("status", "APPROVED")}, "study_id")
	mustFail(t, p, harness.Query{Table: submissionsTable, Quals: harness.Equals("study_id", "")}, "empty")
}

func TestSubmissionUnknownStudyIsEmpty(t *testing.T) {
	_, p := startFake(t)
	rows, err := querySubmissions(t, p, "6601a9e2f1c3b5d7e9a0ffff")
	if err != nil || len(rows) != 0 {
		t.Fatalf("%d rows, err %v; want 0 rows and no error", len(rows), err)
	}
}

func TestSubmissionInListFansOut(t *testing.T) {
	api, p := startFake(t)
	rows := p.MustExecute(t, harness.Query{Table: submissionsTable,
		Quals: harness.In("study_id", fakeapi.StudySentiment, fakeapi.StudySummaries, "6601a9e2f1c3b5d7e9a0ffff")})
	counts := map[string]int{}
	for _, row := range rows {
		counts[row["study_id"].GetStringValue()]++
	}
	if counts[fakeapi.StudySentiment] != 6 || counts[fakeapi.StudySummaries] != 5 || len(counts) != 2 {
		t.Fatalf("rows per study = %v", counts)
	}
	if n := api.RequestsTo("/api/v1/submissions/"); n != 3 {
		t.Errorf("%d requests, want 3 (one per study)", n)
	}
}

// TestSubmissionStatusPushdown: a status the filter knows is sent in the filter's spelling; any other is left for
// PostgreSQL to filter, so the plugin returns every row and PostgreSQL's own check removes the others.
func TestSubmissionStatusPushdown(t *testing.T) {
	api, p := startFake(t)
	rows := p.MustExecute(t, harness.Query{Table: submissionsTable,
		Quals: merge(harness.Equals("study_id", fakeapi.StudySentiment), harness.Equals("status", "AWAITING REVIEW"))})
	if got := harness.Strings(rows, "id"); strings.Join(got, ",") != "5e0000000000000000000003,5e0000000000000000000005" {
		t.Errorf("awaiting review ids = %v", got)
	}
	if q := requestsWith(api, "/api/v1/submissions/"); len(q) != 1 || !strings.Contains(q[0], "status=AWAITING_REVIEW") {
		t.Errorf("queries = %v, want status=AWAITING_REVIEW", q)
	}

	api.ResetLog()
	rows = p.MustExecute(t, harness.Query{Table: submissionsTable,
		Quals: merge(harness.Equals("study_id", fakeapi.StudySummaries), harness.Equals("status", "PARTIALLY APPROVED"))})
	if got := harness.Strings(rows, "id"); len(got) != 1 || got[0] != "5a0000000000000000000004" {
		t.Errorf("partially approved ids = %v", got)
	}

	api.ResetLog()
	rows = p.MustExecute(t, harness.Query{Table: submissionsTable,
		Quals: merge(harness.Equals("study_id", fakeapi.StudySentiment), harness.Equals("status", "RESERVED"))})
	if len(rows) != 6 {
		t.Errorf("RESERVED: %d rows, want all 6 for PostgreSQL to filter", len(rows))
	}
	if q := requestsWith(api, "/api/v1/submissions/"); len(q) != 1 || strings.Contains(q[0], "status=") {
		t.Errorf("queries = %v, want no status filter", q)
	}
}

// TestSubmissionThreePages reads a study of 450 submissions: three pages of 200, 200 and 50.
func TestSubmissionThreePages(t *testing.T) {
	api, p := startFake(t)
	rows, err := p.Execute(t, harness.Query{Table: submissionsTable, Columns: []string{"study_id", "id"},
		Quals: harness.Equals("study_id", fakeapi.StudyLarge)})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(harness.ByColumn(t, rows, "id")); n != fakeapi.LargeStudySubmissions {
		t.Fatalf("%d distinct rows, want %d", n, fakeapi.LargeStudySubmissions)
	}
	// ordering=started_at keeps page boundaries stable while submissions arrive (docs/api-evidence.md (B11)).
	want := []string{"ordering=started_at&page=1&page_size=200&study=" + fakeapi.StudyLarge,
		"ordering=started_at&page=2&page_size=200&study=" + fakeapi.StudyLarge,
		"ordering=started_at&page=3&page_size=200&study=" + fakeapi.StudyLarge}
	if got := requestsWith(api, "/api/v1/submissions/"); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("requests = %v, want %v", got, want)
	}
}

// TestSubmissionFollowsNextLinks: a server that caps the page size below what was asked still pages to the end,
// because the plugin follows _links.next rather than judging by the page's length.
func TestSubmissionFollowsNextLinks(t *testing.T) {
	api, p := startFake(t)
	api.MaxPageSize = 2
	rows, err := querySubmissions(t, p, fakeapi.StudySentiment)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(harness.ByColumn(t, rows, "id")); n != 6 {
		t.Fatalf("%d rows, want 6", n)
	}
	if n := len(requestsWith(api, "/api/v1/submissions/")); n != 3 {
		t.Errorf("%d requests, want 3 pages of 2", n)
	}
}

func TestSubmissionLimitLowersPageSize(t *testing.T) {
	api, p := startFake(t)
	rows, err := p.Execute(t, harness.Query{Table: submissionsTable, Quals: harness.Equals("study_id", fakeapi.StudyLarge), Limit: 5})
	if err != nil || len(rows) != 5 {
		t.Fatalf("%d rows, err %v; want 5", len(rows), err)
	}
	if got := requestsWith(api, "/api/v1/submissions/"); len(got) != 1 || !strings.Contains(got[0], "page_size=5") {
		t.Errorf("requests = %v, want one with page_size=5", got)
	}
	// A LIMIT above one page still stops as soon as the SDK has its rows.
	api.ResetLog()
	rows, err = p.Execute(t, harness.Query{Table: submissionsTable, Quals: harness.Equals("study_id", fakeapi.StudyLarge), Limit: 250})
	if err != nil || len(rows) != 250 {
		t.Fatalf("%d rows, err %v; want 250", len(rows), err)
	}
	if got := requestsWith(api, "/api/v1/submissions/"); len(got) != 2 {
		t.Errorf("requests = %v, want 2 pages", got)
	}
}

func TestSubmissionPagingLoopGuards(t *testing.T) {
	api, p := startFake(t)
	start := time.Now()
	mustFail(t, p, harness.Query{Table: submissionsTable, Quals: harness.Equals("study_id", fakeapi.StudyPagingLoop)}, "paging loops", "again")
	mustFail(t, p, harness.Query{Table: submissionsTable, Quals: harness.Equals("study_id", fakeapi.StudyPagingSame)}, "paging loops", "same items")
	if elapsed := time.Since(start); elapsed > 60*time.Second { // a guard that waited on retries or 1000 pages
		t.Errorf("the loop guards took %v", elapsed)
	}
	for _, r := range api.Requests() {
		if r.Path != "/api/v1/submissions/" {
			t.Errorf("unexpected request to %s", r.Path)
		}
	}
	if n := len(api.Requests()); n > 4 {
		t.Errorf("%d requests for two looping lists, want at most 4", n)
	}
}

// TestSubmissionStaleNextLinkOnLastPage: a last page whose next link is not null, naming the page after it (a 404)
// or the last page again, ends the list once the rows read reach meta.count (docs/api-evidence.md (A1)): every
// row once, no error, no request past the last page.
func TestSubmissionStaleNextLinkOnLastPage(t *testing.T) {
	api, p := startFake(t)
	for study, want := range map[string]struct{ rows, requests int }{
		fakeapi.StudyLarge:           {fakeapi.LargeStudySubmissions, 3}, // pages of 200, 200, 50; page 3 links to page 4
		fakeapi.StudyPagingStaleSelf: {5, 3},                             // pages of 2, 2, 1; page 3 links to itself
	} {
		api.ResetLog()
		rows, err := p.Execute(t, harness.Query{Table: submissionsTable, Columns: []string{"study_id", "id"},
			Quals: harness.Equals("study_id", study)})
		if err != nil {
			t.Fatalf("study %s: %v", study, err)
		}
		if len(rows) != want.rows || len(harness.ByColumn(t, rows, "id")) != want.rows {
			t.Errorf("study %s: %d rows, %d distinct; want %d of each", study, len(rows), len(harness.ByColumn(t, rows, "id")), want.rows)
		}
		if got := requestsWith(api, "/api/v1/submissions/"); len(got) != want.requests {
			t.Errorf("study %s: requests %v, want %d", study, got, want.requests)
		}
	}
}

// TestSubmissionNextLinkOnAnotherHost: a next link that names another host is still followed, because only its query
// string is used: the request goes to the connection's base URL (docs/api-evidence.md (A1c)).
func TestSubmissionNextLinkOnAnotherHost(t *testing.T) {
	api, p := startFake(t)
	rows, err := querySubmissions(t, p, fakeapi.StudyPagingForeign)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(harness.ByColumn(t, rows, "id")); n != 5 || len(rows) != 5 {
		t.Fatalf("%d rows, want 5", len(rows))
	}
	got := requestsWith(api, "/api/v1/submissions/")
	if len(got) != 3 || !strings.Contains(got[1], "page=2") || !strings.Contains(got[2], "page=3") {
		t.Errorf("requests %v, want pages 1, 2 and 3 on the connection's base URL", got)
	}
	if n := len(api.Requests()); n != 3 {
		t.Errorf("%d requests in all, want 3", n)
	}
}

// TestSubmissionPagesWithoutLinks: without _links the plugin asks for page numbers until meta.count is reached.
func TestSubmissionPagesWithoutLinks(t *testing.T) {
	api, p := startFake(t)
	rows, err := querySubmissions(t, p, fakeapi.StudyPagingNoLinks)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(harness.ByColumn(t, rows, "id")); n != 5 {
		t.Fatalf("%d rows, want 5", n)
	}
	if n := len(requestsWith(api, "/api/v1/submissions/")); n != 3 {
		t.Errorf("%d requests, want 3", n)
	}
}
