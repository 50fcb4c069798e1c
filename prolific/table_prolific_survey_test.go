package prolific_test

import (
	"strings"
	"testing"

	"github.com/pipeworks/steampipe-plugin-prolific/test/fakeapi"
	"github.com/pipeworks/steampipe-plugin-prolific/test/harness"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
)

const (
	surveysTable         = "prolific_survey"
	surveyResponsesTable = "prolific_survey_response"
)

func TestSurveySchema(t *testing.T) {
	_, p := startFake(t)
	checkSchema(t, p, surveysTable, []string{"researcher_id", "id"}, map[string]string{
		"researcher_id": "STRING", "id": "STRING", "date_created": "TIMESTAMP", "date_modified": "TIMESTAMP",
		"question_count": "INT", "questions": "JSON", "response_summary": "JSON", "sections": "JSON", "title": "STRING",
	})
	checkKeyColumns(t, p, surveysTable, map[string]string{"researcher_id": "optional"}, "id")
}

var shoppingSections = `[{"id":"75ac961f-d94a-4490-af8f-935ca0883001","title":"Shopping","questions":[
	{"id":"3797222e-f731-4bea-838b-f668682d9001","title":"How often do you shop online?","type":"single","answers":[
		{"id":"c72d8cf9-5429-40ae-ac74-682d90010001","value":"Daily"},{"id":"c72d8cf9-5429-40ae-ac74-682d90010002","value":"Weekly"},
		{"id":"c72d8cf9-5429-40ae-ac74-682d90010003","value":"Monthly"},{"id":"c72d8cf9-5429-40ae-ac74-682d90010004","value":"Rarely"}]},
	{"id":"3797222e-f731-4bea-838b-f668682d9002","title":"What do you buy online?","type":"multiple","answers":[
		{"id":"c72d8cf9-5429-40ae-ac74-682d90020001","value":"Groceries"},{"id":"c72d8cf9-5429-40ae-ac74-682d90020002","value":"Clothes"},
		{"id":"c72d8cf9-5429-40ae-ac74-682d90020003","value":"Electronics"},{"id":"c72d8cf9-5429-40ae-ac74-682d90020004","value":"Books"}]}]},
	{"id":"75ac961f-d94a-4490-af8f-935ca0883002","title":"About you","questions":[
	{"id":"3797222e-f731-4bea-838b-f668682d9003","title":"Do you compare prices before you buy?","type":"single","answers":[
		{"id":"c72d8cf9-5429-40ae-ac74-682d90030001","value":"Yes"},{"id":"c72d8cf9-5429-40ae-ac74-682d90030002","value":"No"}]}]}]`

// TestSurveyEveryColumn lists the token user's surveys (researcher_id from /users/me/), then reads one by id. Ids
// come from _id; times without a zone are UTC.
func TestSurveyEveryColumn(t *testing.T) {
	api, p := startFake(t)
	want := map[string]any{
		"researcher_id": fakeapi.ResearcherID, "id": fakeapi.SurveyShopping, "title": "Shopping habits",
		"date_created": harness.Timestamp(t, "2026-09-14T16:20:05Z"), "date_modified": harness.Timestamp(t, "2026-09-15T08:02:41Z"),
		"question_count": int64(3), "questions": j(t, `[]`), "sections": j(t, shoppingSections),
		"response_summary": j(t, `[
			{"question_id":"3797222e-f731-4bea-838b-f668682d9001","question":"How often do you shop online?","total_answers":3,"answers":[
				{"answer_id":"c72d8cf9-5429-40ae-ac74-682d90010001","answer":"Daily","count":1},{"answer_id":"c72d8cf9-5429-40ae-ac74-682d90010002","answer":"Weekly","count":1},
				{"answer_id":"c72d8cf9-5429-40ae-ac74-682d90010003","answer":"Monthly","count":0},{"answer_id":"c72d8cf9-5429-40ae-ac74-682d90010004","answer":"Rarely","count":1}]},
			{"question_id":"3797222e-f731-4bea-838b-f668682d9002","question":"What do you buy online?","total_answers":3,"answers":[
				{"answer_id":"c72d8cf9-5429-40ae-ac74-682d90020001","answer":"Groceries","count":1},{"answer_id":"c72d8cf9-5429-40ae-ac74-682d90020002","answer":"Clothes","count":1},
				{"answer_id":"c72d8cf9-5429-40ae-ac74-682d90020003","answer":"Electronics","count":1},{"answer_id":"c72d8cf9-5429-40ae-ac74-682d90020004","answer":"Books","count":1}]},
			{"question_id":"3797222e-f731-4bea-838b-f668682d9003","question":"Do you compare prices before you buy?","total_answers":3,"answers":[
				{"answer_id":"c72d8cf9-5429-40ae-ac74-682d90030001","answer":"Yes","count":2},{"answer_id":"c72d8cf9-5429-40ae-ac74-682d90030002","answer":"No","count":1}]}]`),
	}
	rows := harness.ByColumn(t, p.MustExecute(t, harness.Query{Table: surveysTable}), "id")
	if len(rows) != 2 {
		t.Fatalf("%d surveys, want 2", len(rows))
	}
	checkRow(t, "listed", rows[fakeapi.SurveyShopping], want)
	checkRow(t, "screen time", rows[fakeapi.SurveyScreenTime], map[string]any{"sections": nil, "question_count": int64(2),
		"title": "Screen time check-in"})
	if got := requestsWith(api, "/api/v1/surveys/"); len(got) != 1 || got[0] != "limit=100&offset=0&researcher_id="+fakeapi.ResearcherID {
		t.Errorf("survey list requests %q", got)
	}
	if n := api.RequestsTo("/api/v1/users/me"); n != 1 {
		t.Errorf("%d users/me requests, want 1", n)
	}
	got := p.MustExecute(t, harness.Query{Table: surveysTable, Quals: harness.Equals("id", fakeapi.SurveyShopping)})
	if len(got) != 1 {
		t.Fatalf("get: %d rows", len(got))
	}
	checkRow(t, "get", got[0], want)
	checkKinds(t, got, map[string]string{"date_created": "timestamp", "date_modified": "timestamp", "question_count": "int",
		"questions": "json", "response_summary": "json", "sections": "json"})
}

// TestSurveySummaryOnlyWhenSelected: the summary costs one request per survey, and none unless selected.
func TestSurveySummaryOnlyWhenSelected(t *testing.T) {
	api, p := startFake(t)
	p.MustExecute(t, harness.Query{Table: surveysTable, Columns: []string{"id", "title", "question_count"}})
	if n := api.RequestsTo("/api/v1/surveys/" + fakeapi.SurveyShopping); n != 0 {
		t.Errorf("%d summary requests without response_summary, want 0", n)
	}
	p.MustExecute(t, harness.Query{Table: surveysTable, Columns: []string{"id", "response_summary"}})
	if n := api.RequestsTo("/api/v1/surveys/" + fakeapi.SurveyShopping + "/responses/summary"); n != 1 {
		t.Errorf("%d summary requests, want 1", n)
	}
}

// TestSurveyPages: another researcher's surveys span three pages of 100; the list has no meta, so a short page ends it.
func TestSurveyPages(t *testing.T) {
	api, p := startFake(t)
	rows := p.MustExecute(t, harness.Query{Table: surveysTable, Columns: []string{"id", "researcher_id"},
		Quals: harness.Equals("researcher_id", fakeapi.ResearcherManySurveys)})
	if n := len(harness.ByColumn(t, rows, "id")); n != fakeapi.SurveyPagingCount {
		t.Fatalf("%d surveys, want %d", n, fakeapi.SurveyPagingCount)
	}
	got := requestsWith(api, "/api/v1/surveys/")
	want := []string{"limit=100&offset=0", "limit=100&offset=100", "limit=100&offset=200"}
	for i := range want {
		want[i] += "&researcher_id=" + fakeapi.ResearcherManySurveys
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("requests %v, want %v", got, want)
	}
	if n := api.RequestsTo("/api/v1/users/me"); n != 0 {
		t.Errorf("%d users/me requests with researcher_id given, want 0", n)
	}
}

func TestSurveyNotFound(t *testing.T) {
	_, p := startFake(t)
	rows, err := p.Execute(t, harness.Query{Table: surveysTable, Quals: harness.Equals("id", "6710a3c5e2b4d6f8a0b2ffff")})
	if err != nil || len(rows) != 0 {
		t.Errorf("get: %d rows, err %v; want none", len(rows), err)
	}
	rows, err = p.Execute(t, harness.Query{Table: surveysTable, Quals: harness.Equals("researcher_id", "65f0c2a1b4e8d9a7c3f1ffff")})
	if err != nil || len(rows) != 0 {
		t.Errorf("other researcher: %d rows, err %v; want none", len(rows), err)
	}
	mustFail(t, p, harness.Query{Table: surveysTable, Quals: harness.Equals("researcher_id", "")}, "researcher_id", "empty")
}

func TestSurveyResponseSchema(t *testing.T) {
	_, p := startFake(t)
	checkSchema(t, p, surveyResponsesTable, []string{"survey_id", "id"}, map[string]string{
		"survey_id": "STRING", "id": "STRING", "answers": "JSON", "date_created": "TIMESTAMP", "date_modified": "TIMESTAMP",
		"participant_id": "STRING", "questions": "JSON", "sections": "JSON", "submission_id": "STRING",
	})
	checkKeyColumns(t, p, surveyResponsesTable, map[string]string{"survey_id": "required", "id": "optional"}, "")
	mustFail(t, p, harness.Query{Table: surveyResponsesTable}, "missing 1 required qual", "survey_id")
}

// TestSurveyResponseEveryColumn reads the shopping survey's responses, and one by id; answers flattens the sections.
func TestSurveyResponseEveryColumn(t *testing.T) {
	api, p := startFake(t)
	want := map[string]any{
		"survey_id": fakeapi.SurveyShopping, "id": "6710b0000000000000000001", "participant_id": "5f4dcc3b5aa765d61d8327de",
		"submission_id": "5c0000000000000000000001", "date_created": harness.Timestamp(t, "2026-09-15T09:52:10.325Z"),
		"date_modified": harness.Timestamp(t, "2026-09-15T09:52:10.325Z"), "questions": nil,
		"answers": j(t, `[
			{"section_id":"75ac961f-d94a-4490-af8f-935ca0883001","question_id":"3797222e-f731-4bea-838b-f668682d9001","question_title":"How often do you shop online?","answer_id":"c72d8cf9-5429-40ae-ac74-682d90010002","value":"Weekly"},
			{"section_id":"75ac961f-d94a-4490-af8f-935ca0883001","question_id":"3797222e-f731-4bea-838b-f668682d9002","question_title":"What do you buy online?","answer_id":"c72d8cf9-5429-40ae-ac74-682d90020002","value":"Clothes"},
			{"section_id":"75ac961f-d94a-4490-af8f-935ca0883001","question_id":"3797222e-f731-4bea-838b-f668682d9002","question_title":"What do you buy online?","answer_id":"c72d8cf9-5429-40ae-ac74-682d90020004","value":"Books"},
			{"section_id":"75ac961f-d94a-4490-af8f-935ca0883002","question_id":"3797222e-f731-4bea-838b-f668682d9003","question_title":"Do you compare prices before you buy?","answer_id":"c72d8cf9-5429-40ae-ac74-682d90030001","value":"Yes"}]`),
		"sections": j(t, `[
			{"section_id":"75ac961f-d94a-4490-af8f-935ca0883001","questions":[
				{"question_id":"3797222e-f731-4bea-838b-f668682d9001","question_title":"How often do you shop online?","answers":[{"answer_id":"c72d8cf9-5429-40ae-ac74-682d90010002","value":"Weekly"}]},
				{"question_id":"3797222e-f731-4bea-838b-f668682d9002","question_title":"What do you buy online?","answers":[{"answer_id":"c72d8cf9-5429-40ae-ac74-682d90020002","value":"Clothes"},{"answer_id":"c72d8cf9-5429-40ae-ac74-682d90020004","value":"Books"}]}]},
			{"section_id":"75ac961f-d94a-4490-af8f-935ca0883002","questions":[
				{"question_id":"3797222e-f731-4bea-838b-f668682d9003","question_title":"Do you compare prices before you buy?","answers":[{"answer_id":"c72d8cf9-5429-40ae-ac74-682d90030001","value":"Yes"}]}]}]`),
	}
	rows := harness.ByColumn(t, p.MustExecute(t, harness.Query{Table: surveyResponsesTable,
		Quals: harness.Equals("survey_id", fakeapi.SurveyShopping)}), "id")
	if len(rows) != 3 {
		t.Fatalf("%d responses, want 3", len(rows))
	}
	checkRow(t, "listed", rows["6710b0000000000000000001"], want)
	got := p.MustExecute(t, harness.Query{Table: surveyResponsesTable,
		Quals: merge(harness.Equals("survey_id", fakeapi.SurveyShopping), harness.Equals("id", "6710b0000000000000000001"))})
	if len(got) != 1 {
		t.Fatalf("get: %d rows", len(got))
	}
	checkRow(t, "get", got[0], want)
	if n := api.RequestsTo("/api/v1/surveys/" + fakeapi.SurveyShopping + "/responses/6710b0000000000000000001"); n != 1 {
		t.Errorf("%d get requests, want 1", n)
	}
	checkKinds(t, got, map[string]string{"answers": "json", "sections": "json", "questions": "json",
		"date_created": "timestamp", "date_modified": "timestamp"})
}

// TestSurveyResponseTopLevelQuestions: a survey without sections has its answers in questions; answers has a null
// section_id.
func TestSurveyResponseTopLevelQuestions(t *testing.T) {
	_, p := startFake(t)
	rows := p.MustExecute(t, harness.Query{Table: surveyResponsesTable, Quals: harness.Equals("survey_id", fakeapi.SurveyMany), Limit: 1})
	if len(rows) != 1 {
		t.Fatalf("%d rows", len(rows))
	}
	checkRow(t, "first", rows[0], map[string]any{"sections": nil,
		"answers": j(t, `[{"section_id":null,"question_id":"5b1d2c3e-0000-4a00-8000-000000000001","question_title":"Pick one.","answer_id":"c72d8cf9-5429-40ae-ac74-000000010001","value":"A"}]`)})
}

// TestSurveyResponsePages: 230 responses in pages of 100 with limit and offset; a LIMIT lowers the page.
func TestSurveyResponsePages(t *testing.T) {
	api, p := startFake(t)
	rows := p.MustExecute(t, harness.Query{Table: surveyResponsesTable, Columns: []string{"survey_id", "id"},
		Quals: harness.Equals("survey_id", fakeapi.SurveyMany)})
	if n := len(harness.ByColumn(t, rows, "id")); n != fakeapi.SurveyPagingCount {
		t.Fatalf("%d responses, want %d", n, fakeapi.SurveyPagingCount)
	}
	path := "/api/v1/surveys/" + fakeapi.SurveyMany + "/responses/"
	if got := requestsWith(api, path); strings.Join(got, " ") != "limit=100&offset=0 limit=100&offset=100 limit=100&offset=200" {
		t.Errorf("requests %v", got)
	}
	api.ResetLog()
	p.MustExecute(t, harness.Query{Table: surveyResponsesTable, Columns: []string{"id"}, Quals: harness.Equals("survey_id", fakeapi.SurveyMany), Limit: 5})
	if got := requestsWith(api, path); len(got) != 1 || got[0] != "limit=5&offset=0" {
		t.Errorf("requests %v, want one of limit 5", got)
	}
}

func TestSurveyResponseNotFound(t *testing.T) {
	_, p := startFake(t)
	for _, quals := range []map[string]*proto.Quals{
		harness.Equals("survey_id", "6710a3c5e2b4d6f8a0b2ffff"),
		merge(harness.Equals("survey_id", fakeapi.SurveyShopping), harness.Equals("id", "6710b00000000000000000ff")),
		harness.Equals("survey_id", fakeapi.SurveyScreenTime),
	} {
		rows, err := p.Execute(t, harness.Query{Table: surveyResponsesTable, Quals: quals})
		if err != nil || len(rows) != 0 {
			t.Errorf("%v: %d rows, err %v; want none", quals, len(rows), err)
		}
	}
}
