package prolific

import (
	"context"
	"encoding/json"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

//// TABLE DEFINITION

func tableProlificSurveyResponse(_ context.Context) *plugin.Table {
	return &plugin.Table{
		Name: "prolific_survey_response",
		Description: "Participants' responses to a Prolific-hosted survey, one row per response with its answers. " +
			"survey_id is required.",
		List: &plugin.ListConfig{
			Hydrate: listProlificSurveyResponses,
			KeyColumns: []*plugin.KeyColumn{
				{Name: "survey_id", Require: plugin.Required},
				{Name: "id", Require: plugin.Optional},
			},
		},
		Columns: surveyResponseColumns(),
	}
}

func surveyResponseColumns() []*plugin.Column {
	type r = surveyResponse
	return []*plugin.Column{
		column("survey_id", proto.ColumnType_STRING, "The ID of the survey the response belongs to. Required in the where clause or a join.",
			func(r *r) any { return r.surveyID }),
		column("id", proto.ColumnType_STRING, "The unique ID of the response (the API's _id). Give it with survey_id to read one response.",
			func(r *r) any { return firstNonBlank(r.UnderscoreID, r.ID) }),
		column("answers", proto.ColumnType_JSON, "Every answer of the response in one list, sections flattened: section_id (NULL for a survey without sections), question_id, question_title, answer_id and value.",
			func(r *r) any { return r.answers() }),
		column("date_created", proto.ColumnType_TIMESTAMP, "The time the response was created (UTC).",
			func(r *r) any { return r.DateCreated.sqlValue() }),
		column("date_modified", proto.ColumnType_TIMESTAMP, "The time the response was last modified (UTC).",
			func(r *r) any { return r.DateModified.sqlValue() }),
		column("participant_id", proto.ColumnType_STRING, "The Prolific ID of the participant who responded.",
			func(r *r) any { return r.ParticipantID.sqlValue() }),
		column("questions", proto.ColumnType_JSON, "The answers by question as the API returns them, for a survey without sections: question_id, question_title and answers (answer_id, value).",
			func(r *r) any { return r.Questions.sqlValue() }),
		column("sections", proto.ColumnType_JSON, "The answers by section as the API returns them: section_id and questions.",
			func(r *r) any { return r.Sections.sqlValue() }),
		column("submission_id", proto.ColumnType_STRING, "The ID of the participant's submission; join it to prolific_submission.id.",
			func(r *r) any { return r.SubmissionID.sqlValue() }),
	}
}

//// LIST FUNCTION

func listProlificSurveyResponses(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
	surveyID := d.EqualsQualString("survey_id")
	responseID, one, err := optionalIDQual(d, "id")
	if err != nil {
		return nil, err
	}
	if one {
		path, err := apiPath("/api/v1/surveys/%s/responses/%s", surveyID, responseID)
		if err != nil {
			return nil, err
		}
		r, err := getObject[surveyResponse](ctx, d, path, nil)
		if r != nil {
			r.surveyID = surveyID
			d.StreamListItem(ctx, r)
		}
		return nil, logSurveyResponseError(ctx, err, surveyID)
	}
	path, err := apiPath("/api/v1/surveys/%s/responses/", surveyID)
	if err != nil {
		return nil, err
	}
	err = streamPages(ctx, d, pagedList{path: path, style: limitOffsetPaging, pageSize: surveyPageSize},
		func(r *surveyResponse) string { return r.UnderscoreID.value + r.ID.value },
		func(r *surveyResponse) { r.surveyID = surveyID })
	return nil, logSurveyResponseError(ctx, err, surveyID)
}

func logSurveyResponseError(ctx context.Context, err error, surveyID string) error {
	if err != nil {
		loggerFrom(ctx).Error("prolific_survey_response.listProlificSurveyResponses", "api_error", err, "survey_id", surveyID)
	}
	return err
}

//// ROW TYPE

// surveyResponse is the spec's SurveyResponseOut: answers grouped by section, or by question for a survey without
// sections. Its id is _id.
type surveyResponse struct {
	UnderscoreID  jsonText `json:"_id"`
	ID            jsonText `json:"id"`
	ParticipantID jsonText `json:"participant_id"`
	SubmissionID  jsonText `json:"submission_id"`
	DateCreated   jsonTime `json:"date_created"`
	DateModified  jsonTime `json:"date_modified"`
	Sections      rawJSON  `json:"sections"`
	Questions     rawJSON  `json:"questions"`

	surveyID string
}

// questionResponse is the spec's SurveyQuestionResponse; values are kept as sent.
type questionResponse struct {
	QuestionID    json.RawMessage `json:"question_id"`
	QuestionTitle json.RawMessage `json:"question_title"`
	Answers       []struct {
		AnswerID json.RawMessage `json:"answer_id"`
		Value    json.RawMessage `json:"value"`
	} `json:"answers"`
}

// flatAnswer is one element of the answers column.
type flatAnswer struct {
	SectionID     json.RawMessage `json:"section_id"`
	QuestionID    json.RawMessage `json:"question_id"`
	QuestionTitle json.RawMessage `json:"question_title"`
	AnswerID      json.RawMessage `json:"answer_id"`
	Value         json.RawMessage `json:"value"`
}

// answers flattens the sections and questions into one list of answers; NULL when neither can be read.
func (r *surveyResponse) answers() any {
	var sections []struct {
		SectionID json.RawMessage    `json:"section_id"`
		Questions []questionResponse `json:"questions"`
	}
	var questions []questionResponse
	sectionsOK := len(r.Sections) > 0 && json.Unmarshal(r.Sections, &sections) == nil
	questionsOK := len(r.Questions) > 0 && json.Unmarshal(r.Questions, &questions) == nil
	if !sectionsOK && !questionsOK {
		return nil
	}
	flat := []flatAnswer{}
	add := func(section json.RawMessage, qs []questionResponse) {
		for _, q := range qs {
			for _, a := range q.Answers {
				flat = append(flat, flatAnswer{orNull(section), orNull(q.QuestionID), orNull(q.QuestionTitle),
					orNull(a.AnswerID), orNull(a.Value)})
			}
		}
	}
	for _, s := range sections {
		add(s.SectionID, s.Questions)
	}
	add(nil, questions)
	data, err := json.Marshal(flat)
	if err != nil {
		return nil
	}
	return rawJSON(data).sqlValue()
}

// orNull is a raw value, or JSON null for an absent one.
func orNull(raw json.RawMessage) json.RawMessage {
	if len(raw) == 0 {
		return json.RawMessage("null")
	}
	return raw
}
