package fakeapi

import (
	"fmt"
	"net/http"
	"strconv"
)

// Survey fixtures (docs/api-evidence.md ("Surveys")): Prolific-hosted surveys, listed by researcher_id with limit and
// offset and no meta (the spec's GetAllSurveysResponse is {results} only), with items keyed _id. The shopping survey
// is the pilot study's questionnaire, in sections, answered by the pilot's three participants (their submission ids
// join prolific_submission); the screen-time survey has top-level questions and no responses yet. Another researcher
// owns SurveyPagingCount surveys, the first with SurveyPagingCount responses, for the paging tests. The summary is
// computed from the responses, so it always agrees with them.
const (
	SurveyShopping   = "6710a3c5e2b4d6f8a0b2c4d6"
	SurveyScreenTime = "6710a3c5e2b4d6f8a0b2c4d7"
	// ResearcherManySurveys owns the synthetic surveys; SurveyMany is the first of them, with many responses.
	ResearcherManySurveys = "65f0c2a1b4e8d9a7c3f10a55"
	SurveyMany            = "6710a3c5e2b4d6f8a0b30000"
	SurveyPagingCount     = 230
)

// Question ids of the shopping survey.
const (
	SectionShopping      = "75ac961f-d94a-4490-af8f-935ca0883001"
	SectionAboutYou      = "75ac961f-d94a-4490-af8f-935ca0883002"
	QuestionHowOften     = "3797222e-f731-4bea-838b-f668682d9001"
	QuestionWhatOnline   = "3797222e-f731-4bea-838b-f668682d9002"
	QuestionComparePrice = "3797222e-f731-4bea-838b-f668682d9003"
)

type surveyQuestion struct {
	id, title, kind string
	answers         []string // the answer values; their ids are derived from the question's
}

// answerID derives an answer option's uuid from its question's.
func (q surveyQuestion) answerID(i int) string {
	return fmt.Sprintf("c72d8cf9-5429-40ae-ac74-%s%04d", q.id[len(q.id)-8:], i+1)
}

func (q surveyQuestion) json() map[string]any {
	answers := []map[string]any{}
	for i, v := range q.answers {
		answers = append(answers, map[string]any{"id": q.answerID(i), "value": v})
	}
	return map[string]any{"id": q.id, "title": q.title, "type": q.kind, "answers": answers}
}

type surveySection struct {
	id, title string
	questions []surveyQuestion
}

type fakeSurvey struct {
	id, researcher, title, created, modified string
	sections                                 []surveySection  // or else
	questions                                []surveyQuestion // top-level questions
	responses                                []surveyResponse
}

// surveyResponse is one participant's answers: question id to the indexes of the answers chosen.
type surveyResponse struct {
	id, participant, submission, created string
	chosen                               map[string][]int
}

var surveys = []*fakeSurvey{
	{id: SurveyShopping, researcher: ResearcherID, title: "Shopping habits", created: "2026-09-14T16:20:05",
		modified: "2026-09-15T08:02:41", sections: []surveySection{
			{id: SectionShopping, title: "Shopping", questions: []surveyQuestion{
				{QuestionHowOften, "How often do you shop online?", "single", []string{"Daily", "Weekly", "Monthly", "Rarely"}},
				{QuestionWhatOnline, "What do you buy online?", "multiple", []string{"Groceries", "Clothes", "Electronics", "Books"}},
			}},
			{id: SectionAboutYou, title: "About you", questions: []surveyQuestion{
				{QuestionComparePrice, "Do you compare prices before you buy?", "single", []string{"Yes", "No"}},
			}},
		},
		responses: []surveyResponse{
			{id: "6710b0000000000000000001", participant: demoParticipants[0], submission: hexID(0x5c, 1),
				created: "2026-09-15T09:52:10.325000", chosen: map[string][]int{QuestionHowOften: {1}, QuestionWhatOnline: {1, 3}, QuestionComparePrice: {0}}},
			{id: "6710b0000000000000000002", participant: demoParticipants[1], submission: hexID(0x5c, 2),
				created: "2026-09-15T09:49:31.004000", chosen: map[string][]int{QuestionHowOften: {0}, QuestionWhatOnline: {0}, QuestionComparePrice: {0}}},
			{id: "6710b0000000000000000003", participant: demoParticipants[2], submission: hexID(0x5c, 3),
				created: "2026-09-15T09:58:02.117000", chosen: map[string][]int{QuestionHowOften: {3}, QuestionWhatOnline: {2}, QuestionComparePrice: {1}}},
		}},
	{id: SurveyScreenTime, researcher: ResearcherID, title: "Screen time check-in", created: "2026-10-02T11:00:00",
		modified: "2026-10-02T11:00:00", questions: []surveyQuestion{
			{"5b1d2c3e-0000-4a00-8000-00000000a001", "How many hours a day do you spend on a screen?", "single", []string{"Under 2", "2 to 6", "Over 6"}},
			{"5b1d2c3e-0000-4a00-8000-00000000a002", "Which devices do you use?", "multiple", []string{"Phone", "Laptop", "Tablet", "TV"}},
		}},
}

func init() {
	for i := range SurveyPagingCount {
		q := surveyQuestion{fmt.Sprintf("5b1d2c3e-0000-4a00-8000-%012x", i+1), "Pick one.", "single", []string{"A", "B"}}
		sv := &fakeSurvey{id: SurveyMany[:20] + fmt.Sprintf("%04x", i), researcher: ResearcherManySurveys,
			title: "Synthetic survey " + strconv.Itoa(i+1), created: "2026-08-01T00:00:00", modified: "2026-08-01T00:00:00",
			questions: []surveyQuestion{q}}
		if i == 0 {
			for r := range SurveyPagingCount {
				sv.responses = append(sv.responses, surveyResponse{id: fmt.Sprintf("6710c%019x", r+1),
					participant: hexID(0x72, r+1), submission: hexID(0x73, r+1), created: "2026-08-02T00:00:00",
					chosen: map[string][]int{q.id: {r % 2}}})
			}
		}
		surveys = append(surveys, sv)
	}
}

// allQuestions returns the survey's questions, those in sections first, with the section each is in ("" for none).
func (sv *fakeSurvey) allQuestions() (questions []surveyQuestion, sections []string) {
	for _, section := range sv.sections {
		for _, q := range section.questions {
			questions, sections = append(questions, q), append(sections, section.id)
		}
	}
	for _, q := range sv.questions {
		questions, sections = append(questions, q), append(sections, "")
	}
	return questions, sections
}

// json is the spec's SurveyOut; a survey with sections sends questions: [], as the docs' example does.
func (sv *fakeSurvey) json() map[string]any {
	sections := []map[string]any{}
	for _, s := range sv.sections {
		questions := []map[string]any{}
		for _, q := range s.questions {
			questions = append(questions, q.json())
		}
		sections = append(sections, map[string]any{"id": s.id, "title": s.title, "questions": questions})
	}
	questions := []map[string]any{}
	for _, q := range sv.questions {
		questions = append(questions, q.json())
	}
	body := map[string]any{"_id": sv.id, "researcher_id": sv.researcher, "title": sv.title, "date_created": sv.created,
		"date_modified": sv.modified, "questions": questions}
	if len(sections) > 0 {
		body["sections"] = sections
	}
	return body
}

// responseJSON is the spec's SurveyResponseOut: answers grouped by section when the survey has sections.
func (sv *fakeSurvey) responseJSON(r surveyResponse) map[string]any {
	answered := func(q surveyQuestion) map[string]any {
		answers := []map[string]any{}
		for _, i := range r.chosen[q.id] {
			answers = append(answers, map[string]any{"answer_id": q.answerID(i), "value": q.answers[i]})
		}
		return map[string]any{"question_id": q.id, "question_title": q.title, "answers": answers}
	}
	body := map[string]any{"_id": r.id, "participant_id": r.participant, "submission_id": r.submission,
		"date_created": r.created, "date_modified": r.created}
	if len(sv.sections) > 0 {
		sections := []map[string]any{}
		for _, s := range sv.sections {
			questions := []map[string]any{}
			for _, q := range s.questions {
				questions = append(questions, answered(q))
			}
			sections = append(sections, map[string]any{"section_id": s.id, "questions": questions})
		}
		body["sections"] = sections
	} else {
		questions := []map[string]any{}
		for _, q := range sv.questions {
			questions = append(questions, answered(q))
		}
		body["questions"] = questions
	}
	return body
}

// summary is the spec's SurveySummary: for each question, how many responses answered it and how often each answer
// was chosen.
func (sv *fakeSurvey) summary() map[string]any {
	questions, _ := sv.allQuestions()
	summary := []map[string]any{}
	for _, q := range questions {
		counts, total := make([]int, len(q.answers)), 0
		for _, r := range sv.responses {
			if len(r.chosen[q.id]) > 0 {
				total++
			}
			for _, i := range r.chosen[q.id] {
				counts[i]++
			}
		}
		answers := []map[string]any{}
		for i, v := range q.answers {
			answers = append(answers, map[string]any{"answer_id": q.answerID(i), "answer": v, "count": counts[i]})
		}
		summary = append(summary, map[string]any{"question_id": q.id, "question": q.title, "total_answers": total,
			"answers": answers})
	}
	return map[string]any{"survey_id": sv.id, "questions": summary}
}

func findSurvey(id string) (*fakeSurvey, bool) {
	for _, sv := range surveys {
		if sv.id == id {
			return sv, true
		}
	}
	return nil, false
}

// SurveyPageDefault is the documented default limit of the survey list; the fake uses it for responses too.
const SurveyPageDefault = 100

func init() { registrars = append(registrars, registerSurveys) }

func registerSurveys(s *Server) {
	s.handle("/api/v1/surveys", func(w http.ResponseWriter, r *http.Request) {
		researcher := r.URL.Query().Get("researcher_id")
		if researcher == "" {
			badRequest(w, "researcher_id", "This field is required.")
			return
		}
		items := []map[string]any{}
		for _, sv := range surveys {
			if sv.researcher == researcher {
				items = append(items, sv.json())
			}
		}
		resultsPage(s, w, r, items)
	})
	s.handle("/api/v1/surveys/{survey_id}", func(w http.ResponseWriter, r *http.Request) {
		sv, ok := findSurvey(r.PathValue("survey_id"))
		if !ok {
			Object(w, nil, false)
			return
		}
		Object(w, sv.json(), true)
	})
	s.handle("/api/v1/surveys/{survey_id}/responses", func(w http.ResponseWriter, r *http.Request) {
		sv, ok := findSurvey(r.PathValue("survey_id"))
		if !ok {
			Object(w, nil, false)
			return
		}
		items := []map[string]any{}
		for _, resp := range sv.responses {
			items = append(items, sv.responseJSON(resp))
		}
		resultsPage(s, w, r, items)
	})
	s.handle("/api/v1/surveys/{survey_id}/responses/summary", func(w http.ResponseWriter, r *http.Request) {
		sv, ok := findSurvey(r.PathValue("survey_id"))
		if !ok {
			Object(w, nil, false)
			return
		}
		Object(w, sv.summary(), true)
	})
	s.handle("/api/v1/surveys/{survey_id}/responses/{response_id}", func(w http.ResponseWriter, r *http.Request) {
		if sv, ok := findSurvey(r.PathValue("survey_id")); ok {
			for _, resp := range sv.responses {
				if resp.id == r.PathValue("response_id") {
					Object(w, sv.responseJSON(resp), true)
					return
				}
			}
		}
		Object(w, nil, false)
	})
}

// resultsPage writes one limit/offset page as {"results": [...]} without meta, as the spec documents the survey
// list: offset (default 0) and limit (default SurveyPageDefault, capped by MaxPageSize).
func resultsPage(s *Server, w http.ResponseWriter, r *http.Request, items []map[string]any) {
	offset, limit := 0, SurveyPageDefault
	for name, target := range map[string]*int{"offset": &offset, "limit": &limit} {
		if v := r.URL.Query().Get(name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 || (name == "limit" && n == 0) {
				badRequest(w, name, "Must be a valid integer.")
				return
			}
			*target = n
		}
	}
	if s.MaxPageSize > 0 {
		limit = min(limit, s.MaxPageSize)
	}
	from := min(offset, len(items))
	writeJSON(w, http.StatusOK, map[string]any{"results": items[from:min(from+limit, len(items))]})
}
