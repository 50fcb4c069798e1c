package prolific_test

import (
	"testing"

	"github.com/pipeworks/steampipe-plugin-prolific/test/fakeapi"
	"github.com/pipeworks/steampipe-plugin-prolific/test/harness"
)

var studyCountColumns = []string{"id", "submission_counts", "submission_count_active", "submission_count_approved",
	"submission_count_awaiting_review", "submission_count_partially_approved", "submission_count_rejected",
	"submission_count_reserved", "submission_count_returned", "submission_count_screened_out",
	"submission_count_timed_out", "submission_count_total"}

// TestStudySubmissionCounts reads the counts endpoint's keys, spaces and hyphen included, into one column each, and
// keeps the whole object; the counts agree with the study's submissions.
func TestStudySubmissionCounts(t *testing.T) {
	api, p := startFake(t)
	rows := harness.ByColumn(t, p.MustExecute(t, harness.Query{Table: studiesTable, Columns: studyCountColumns,
		Quals: harness.Equals("project_id", fakeapi.ProjectSentiment)}), "id")
	checkRow(t, "sentiment", rows[fakeapi.StudySentiment], map[string]any{
		"submission_count_active": int64(0), "submission_count_approved": int64(2), "submission_count_awaiting_review": int64(2),
		"submission_count_partially_approved": int64(0), "submission_count_rejected": int64(1), "submission_count_reserved": int64(0),
		"submission_count_returned": int64(1), "submission_count_screened_out": int64(0), "submission_count_timed_out": int64(0),
		"submission_count_total": int64(6),
		"submission_counts": j(t, `{"ACTIVE":0,"APPROVED":2,"AWAITING REVIEW":2,"PARTIALLY APPROVED":0,"REJECTED":1,
			"RESERVED":0,"RETURNED":1,"SCREENED OUT":0,"TIMED-OUT":0,"TOTAL":6}`),
	})
	checkRow(t, "pilot", rows[fakeapi.StudyPilot], map[string]any{"submission_count_active": int64(1),
		"submission_count_timed_out": int64(1), "submission_count_approved": int64(1), "submission_count_total": int64(3)})
	if n := api.RequestsTo("/api/v1/studies/" + fakeapi.StudySentiment + "/submissions/counts"); n != 1 {
		t.Errorf("%d counts requests for the sentiment study, want 1", n)
	}
	if n := api.RequestsTo("/api/v1/studies/" + fakeapi.StudySentiment + "/access-details-progress"); n != 0 {
		t.Errorf("%d progress requests when no progress column is selected, want 0", n)
	}
	// Without a counts column, no counts request.
	api.ResetLog()
	p.MustExecute(t, harness.Query{Table: studiesTable, Columns: []string{"id", "name"}, Quals: harness.Equals("id", fakeapi.StudySentiment)})
	counts, progress := api.RequestsTo("/api/v1/studies/"+fakeapi.StudySentiment+"/submissions/counts"),
		api.RequestsTo("/api/v1/studies/"+fakeapi.StudySentiment+"/access-details-progress")
	if counts+progress != 0 {
		t.Errorf("%d counts and %d progress requests for other columns, want 0", counts, progress)
	}
}

// TestStudySubmissionCountsLiberal: a count sent as a double (the spec's type) reads as an integer, a fraction or a
// missing key is NULL in its column while the JSON column keeps the value exactly.
func TestStudySubmissionCountsLiberal(t *testing.T) {
	api, p := startFake(t)
	api.Inject("/api/v1/studies/"+fakeapi.StudyPilot+"/submissions/counts", fakeapi.Fault{Kind: fakeapi.StatusFault, Status: 200,
		Body: `{"ACTIVE": 1.0, "APPROVED": 2.5, "TOTAL": "3"}`})
	rows := p.MustExecute(t, harness.Query{Table: studiesTable, Columns: studyCountColumns, Quals: harness.Equals("id", fakeapi.StudyPilot)})
	checkRow(t, "pilot", rows[0], map[string]any{"submission_count_active": int64(1), "submission_count_approved": nil,
		"submission_count_total": int64(3), "submission_count_rejected": nil,
		"submission_counts": j(t, `{"ACTIVE": 1.0, "APPROVED": 2.5, "TOTAL": "3"}`)})
}

// TestStudyAccessDetailsProgress: a Taskflow study has its progress; any other study answers 404, which is NULL.
func TestStudyAccessDetailsProgress(t *testing.T) {
	_, p := startFake(t)
	rows := harness.ByColumn(t, p.MustExecute(t, harness.Query{Table: studiesTable,
		Columns: []string{"id", "access_details_collection_id", "access_details_progress"},
		Quals:   harness.Equals("workspace_id", fakeapi.WorkspaceVision)}), "id")
	checkRow(t, "large", rows[fakeapi.StudyLarge], map[string]any{
		"access_details_collection_id": fakeapi.StudyLargeAccessDetails,
		"access_details_progress": j(t, `[{"external_url":"https://labels.example.org/a","total_allocation":250,"allocated":212},
			{"external_url":"https://labels.example.org/b","total_allocation":250,"allocated":253,"capacity_increments":4}]`),
	})
	checkRow(t, "draft", rows[fakeapi.StudyDraft], map[string]any{"access_details_collection_id": nil, "access_details_progress": nil})
}

// TestStudyCountsErrors: an error from the counts endpoint fails the query rather than passing for NULL counts.
func TestStudyCountsErrors(t *testing.T) {
	api, p := startFake(t, `max_retries = 0`)
	api.Inject("/api/v1/studies/"+fakeapi.StudyPilot+"/submissions/counts", fakeapi.Fault{Kind: fakeapi.StatusFault, Status: 403})
	mustFail(t, p, harness.Query{Table: studiesTable, Columns: studyCountColumns, Quals: harness.Equals("id", fakeapi.StudyPilot)}, "403")
}
