package prolific

import (
	"context"
	"encoding/json"
	"net/url"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

//// TABLE DEFINITION

func tableProlificSurvey(_ context.Context) *plugin.Table {
	return &plugin.Table{
		Name: "prolific_survey",
		Description: "Surveys hosted by Prolific, with their sections and questions. Prolific lists them per researcher: " +
			"without researcher_id, the surveys of the token's own user.",
		List: &plugin.ListConfig{
			Hydrate:    listProlificSurveys,
			KeyColumns: []*plugin.KeyColumn{{Name: "researcher_id", Require: plugin.Optional}},
		},
		Get: &plugin.GetConfig{
			Hydrate:    getProlificSurvey,
			KeyColumns: plugin.SingleColumn("id"),
		},
		Columns: surveyColumns(),
	}
}

func surveyColumns() []*plugin.Column {
	type s = survey
	type r = surveySummary
	return []*plugin.Column{
		column("researcher_id", proto.ColumnType_STRING, "The ID of the researcher who owns the survey. Without it the table lists the surveys of the token's own user (prolific_user.id).",
			func(s *s) any { return s.ResearcherID.sqlValue() }),
		column("id", proto.ColumnType_STRING, "The unique ID of the survey (the API's _id).",
			func(s *s) any { return s.id() }),
		column("date_created", proto.ColumnType_TIMESTAMP, "The time the survey was created (UTC).",
			func(s *s) any { return s.DateCreated.sqlValue() }),
		column("date_modified", proto.ColumnType_TIMESTAMP, "The time the survey was last modified (UTC).",
			func(s *s) any { return s.DateModified.sqlValue() }),
		column("question_count", proto.ColumnType_INT, "The number of questions in the survey, in its sections or at its top level.",
			func(s *s) any { return s.questionCount() }),
		column("questions", proto.ColumnType_JSON, "The survey's questions when it has no sections: id, title, type (single or multiple) and answers (id, value).",
			func(s *s) any { return s.Questions.sqlValue() }),
		hydratedColumn("response_summary", proto.ColumnType_JSON, "How participants answered: for each question, question_id, question, total_answers and answers (answer_id, answer, count). One request per survey.",
			getProlificSurveySummary, func(r *r) any { return r.Questions.sqlValue() }),
		column("sections", proto.ColumnType_JSON, "The survey's sections, each with an id, a title and its questions; NULL for a survey without sections.",
			func(s *s) any { return s.Sections.sqlValue() }),
		titleColumn("The survey's title.",
			func(s *s) any { return s.Title.sqlValue() }),
	}
}

//// LIST FUNCTION

// surveyPageSize is the limit asked of the survey and survey response lists: the survey list's documented default.
// Their bodies have no meta.count, so a page shorter than asked ends the list; a server cap below the limit would
// pass for the end, so the plugin asks for no more than the API documents.
const surveyPageSize = 100

func listProlificSurveys(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
	researcherID, given, err := optionalIDQual(d, "researcher_id")
	if err != nil {
		return nil, err
	}
	if !given {
		me, err := getObject[user](ctx, d, "/api/v1/users/me/", nil)
		if err != nil || me == nil || me.ID.value == "" {
			return nil, logSurveyError(ctx, err)
		}
		researcherID = me.ID.value
	}
	err = streamPages(ctx, d, pagedList{path: "/api/v1/surveys/", query: url.Values{"researcher_id": {researcherID}},
		style: limitOffsetPaging, pageSize: surveyPageSize},
		func(s *survey) string { return s.idText() },
		func(s *survey) {
			if !s.ResearcherID.set {
				s.ResearcherID = jsonText{value: researcherID, set: true}
			}
		})
	return nil, logSurveyError(ctx, err)
}

func logSurveyError(ctx context.Context, err error) error {
	if err != nil {
		loggerFrom(ctx).Error("prolific_survey.listProlificSurveys", "api_error", err)
	}
	return err
}

//// HYDRATE FUNCTIONS

func getProlificSurvey(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
	return hydrateItem(getByID[survey](ctx, d, "prolific_survey.getProlificSurvey", "/api/v1/surveys/%s", d.EqualsQualString("id")))
}

// getProlificSurveySummary is the column hydrate of response_summary.
func getProlificSurveySummary(ctx context.Context, d *plugin.QueryData, h *plugin.HydrateData) (any, error) {
	s, ok := h.Item.(*survey)
	if !ok || s.idText() == "" {
		return nil, nil
	}
	return hydrateItem(getByID[surveySummary](ctx, d, "prolific_survey.getProlificSurveySummary",
		"/api/v1/surveys/%s/responses/summary/", s.idText()))
}

//// ROW TYPE

// survey is the spec's SurveyOut. Its id is _id; id is read too, should the API ever name it so.
type survey struct {
	UnderscoreID jsonText `json:"_id"`
	ID           jsonText `json:"id"`
	ResearcherID jsonText `json:"researcher_id"`
	Title        jsonText `json:"title"`
	DateCreated  jsonTime `json:"date_created"`
	DateModified jsonTime `json:"date_modified"`
	Sections     rawJSON  `json:"sections"`
	Questions    rawJSON  `json:"questions"`
}

func (s *survey) id() any { return firstNonBlank(s.UnderscoreID, s.ID) }

// idText is the survey's id as text, "" when it has none.
func (s *survey) idText() string {
	if s.UnderscoreID.value != "" {
		return s.UnderscoreID.value
	}
	return s.ID.value
}

// questionCount counts the questions of every section and of the top level; NULL when neither can be read.
func (s *survey) questionCount() any {
	var sections []struct {
		Questions []json.RawMessage `json:"questions"`
	}
	var questions []json.RawMessage
	sectionsOK := len(s.Sections) > 0 && json.Unmarshal(s.Sections, &sections) == nil
	questionsOK := len(s.Questions) > 0 && json.Unmarshal(s.Questions, &questions) == nil
	if !sectionsOK && !questionsOK {
		return nil
	}
	n := int64(len(questions))
	for _, section := range sections {
		n += int64(len(section.Questions))
	}
	return n
}

// surveySummary is the spec's SurveySummary.
type surveySummary struct {
	SurveyID  jsonText `json:"survey_id"`
	Questions rawJSON  `json:"questions"`
}
