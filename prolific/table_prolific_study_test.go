package prolific_test

import (
	"strings"
	"testing"

	"github.com/pipeworks/steampipe-plugin-prolific/test/fakeapi"
	"github.com/pipeworks/steampipe-plugin-prolific/test/harness"
)

const studiesTable = "prolific_study"

// studyListColumns are prolific_study's columns that the list endpoint fills (no per-study request).
var studyListColumns = []string{"workspace_id", "project_id", "id", "name", "internal_name", "status", "study_type",
	"estimated_completion_time", "total_available_places", "places_taken", "number_of_submissions", "reward",
	"total_cost", "published_at", "publish_at", "date_created", "credential_pool_id", "is_ready_to_publish"}

func TestStudySchema(t *testing.T) {
	_, p := startFake(t)
	checkSchema(t, p, studiesTable, []string{"workspace_id", "project_id", "id"}, map[string]string{
		"workspace_id": "STRING", "project_id": "STRING", "id": "STRING", "access_details": "JSON",
		"average_reward_per_hour": "DOUBLE", "completion_codes": "JSON", "content_warning_details": "STRING",
		"content_warnings": "JSON", "credential_pool_id": "STRING", "currency_code": "STRING",
		"data_collection_id": "STRING", "data_collection_metadata": "JSON", "data_collection_method": "STRING",
		"date_created": "TIMESTAMP", "description": "STRING", "device_compatibility": "JSON",
		"eligibility_requirements": "JSON", "estimated_completion_time": "DOUBLE", "estimated_reward_per_hour": "DOUBLE",
		"external_study_url": "STRING", "filter_set_id": "STRING", "filter_set_version": "INT", "filters": "JSON",
		"has_credentials": "BOOL", "internal_name": "STRING", "is_external_study_url_secure": "BOOL", "is_pilot": "BOOL",
		"is_ready_to_publish": "BOOL", "is_underpaying": "BOOL", "maximum_allowed_time": "DOUBLE", "metadata": "STRING",
		"name": "STRING", "title": "STRING", "naivety_distribution_rate": "DOUBLE", "number_of_submissions": "INT",
		"peripheral_requirements": "JSON", "places_taken": "INT", "presentment_currency_code": "STRING",
		"prolific_id_option": "STRING", "publish_at": "TIMESTAMP", "published_at": "TIMESTAMP", "researcher": "JSON",
		"reward": "DOUBLE", "started_publishing_at": "TIMESTAMP", "status": "STRING", "study_labels": "JSON",
		"study_type": "STRING", "submissions_config": "JSON", "total_available_places": "INT", "total_cost": "DOUBLE",
		"access_details_collection_id": "STRING", "access_details_progress": "JSON", "submission_counts": "JSON",
		"submission_count_active": "INT", "submission_count_approved": "INT", "submission_count_awaiting_review": "INT",
		"submission_count_partially_approved": "INT", "submission_count_rejected": "INT", "submission_count_reserved": "INT",
		"submission_count_returned": "INT", "submission_count_screened_out": "INT", "submission_count_timed_out": "INT",
		"submission_count_total": "INT",
	})
	checkKeyColumns(t, p, studiesTable, map[string]string{"workspace_id": "optional", "project_id": "optional"}, "id")
}

// TestStudyAllColumns checks every column of the sentiment study, listed and then fetched by id.
func TestStudyAllColumns(t *testing.T) {
	_, p := startFake(t)
	want := map[string]any{
		"workspace_id": fakeapi.WorkspaceNLP, "project_id": fakeapi.ProjectSentiment, "id": fakeapi.StudySentiment,
		"access_details": nil, "average_reward_per_hour": 1012.5,
		"completion_codes":        j(t, `[{"code":"C1A2B3C4","code_type":"COMPLETED","actions":[{"action":"MANUALLY_REVIEW"}],"actor":"participant"}]`),
		"content_warning_details": nil, "content_warnings": j(t, `[]`), "credential_pool_id": nil, "currency_code": "GBP",
		"data_collection_id": fakeapi.BatchSentiment, "data_collection_metadata": j(t, `{"annotators_per_task":3}`),
		"data_collection_method": "AI_TASK_BUILDER_BATCH", "date_created": harness.Timestamp(t, "2026-09-13T16:40:12Z"),
		"description": "<p>Rate product reviews.</p>", "device_compatibility": j(t, `["desktop"]`),
		"eligibility_requirements": j(t, `[]`), "estimated_completion_time": 15.0, "estimated_reward_per_hour": 1000.0,
		"external_study_url": nil, "filter_set_id": nil, "filter_set_version": nil,
		"filters":         j(t, `[{"filter_id":"approval_rate","selected_range":{"lower":95,"upper":100}}]`),
		"has_credentials": false, "internal_name": "sentiment-batch-1", "is_external_study_url_secure": false,
		"is_pilot": false, "is_ready_to_publish": true, "is_underpaying": false, "maximum_allowed_time": 40.0,
		"metadata": "batch=sentiment", "name": "Rate product reviews", "naivety_distribution_rate": nil,
		"number_of_submissions": int64(6), "peripheral_requirements": j(t, `[]`), "places_taken": int64(5),
		"presentment_currency_code": "GBP", "prolific_id_option": "not_required", "publish_at": nil,
		"published_at": harness.Timestamp(t, "2026-09-14T08:50:00Z"),
		"researcher":   j(t, `{"id":"65f0c2a1b4e8d9a7c3f10a00","name":"Ada Lovelace","email":"res@example.org","country":"GB","institution":{"name":"Analytical Engines Ltd","logo":null,"link":""}}`),
		"reward":       250.0, "started_publishing_at": harness.Timestamp(t, "2026-09-14T08:49:30Z"),
		"status": "AWAITING REVIEW", "study_labels": j(t, `["annotation","ai_annotation"]`), "study_type": "SINGLE",
		"submissions_config":     j(t, `{"max_submissions_per_participant":1,"max_concurrent_submissions":-1,"auto_rejection_categories":[]}`),
		"total_available_places": int64(5), "total_cost": 1749.93,
	}
	listed := p.MustExecute(t, harness.Query{Table: studiesTable, Quals: harness.Equals("project_id", fakeapi.ProjectSentiment)})
	checkRow(t, "listed", harness.ByColumn(t, listed, "id")[fakeapi.StudySentiment], want)
	got := p.MustExecute(t, harness.Query{Table: studiesTable, Quals: harness.Equals("id", fakeapi.StudySentiment)})
	if len(got) != 1 {
		t.Fatalf("get: %d rows", len(got))
	}
	checkRow(t, "get", got[0], want)

	// Another study's nulls and types.
	draft := p.MustExecute(t, harness.Query{Table: studiesTable, Quals: harness.Equals("id", fakeapi.StudyDraft)})
	checkRow(t, "draft", draft[0], map[string]any{"status": "SCHEDULED", "publish_at": harness.Timestamp(t, "2026-12-01T09:00:00Z"),
		"published_at": nil, "researcher": nil, "estimated_reward_per_hour": nil, "data_collection_method": nil,
		"data_collection_id": nil, "workspace_id": fakeapi.WorkspaceVision, "project_id": fakeapi.ProjectVision})
}

// TestStudyFractionalMoney: the spec types reward, total_cost and the times as doubles (docs/api-evidence.md (B12)),
// and a fractional value comes back exactly, from the list and from the get endpoint, never as NULL.
func TestStudyFractionalMoney(t *testing.T) {
	_, p := startFake(t)
	want := map[string]map[string]any{
		fakeapi.StudyArchived:  {"reward": 212.5, "total_cost": 594.83},
		fakeapi.StudySentiment: {"reward": 250.0, "total_cost": 1749.93},
		fakeapi.StudyPilot:     {"estimated_completion_time": 7.5, "maximum_allowed_time": 40.0, "total_cost": 420.0},
	}
	listed := harness.ByColumn(t, p.MustExecute(t, harness.Query{Table: studiesTable,
		Quals: harness.Equals("project_id", fakeapi.ProjectSentiment)}), "id")
	for id, values := range want {
		checkRow(t, "listed "+id, listed[id], values)
		got := p.MustExecute(t, harness.Query{Table: studiesTable, Quals: harness.Equals("id", id)})
		if len(got) != 1 {
			t.Fatalf("get %s: %d rows", id, len(got))
		}
		checkRow(t, "get "+id, got[0], values)
	}
}

// TestStudyListsEveryProject: without quals, every workspace's projects are listed, and only list columns cost no
// per-study request.
func TestStudyListsEveryProject(t *testing.T) {
	api, p := startFake(t)
	rows := p.MustExecute(t, harness.Query{Table: studiesTable, Columns: studyListColumns})
	want := map[string][2]string{
		fakeapi.StudySentiment:  {fakeapi.WorkspaceNLP, fakeapi.ProjectSentiment},
		fakeapi.StudyPilot:      {fakeapi.WorkspaceNLP, fakeapi.ProjectSentiment},
		fakeapi.StudyArchived:   {fakeapi.WorkspaceNLP, fakeapi.ProjectSentiment},
		fakeapi.StudySummaries:  {fakeapi.WorkspaceNLP, fakeapi.ProjectSummaries},
		fakeapi.StudyModeration: {fakeapi.WorkspaceNLP, fakeapi.ProjectModeration},
		fakeapi.StudyLarge:      {fakeapi.WorkspaceVision, fakeapi.ProjectVision},
		fakeapi.StudyDraft:      {fakeapi.WorkspaceVision, fakeapi.ProjectVision},
	}
	byID := harness.ByColumn(t, rows, "id")
	if len(byID) != len(want) {
		t.Fatalf("studies %v", harness.Strings(rows, "id"))
	}
	for id, parents := range want {
		checkRow(t, id, byID[id], map[string]any{"workspace_id": parents[0], "project_id": parents[1]})
	}
	if n := api.RequestsTo("/api/v1/studies/"); n != 0 {
		t.Errorf("%d study get requests for list columns only, want 0", n)
	}
	// A detail column costs one request per study.
	api.ResetLog()
	p.MustExecute(t, harness.Query{Table: studiesTable, Columns: []string{"id", "data_collection_id"}})
	if n := api.RequestsTo("/api/v1/studies/"); n != len(want) {
		t.Errorf("%d study get requests, want %d", n, len(want))
	}
}

func TestStudyWorkspaceAndProjectQuals(t *testing.T) {
	api, p := startFake(t)
	rows := p.MustExecute(t, harness.Query{Table: studiesTable, Columns: studyListColumns,
		Quals: harness.Equals("workspace_id", fakeapi.WorkspaceVision)})
	if got := strings.Join(harness.Strings(rows, "id"), ","); got != fakeapi.StudyLarge+","+fakeapi.StudyDraft {
		t.Errorf("Vision studies = %s", got)
	}
	if n := api.RequestsTo("/api/v1/workspaces/" + fakeapi.WorkspaceNLP); n != 0 {
		t.Errorf("the NLP workspace was read %d times for a Vision query", n)
	}

	api.ResetLog()
	rows = p.MustExecute(t, harness.Query{Table: studiesTable, Columns: studyListColumns,
		Quals: harness.Equals("project_id", fakeapi.ProjectSummaries)})
	if got := harness.Strings(rows, "id"); len(got) != 1 || got[0] != fakeapi.StudySummaries {
		t.Errorf("summaries project studies = %v", got)
	}
	checkRow(t, "summaries", rows[0], map[string]any{"workspace_id": fakeapi.WorkspaceNLP})
	if n := api.RequestsTo("/api/v1/workspaces/"); n != 0 {
		t.Errorf("%d workspace requests for a project_id query, want 0", n)
	}

	// A project in another workspace than the one asked for gives no rows.
	rows = p.MustExecute(t, harness.Query{Table: studiesTable, Columns: studyListColumns,
		Quals: merge(harness.Equals("project_id", fakeapi.ProjectSummaries), harness.Equals("workspace_id", fakeapi.WorkspaceVision))})
	if len(rows) != 0 {
		t.Errorf("%d rows for a project outside the workspace", len(rows))
	}

	// IN lists fan out.
	rows = p.MustExecute(t, harness.Query{Table: studiesTable, Columns: studyListColumns,
		Quals: harness.In("project_id", fakeapi.ProjectSummaries, fakeapi.ProjectVision)})
	if len(rows) != 3 {
		t.Errorf("%d rows for two projects, want 3", len(rows))
	}
}

func TestStudyNotFound(t *testing.T) {
	_, p := startFake(t)
	for _, q := range []harness.Query{
		{Table: studiesTable, Quals: harness.Equals("id", "6601a9e2f1c3b5d7e9a0ffff")},
		{Table: studiesTable, Columns: studyListColumns, Quals: harness.Equals("project_id", "66a0b1c2d3e4f5a6b7c8ffff")},
		{Table: studiesTable, Columns: studyListColumns, Quals: harness.Equals("workspace_id", "65f0c2a1b4e8d9a7c3f1ffff")},
	} {
		rows, err := p.Execute(t, q)
		if err != nil || len(rows) != 0 {
			t.Errorf("%v: %d rows, err %v; want none", q.Quals, len(rows), err)
		}
	}
}

// TestStudyPages: a project's studies page by page_size, following next links, over three pages.
func TestStudyPages(t *testing.T) {
	api, p := startFake(t)
	api.MaxPageSize = 1
	rows := p.MustExecute(t, harness.Query{Table: studiesTable, Columns: studyListColumns,
		Quals: harness.Equals("project_id", fakeapi.ProjectSentiment)})
	if n := len(harness.ByColumn(t, rows, "id")); n != 3 {
		t.Fatalf("%d rows, want 3", n)
	}
	want := []string{"page=1&page_size=200", "page=2&page_size=200", "page=3&page_size=200"}
	if got := requestsWith(api, "/api/v1/projects/"+fakeapi.ProjectSentiment+"/studies/"); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("requests %v, want %v", got, want)
	}
	api.ResetLog()
	rows = p.MustExecute(t, harness.Query{Table: studiesTable, Columns: studyListColumns,
		Quals: harness.Equals("workspace_id", fakeapi.WorkspaceNLP)})
	if n := len(harness.ByColumn(t, rows, "id")); n != 5 {
		t.Fatalf("%d rows, want 5", n)
	}
	// Projects, listed with limit/offset, also page: three projects in pages of one.
	if got := requestsWith(api, "/api/v1/workspaces/"+fakeapi.WorkspaceNLP+"/projects/"); len(got) != 3 {
		t.Errorf("project list requests %v, want 3 pages", got)
	}
}

func TestStudyLimitLowersPageSize(t *testing.T) {
	api, p := startFake(t)
	rows := p.MustExecute(t, harness.Query{Table: studiesTable, Columns: studyListColumns,
		Quals: harness.Equals("project_id", fakeapi.ProjectSentiment), Limit: 1})
	if len(rows) != 1 {
		t.Fatalf("%d rows", len(rows))
	}
	if got := requestsWith(api, "/api/v1/projects/"+fakeapi.ProjectSentiment+"/studies/"); len(got) != 1 || got[0] != "page=1&page_size=1" {
		t.Errorf("requests %v, want page_size=1", got)
	}
}
