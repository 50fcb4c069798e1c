package fakeapi

import (
	"fmt"
	"net/http"
	"time"
)

// Study fixtures (docs/api-evidence.md ("Studies")). The sentiment and summaries studies collect the demo batches
// (demo.go): their data_collection_id is the batch id. The spec types reward, total_cost and the times as doubles
// (docs/api-evidence.md (B12)), so some are fractional: the sentiment study's total_cost, the archived study's
// reward and total_cost, and the pilot's estimated_completion_time.
const (
	StudySentiment = "6601a9e2f1c3b5d7e9a0b1c2"
	StudySummaries = "6601a9e2f1c3b5d7e9a0b1c3"
	StudyPilot     = "6601a9e2f1c3b5d7e9a0b1c4"
	StudyLarge     = "6601a9e2f1c3b5d7e9a0b1c5"
	StudyDraft     = "6601a9e2f1c3b5d7e9a0b1c6"
	// StudyArchived is a third study of the sentiment project, so its study list spans three pages of one.
	StudyArchived = "6601a9e2f1c3b5d7e9a0b1c7"
)

// studyShortFields are the fields of a study list item (StudyShort); the get endpoint returns every field.
var studyShortFields = []string{"id", "name", "internal_name", "status", "study_type", "estimated_completion_time",
	"total_available_places", "places_taken", "number_of_submissions", "reward", "total_cost", "published_at",
	"publish_at", "date_created", "credential_pool_id", "is_ready_to_publish"}

var adaResearcher = map[string]any{"id": ResearcherID, "name": "Ada Lovelace", "email": "res@example.org",
	"country": "GB", "institution": map[string]any{"name": "Analytical Engines Ltd", "logo": nil, "link": ""}}

// study builds a full study: the documented defaults overlaid with fields.
func study(id, project, name string, fields map[string]any) map[string]any {
	s := map[string]any{
		"id": id, "name": name, "internal_name": nil, "description": "<p>" + name + ".</p>",
		"external_study_url": nil, "prolific_id_option": "not_required",
		"completion_codes": []map[string]any{{"code": "C1A2B3C4", "code_type": "COMPLETED",
			"actions": []map[string]any{{"action": "MANUALLY_REVIEW"}}, "actor": "participant"}},
		"total_available_places": 0, "places_taken": 0, "number_of_submissions": 0,
		"estimated_completion_time": 10, "maximum_allowed_time": 40, "reward": 150, "total_cost": 0,
		"device_compatibility": []string{"desktop"}, "peripheral_requirements": []string{}, "filters": []any{},
		"filter_set_id": nil, "filter_set_version": nil, "naivety_distribution_rate": nil, "project": project,
		"submissions_config": map[string]any{"max_submissions_per_participant": 1, "max_concurrent_submissions": -1,
			"auto_rejection_categories": []string{}},
		"study_labels": []string{"annotation"}, "content_warnings": []string{}, "content_warning_details": nil,
		"metadata": nil, "credential_pool_id": nil, "has_credentials": false, "data_collection_method": nil,
		"data_collection_id": nil, "data_collection_metadata": nil, "access_details": nil,
		"is_external_study_url_secure": false, "status": "UNPUBLISHED", "study_type": "SINGLE",
		"is_ready_to_publish": false, "date_created": "2026-09-10T12:00:00Z", "published_at": nil,
		"publish_at": nil, "started_publishing_at": nil, "average_reward_per_hour": nil,
		"estimated_reward_per_hour": 900, "currency_code": "GBP", "presentment_currency_code": "GBP",
		"researcher": adaResearcher, "is_pilot": false, "is_underpaying": false, "eligibility_requirements": []any{},
		"_ref": nil,
	}
	for k, v := range fields {
		s[k] = v
	}
	return s
}

var studies = []map[string]any{
	study(StudySentiment, ProjectSentiment, "Rate product reviews", map[string]any{
		"internal_name": "sentiment-batch-1", "status": "AWAITING REVIEW", "total_available_places": 5,
		"places_taken": 5, "number_of_submissions": 6, "reward": 250, "total_cost": 1749.93,
		"estimated_completion_time": 15, "date_created": "2026-09-13T16:40:12Z",
		"published_at": "2026-09-14T08:50:00Z", "started_publishing_at": "2026-09-14T08:49:30Z",
		"is_ready_to_publish": true, "average_reward_per_hour": 1012.5, "estimated_reward_per_hour": 1000,
		"data_collection_method": "AI_TASK_BUILDER_BATCH", "data_collection_id": BatchSentiment,
		"data_collection_metadata": map[string]any{"annotators_per_task": 3},
		"filters":                  []map[string]any{{"filter_id": "approval_rate", "selected_range": map[string]any{"lower": 95, "upper": 100}}},
		"study_labels":             []string{"annotation", "ai_annotation"}, "metadata": "batch=sentiment",
	}),
	study(StudySummaries, ProjectSummaries, "Rate model summaries", map[string]any{
		"internal_name": "summaries-batch-1", "status": "COMPLETED", "total_available_places": 5,
		"places_taken": 5, "number_of_submissions": 5, "reward": 300, "total_cost": 2100,
		"estimated_completion_time": 20, "maximum_allowed_time": 60, "date_created": "2026-09-19T10:00:00Z",
		"published_at": "2026-09-20T13:50:00Z", "started_publishing_at": "2026-09-20T13:49:00Z",
		"is_ready_to_publish": true, "average_reward_per_hour": 880, "naivety_distribution_rate": 0.25,
		"data_collection_method": "AI_TASK_BUILDER_BATCH", "data_collection_id": BatchSummaries,
		"data_collection_metadata": map[string]any{"annotators_per_task": 2},
		"study_labels":             []string{"ai_evaluation"}, "device_compatibility": []string{"desktop", "tablet"},
	}),
	study(StudyPilot, ProjectSentiment, "Shopping habits survey", map[string]any{
		"internal_name": "pilot-survey", "status": "ACTIVE", "total_available_places": 20, "places_taken": 3,
		"number_of_submissions": 3, "reward": 100, "total_cost": 420, "estimated_completion_time": 7.5,
		"date_created": "2026-09-15T09:00:00Z",
		"published_at": "2026-09-15T09:30:00Z", "is_ready_to_publish": true,
		"external_study_url": "https://survey.example.org/s/shop?PROLIFIC_PID={{%PROLIFIC_PID%}}",
		"prolific_id_option": "url_parameters", "is_external_study_url_secure": true, "is_pilot": true,
		"study_labels": []string{"survey"}, "content_warnings": []string{"sensitive"},
		"content_warning_details": "Questions about spending.", "peripheral_requirements": []string{"audio"},
	}),
	study(StudyLarge, ProjectVision, "Label street photos", map[string]any{
		"status": "ACTIVE", "total_available_places": 500, "places_taken": LargeStudySubmissions,
		"number_of_submissions": LargeStudySubmissions, "reward": 80, "total_cost": 50400,
		"date_created": "2026-10-01T08:00:00Z", "published_at": "2026-10-01T09:00:00Z", "is_ready_to_publish": true,
		"credential_pool_id": "6601a9e2f1c3b5d7e9a0c0c0", "has_credentials": true,
		"access_details": []map[string]any{{"external_url": "https://labels.example.org/a", "total_allocation": 250},
			{"external_url": "https://labels.example.org/b", "total_allocation": 250}},
		"study_labels": []string{"ai_data_creation_images"}, "presentment_currency_code": "USD",
	}),
	study(StudyArchived, ProjectSentiment, "Review sentiment (pilot, 2025)", map[string]any{
		"internal_name": "sentiment-pilot-0", "status": "COMPLETED", "total_available_places": 2, "places_taken": 2,
		"number_of_submissions": 2, "reward": 212.5, "total_cost": 594.83, "date_created": "2025-11-02T10:00:00Z",
		"published_at": "2025-11-02T11:00:00Z", "is_ready_to_publish": true, "is_pilot": true,
	}),
	study(StudyDraft, ProjectVision, "Draft: label road signs", map[string]any{
		"publish_at": "2026-12-01T09:00:00Z", "status": "SCHEDULED", "completion_codes": []any{},
		"estimated_reward_per_hour": nil, "researcher": nil,
	}),
}

// studyShort is a study's list item.
func studyShort(s map[string]any) map[string]any {
	item := map[string]any{}
	for _, k := range studyShortFields {
		item[k] = s[k]
	}
	return item
}

func findStudy(id string) (map[string]any, bool) {
	for _, s := range studies {
		if s["id"] == id {
			return s, true
		}
	}
	return nil, false
}

func init() { registrars = append(registrars, registerStudies) }

func registerStudies(s *Server) {
	s.handle("/api/v1/studies/{study_id}", func(w http.ResponseWriter, r *http.Request) {
		study, ok := findStudy(r.PathValue("study_id"))
		Object(w, study, ok)
	})
	// The project's studies: documented page / page_size (default 20) and ordering.
	s.handle("/api/v1/projects/{project_id}/studies", func(w http.ResponseWriter, r *http.Request) {
		id := r.PathValue("project_id")
		if _, ok := findProject(id); !ok {
			Object(w, nil, false)
			return
		}
		items := []map[string]any{}
		for _, st := range studies {
			if st["project"] == id {
				items = append(items, studyShort(st))
			}
		}
		Paged(s, w, r, items, 20, 0, PageNormal)
	})
}

// timeAt formats a fixture time.
func timeAt(t time.Time) string { return t.Format("2006-01-02T15:04:05Z") }

// hexID is a 24-character hex id with a two-digit prefix.
func hexID(prefix, n int) string { return fmt.Sprintf("%02x%022x", prefix, n) }
