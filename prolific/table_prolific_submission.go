package prolific

import (
	"context"
	"net/url"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

//// TABLE DEFINITION

func tableProlificSubmission(_ context.Context) *plugin.Table {
	return &plugin.Table{
		Name: "prolific_submission",
		Description: "Participants' submissions to a Prolific study, with their approval status and timing. " +
			"study_id is required unless id is given.",
		List: &plugin.ListConfig{
			Hydrate: listProlificSubmissions,
			KeyColumns: []*plugin.KeyColumn{
				{Name: "study_id", Require: plugin.Required},
				{Name: "status", Require: plugin.Optional},
			},
		},
		Get: &plugin.GetConfig{
			Hydrate:    getProlificSubmission,
			KeyColumns: plugin.SingleColumn("id"),
		},
		Columns: submissionColumns(),
	}
}

func submissionColumns() []*plugin.Column {
	type s = submission
	return []*plugin.Column{
		column("study_id", proto.ColumnType_STRING, "The ID of the study the submission belongs to. Required in the where clause or a join, unless id is given.",
			func(s *s) any { return s.studyID() }),
		column("id", proto.ColumnType_STRING, "The unique ID of the submission.",
			func(s *s) any { return s.ID.sqlValue() }),
		column("status", proto.ColumnType_STRING, "The status of the submission, spelt as the API returns it: RESERVED, ACTIVE, TIMED-OUT, AWAITING REVIEW, APPROVED, PARTIALLY APPROVED, RETURNED, REJECTED or SCREENED OUT.",
			func(s *s) any { return s.Status.sqlValue() }),
		column("bonus_payments", proto.ColumnType_JSON, "The bonuses paid for the submission, as the API returns them (amounts in minor units, such as pence or cents).",
			func(s *s) any { return s.BonusPayments.sqlValue() }),
		column("completed_at", proto.ColumnType_TIMESTAMP, "The time the participant completed the submission; NULL while it is in progress.",
			func(s *s) any { return s.CompletedAt.sqlValue() }),
		column("entered_code", proto.ColumnType_STRING, "The completion code the participant entered. Only the get endpoint returns it, so it is NULL unless the query gives id.",
			func(s *s) any { return s.EnteredCode.sqlValue() }),
		column("has_siblings", proto.ColumnType_BOOL, "True when the participant has other submissions to the same study.",
			func(s *s) any { return s.HasSiblings.sqlValue() }),
		column("ip", proto.ColumnType_STRING, "The IP address the submission was made from, when the API returns it.",
			func(s *s) any { return s.IP.sqlValue() }),
		column("is_complete", proto.ColumnType_BOOL, "True when the submission is complete.",
			func(s *s) any { return s.IsComplete.sqlValue() }),
		column("parent_study_id", proto.ColumnType_STRING, "The ID of the parent study, for a submission to a study copied from another. Only the get endpoint returns it.",
			func(s *s) any { return s.ParentStudyID.sqlValue() }),
		column("participant_id", proto.ColumnType_STRING, "The Prolific ID of the participant who made the submission.",
			func(s *s) any { return s.participantID() }),
		column("return_requested", proto.ColumnType_TIMESTAMP, "The time the researcher asked the participant to return the submission, if they did.",
			func(s *s) any { return s.ReturnRequested.sqlValue() }),
		column("reward", proto.ColumnType_INT, "The reward for the submission, in minor units of the study's currency (such as pence or cents).",
			func(s *s) any { return s.Reward.sqlValue() }),
		column("star_awarded", proto.ColumnType_BOOL, "True when the researcher awarded the participant a star for the submission.",
			func(s *s) any { return s.StarAwarded.sqlValue() }),
		column("started_at", proto.ColumnType_TIMESTAMP, "The time the participant started the submission.",
			func(s *s) any { return s.StartedAt.sqlValue() }),
		column("strata", proto.ColumnType_JSON, "The participant's demographic strata for a representative sample, as the API returns them.",
			func(s *s) any { return s.Strata.sqlValue() }),
		column("study_code", proto.ColumnType_STRING, "The completion code the participant entered, as the list endpoint returns it.",
			func(s *s) any { return s.StudyCode.sqlValue() }),
		column("time_taken", proto.ColumnType_INT, "The time the participant took, in seconds.",
			func(s *s) any { return s.TimeTaken.sqlValue() }),
	}
}

//// LIST FUNCTION

// submissionPageSize is the page_size asked of GET /submissions/ (the API's default is 20; no maximum is documented).
const submissionPageSize = 200

// submissionStatusFilters maps the status spellings the API returns to the spellings its status filter takes. A
// status not in the map (RESERVED, or any other text) is not sent: PostgreSQL filters it instead.
var submissionStatusFilters = map[string]string{
	"ACTIVE": "ACTIVE", "AWAITING REVIEW": "AWAITING_REVIEW", "APPROVED": "APPROVED",
	"PARTIALLY APPROVED": "PARTIALLY_APPROVED", "REJECTED": "REJECTED", "RETURNED": "RETURNED",
	"SCREENED OUT": "SCREENED_OUT", "TIMED-OUT": "TIMED-OUT",
}

func listProlificSubmissions(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
	studyID := d.EqualsQualString("study_id")
	if _, err := apiPath("/%s", studyID); err != nil { // the study is a query parameter, but an empty id is still an error
		return nil, err
	}
	// Page numbers over a list in an undocumented order can skip or repeat rows while submissions arrive; in started_at
	// order new submissions join the end (docs/api-evidence.md (B11)).
	query := url.Values{"study": {studyID}, "ordering": {"started_at"}}
	if filter, ok := submissionStatusFilters[d.EqualsQualString("status")]; ok {
		query.Set("status", filter)
	}
	err := streamPages(ctx, d, pagedList{path: "/api/v1/submissions/", query: query, style: pageNumberPaging, pageSize: submissionPageSize},
		func(s *submission) string { return s.ID.value },
		func(s *submission) { s.queryStudyID = studyID })
	if err != nil {
		loggerFrom(ctx).Error("prolific_submission.listProlificSubmissions", "api_error", err, "study_id", studyID)
	}
	return nil, err
}

//// HYDRATE FUNCTIONS

func getProlificSubmission(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
	return hydrateItem(getByID[submission](ctx, d, "prolific_submission.getProlificSubmission", "/api/v1/submissions/%s/", d.EqualsQualString("id")))
}

//// ROW TYPE

// submission is a list item (SubmissionShort) or the get endpoint's object; the two name some fields differently.
type submission struct {
	ID              jsonText `json:"id"`
	StudyID         jsonText `json:"study_id"`
	ParticipantID   jsonText `json:"participant_id"`
	Participant     jsonText `json:"participant"`
	Status          jsonText `json:"status"`
	StartedAt       jsonTime `json:"started_at"`
	CompletedAt     jsonTime `json:"completed_at"`
	HasSiblings     jsonBool `json:"has_siblings"`
	StudyCode       jsonText `json:"study_code"`
	EnteredCode     jsonText `json:"entered_code"`
	ReturnRequested jsonTime `json:"return_requested"`
	IsComplete      jsonBool `json:"is_complete"`
	TimeTaken       jsonInt  `json:"time_taken"`
	Reward          jsonInt  `json:"reward"`
	Strata          rawJSON  `json:"strata"`
	StarAwarded     jsonBool `json:"star_awarded"`
	BonusPayments   rawJSON  `json:"bonus_payments"`
	IP              jsonText `json:"ip"`
	ParentStudyID   jsonText `json:"parent_study_id"`

	queryStudyID string // the study_id of a list query, which every listed row matches
}

func (s *submission) studyID() any {
	if s.queryStudyID != "" {
		return s.queryStudyID
	}
	return s.StudyID.sqlValue()
}

func (s *submission) participantID() any {
	if s.ParticipantID.set {
		return s.ParticipantID.sqlValue()
	}
	return s.Participant.sqlValue()
}
