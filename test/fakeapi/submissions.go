package fakeapi

import (
	"net/http"
	"slices"
	"strings"
	"time"
)

// Submission fixtures (docs/api-evidence.md ("Submissions")). The demo batches' submission ids (demo.go: prefix 0x5e
// for the sentiment batch, 0x5a for the summaries batch, then the participant's number) are submissions of the study
// that collects the batch, with a mix of statuses.
const (
	// LargeStudySubmissions is the number of submissions of StudyLarge: three pages of the plugin's page size.
	LargeStudySubmissions = 450
	// ReturnedParticipant returned their sentiment submission without giving responses.
	ReturnedParticipant = "64fbc5d6e7f8a9b0c1d2e3f4"
	// SubmissionApproved is the first demo participant's approved submission in the sentiment study.
	SubmissionApproved = "5e0000000000000000000001"
)

// Studies whose submission lists page wrongly, for the plugin's loop guards; each has 5 submissions and pages of 2.
const (
	StudyPagingLoop      = "6601a9e2f1c3b5d7e9a0bf01" // next links that repeat
	StudyPagingSame      = "6601a9e2f1c3b5d7e9a0bf02" // every page has the first page's items
	StudyPagingForeign   = "6601a9e2f1c3b5d7e9a0bf03" // the next link is on another host
	StudyPagingNoLinks   = "6601a9e2f1c3b5d7e9a0bf04" // no _links at all: pages end on a short page
	StudyPagingStaleSelf = "6601a9e2f1c3b5d7e9a0bf05" // the last page's next link names the last page again
)

var pagingQuirks = map[string]PageQuirk{
	StudyPagingLoop: PageNextRepeats, StudyPagingSame: PageSameItems, StudyPagingForeign: PageForeignNext,
	StudyPagingNoLinks: PageNoLinks, StudyPagingStaleSelf: PageStaleSelf,
}

// The large study's list carries a stale next link on its last page, naming a page past the end (a 404), as a
// third-party client reports the real API occasionally does (docs/api-evidence.md (A1)).
const largeStudyQuirk = PageStaleNext

// fakeSubmission holds every field; listItem and detail give the two documented views.
type fakeSubmission struct {
	id, study, participant, status string
	started, completed             time.Time // completed is zero while a submission is active
	code                           any
	reward                         int
	bonuses                        []float64 // minor units; the spec types them as doubles
	returnRequested                any
	strata                         any
}

func (s fakeSubmission) completedAt() any {
	if s.completed.IsZero() {
		return nil
	}
	return timeAt(s.completed)
}

func (s fakeSubmission) listItem() map[string]any {
	var taken any
	if !s.completed.IsZero() {
		taken = int(s.completed.Sub(s.started).Seconds())
	}
	bonuses := []map[string]any{}
	for _, b := range s.bonuses {
		bonuses = append(bonuses, map[string]any{"amount": b, "currency": "GBP"})
	}
	return map[string]any{
		"id": s.id, "participant_id": s.participant, "status": s.status, "started_at": timeAt(s.started),
		"completed_at": s.completedAt(), "has_siblings": false, "study_code": s.code,
		"return_requested": s.returnRequested, "is_complete": !s.completed.IsZero() && s.status != "RETURNED",
		"time_taken": taken, "reward": s.reward, "strata": s.strata, "star_awarded": s.status == "APPROVED",
		"bonus_payments": bonuses, "ip": "203.0.113.7",
	}
}

func (s fakeSubmission) detail() map[string]any {
	return map[string]any{
		"id": s.id, "study_id": s.study, "participant": s.participant, "status": s.status,
		"started_at": timeAt(s.started), "completed_at": s.completedAt(), "entered_code": s.code,
		"parent_study_id": nil, "bonus_payments": s.bonuses, "return_requested": s.returnRequested,
	}
}

// submissions lists each study's submissions in started_at order.
var submissions = map[string][]fakeSubmission{}

func addDemoSubmissions(study string, prefix int, start time.Time, reward int, statuses []string) {
	for p, status := range statuses {
		participant := ReturnedParticipant
		if p < len(demoParticipants) {
			participant = demoParticipants[p]
		}
		sub := fakeSubmission{id: hexID(prefix, p+1), study: study, participant: participant, status: status,
			started: start.Add(time.Duration(p) * 3 * time.Minute), code: "C1A2B3C4", reward: reward}
		sub.completed = sub.started.Add(time.Duration(35+4*p) * time.Minute)
		switch status {
		case "RETURNED":
			sub.code, sub.completed = nil, sub.started.Add(2*time.Minute)
		case "REJECTED":
			sub.code = "NOCODE"
		case "APPROVED":
			if p == 0 {
				sub.bonuses = []float64{62.5}
			}
		}
		sub.strata = map[string]any{"Sex": []string{"Female", "Male"}[p%2]}
		submissions[study] = append(submissions[study], sub)
	}
}

func init() {
	addDemoSubmissions(StudySentiment, 0x5e, time.Date(2026, 9, 14, 8, 55, 0, 0, time.UTC), 250,
		[]string{"APPROVED", "APPROVED", "AWAITING REVIEW", "REJECTED", "AWAITING REVIEW", "RETURNED"})
	addDemoSubmissions(StudySummaries, 0x5a, time.Date(2026, 9, 20, 13, 55, 0, 0, time.UTC), 300,
		[]string{"APPROVED", "AWAITING REVIEW", "APPROVED", "PARTIALLY APPROVED", "APPROVED"})
	addDemoSubmissions(StudyPilot, 0x5c, time.Date(2026, 9, 15, 9, 40, 0, 0, time.UTC), 100,
		[]string{"APPROVED", "ACTIVE", "TIMED-OUT"})
	submissions[StudyPilot][1].completed, submissions[StudyPilot][1].code = time.Time{}, nil
	submissions[StudyPilot][2].completed, submissions[StudyPilot][2].code = time.Time{}, nil
	start := time.Date(2026, 10, 1, 9, 0, 0, 0, time.UTC)
	for i := range LargeStudySubmissions {
		status := "APPROVED"
		if i%10 == 9 {
			status = "AWAITING REVIEW"
		}
		submissions[StudyLarge] = append(submissions[StudyLarge], fakeSubmission{
			id: hexID(0x6e, i+1), study: StudyLarge, participant: hexID(0x70, i+1), status: status,
			started: start.Add(time.Duration(i) * time.Minute), completed: start.Add(time.Duration(i+9) * time.Minute),
			code: "C1A2B3C4", reward: 80})
	}
	for study := range pagingQuirks {
		for i := range 5 {
			submissions[study] = append(submissions[study], fakeSubmission{id: study[:20] + hexID(0, i+1)[20:],
				study: study, participant: hexID(0x71, i+1), status: "APPROVED", started: start, completed: start.Add(time.Minute)})
		}
	}
}

// submissionFilters are the documented values of the status filter; each matches the returned spelling with spaces.
var submissionFilters = map[string]string{
	"ACTIVE": "ACTIVE", "AWAITING_REVIEW": "AWAITING REVIEW", "APPROVED": "APPROVED",
	"PARTIALLY_APPROVED": "PARTIALLY APPROVED", "REJECTED": "REJECTED", "RETURNED": "RETURNED",
	"SCREENED_OUT": "SCREENED OUT", "TIMED-OUT": "TIMED-OUT", "UNKNOWN": "UNKNOWN",
}

// submissionOrderings are the documented values of the list's ordering parameter. Submissions are kept in started_at
// order, so the fake honours started_at and -started_at and accepts the others without reordering.
var submissionOrderings = map[string]bool{
	"started_at": true, "-started_at": true, "submission_reward": true, "-submission_reward": true,
	"study_name": true, "-study_name": true,
}

func init() { registrars = append(registrars, registerSubmissions) }

func registerSubmissions(s *Server) {
	s.handle("/api/v1/submissions", func(w http.ResponseWriter, r *http.Request) {
		study := r.URL.Query().Get("study")
		if study == "" {
			badRequest(w, "study", "This field is required.")
			return
		}
		subs, ok := submissions[study]
		if !ok {
			Object(w, nil, false)
			return
		}
		status := ""
		if filter := r.URL.Query().Get("status"); filter != "" {
			if status, ok = submissionFilters[strings.ToUpper(filter)]; !ok {
				badRequest(w, "status", "Select a valid choice. "+filter+" is not one of the available choices.")
				return
			}
		}
		items := []map[string]any{}
		for _, sub := range subs {
			if status == "" || sub.status == status {
				items = append(items, sub.listItem())
			}
		}
		switch ordering := r.URL.Query().Get("ordering"); {
		case ordering == "-started_at":
			slices.Reverse(items)
		case ordering != "" && !submissionOrderings[ordering]:
			badRequest(w, "ordering", "Select a valid choice. "+ordering+" is not one of the available choices.")
			return
		}
		if quirk, ok := pagingQuirks[study]; ok {
			Paged(s, w, r, items, 20, 2, quirk)
			return
		}
		quirk := PageNormal
		if study == StudyLarge {
			quirk = largeStudyQuirk
		}
		Paged(s, w, r, items, 20, 0, quirk)
	})
	s.handle("/api/v1/submissions/{submission_id}", func(w http.ResponseWriter, r *http.Request) {
		id := r.PathValue("submission_id")
		for _, subs := range submissions {
			for _, sub := range subs {
				if sub.id == id {
					Object(w, sub.detail(), true)
					return
				}
			}
		}
		Object(w, nil, false)
	})
}
