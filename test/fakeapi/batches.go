package fakeapi

import (
	"encoding/json"
	"net/http"
)

// Batch fixtures (docs/api-evidence.md ("Batches", "Batch instructions")): the list and get endpoints, the deprecated
// instructions endpoint, and the batches' instructions, either inside batch_items or behind that endpoint.
//
//   - BatchSentiment (NLP workspace) is a current batch: its three instructions live in batch_items, two pages of
//     rows and columns mixed with content items, and its option values are the values of the demo answers.
//   - BatchSummaries (NLP) is a legacy batch (batch_items null): its instructions come from the deprecated endpoint,
//     which sends Deprecation and Sunset headers.
//   - BatchAllShapes (NLP) is legacy too; its deprecated endpoint sends no such headers and a bare array.
//   - BatchVisionPilot (Vision) is new and empty: batch_items is [], no datasets, no task details.
//   - BatchLegacyGone (Vision) has no batch_items key, and its deprecated endpoint answers 410 Gone.
const (
	BatchVisionPilot = "9e4abc63-5d7f-4a8a-8c3f-4fbd6d9a2035"
	BatchLegacyGone  = "a0b1c2d3-7777-4b1c-9d2e-3f4a5b6c7d8e"
)

// Instruction ids of BatchAllShapes, served by its deprecated endpoint. They match the all-shapes responses.
const (
	InstructionAllShapesChoice = "9e8d7c6b-5a49-4382-9170-6f5e4d3c2b01"
	InstructionAllShapesHeight = "9e8d7c6b-5a49-4382-9170-6f5e4d3c2b02"
	InstructionAllShapesPhotos = "9e8d7c6b-5a49-4382-9170-6f5e4d3c2b03"
	InstructionAllShapesVideo  = "9e8d7c6b-5a49-4382-9170-6f5e4d3c2b09"
)

// DeprecationSunset is the Sunset header the deprecated instructions endpoint sends (docs/api-evidence.md
// ("Batch instructions")).
const DeprecationSunset = "Tue, 01 Sep 2026 23:59:59 GMT"

// InstructionsPath and ExportsPath are the escaped paths the plugin requests, for Inject and RequestsTo.
func InstructionsPath(batchID string) string { return batchPath(batchID) + "/instructions" }

// ExportsPath is the path of a batch's export jobs.
func ExportsPath(batchID string) string { return batchPath(batchID) + "/export" }

// BatchPath is the path of one batch.
func BatchPath(batchID string) string { return batchPath(batchID) }

func batchPath(batchID string) string { return "/api/v1/data-collection/batches/" + batchID }

var sentimentTaskDetails = map[string]any{
	"task_name":         "Rate product reviews",
	"task_introduction": "<p>Read each customer review and say how it feels.</p>",
	"task_steps":        "<ol><li>Read the review</li><li>Choose a sentiment</li><li>Say how sure you are</li></ol>",
}

// Instructions of the sentiment batch as batch_items holds them. Option values match the demo answers: the
// sentiment labels, and confidence values 1-5 as numbers.
var (
	sentimentInstruction = map[string]any{
		"id": InstructionSentiment, "type": "multiple_choice", "created_at": "2026-09-01T09:05:00Z",
		"created_by": ResearcherID, "parent_id": BatchSentiment, "parent_type": "batch",
		"description": "What is the overall sentiment of this review?", "helper_text": "Judge the whole review, not one sentence.",
		"answer_limit": 1, "disable_dropdown": true,
		"options": []map[string]any{
			{"label": "Positive", "value": "positive"}, {"label": "Neutral", "value": "neutral"},
			{"label": "Negative", "value": "negative"},
		},
	}
	confidenceInstruction = map[string]any{
		"id": InstructionConfidence, "type": "multiple_choice", "created_at": "2026-09-01T09:05:01Z",
		"created_by": ResearcherID, "parent_id": BatchSentiment, "parent_type": "batch",
		"description": "How confident are you?", "answer_limit": 1, "disable_dropdown": false,
		"options": []map[string]any{
			{"label": "1 - Guessing", "value": 1}, {"label": "2 - Unsure", "value": 2}, {"label": "3 - Fairly sure", "value": 3},
			{"label": "4 - Sure", "value": 4}, {"label": "5 - Certain", "value": 5},
		},
	}
	commentInstruction = map[string]any{
		"id": InstructionComment, "type": "free_text", "created_at": "2026-09-01T09:05:02Z",
		"created_by": ResearcherID, "parent_id": BatchSentiment, "parent_type": "batch",
		"description": "Anything else about this review? (optional)", "placeholder_text_input": "Your comment",
		"validation": map[string]any{"type": "string", "min": nil, "max": 500},
	}
)

// sentimentBatchItems: page 1 has one row of two columns (the review beside two questions); page 2 has the comment
// under a heading.
var sentimentBatchItems = []any{
	map[string]any{"id": "b1000000-0000-4000-8000-000000000001", "rows": []any{
		map[string]any{"id": "b1000000-0000-4000-8000-000000000011", "columns": []any{
			map[string]any{"id": "b1000000-0000-4000-8000-000000000111", "items": []any{
				map[string]any{"id": "b1000000-0000-4000-8000-000000001111", "type": "rich_text",
					"content": "**Review**", "content_format": "markdown"},
				map[string]any{"id": "b1000000-0000-4000-8000-000000001112", "type": "dataset_field", "field": "review"},
			}},
			map[string]any{"id": "b1000000-0000-4000-8000-000000000112", "items": []any{
				sentimentInstruction, confidenceInstruction,
			}},
		}},
	}},
	map[string]any{"id": "b1000000-0000-4000-8000-000000000002", "rows": []any{
		map[string]any{"id": "b1000000-0000-4000-8000-000000000021", "columns": []any{
			map[string]any{"id": "b1000000-0000-4000-8000-000000000211", "items": []any{
				map[string]any{"id": "b1000000-0000-4000-8000-000000002111", "type": "image",
					"url": "https://example.org/divider.png", "alt_text": "A divider"},
				commentInstruction,
			}},
		}},
	}},
}

// summariesInstructions are served by the deprecated endpoint of the legacy summaries batch.
var summariesInstructions = []map[string]any{
	{
		"id": InstructionAccuracy, "type": "multiple_choice_with_free_text", "created_at": "2026-09-19T11:00:00Z",
		"created_by": ResearcherID, "parent_id": BatchSummaries, "parent_type": "batch",
		"description": "Is the summary accurate?", "helper_text": "Compare it with the source article.", "answer_limit": 1,
		"options": []map[string]any{
			{"label": "Accurate", "value": "accurate", "heading": "Why is it accurate?"},
			{"label": "Partially accurate", "value": "partially_accurate", "heading": "What is missing or wrong?"},
			{"label": "Inaccurate", "value": "inaccurate", "heading": "What is wrong?", "exclusive": true},
		},
	},
	{
		"id": InstructionLengthOK, "type": "multiple_choice", "created_at": "2026-09-19T11:00:01Z",
		"created_by": ResearcherID, "parent_id": BatchSummaries, "parent_type": "batch",
		"description": "Is the summary a good length?", "answer_limit": 1, "disable_dropdown": false,
		"options": []map[string]any{{"label": "Yes", "value": true}, {"label": "No", "value": false}},
	},
}

// allShapesInstructions: one instruction of each other union member, sent as a bare array without deprecation
// headers. An item that is not an object is there to be skipped.
var allShapesInstructions = []any{
	map[string]any{"id": InstructionAllShapesChoice, "type": "multiple_choice", "created_at": "2026-09-10T08:00:00Z",
		"created_by": ResearcherID, "parent_id": BatchAllShapes, "parent_type": "batch", "description": "Pick any that apply.",
		"answer_limit": -1, "options": []map[string]any{{"label": "Positive", "value": "positive"},
			{"label": "None of these", "value": "none", "exclusive": true}}},
	map[string]any{"id": InstructionAllShapesHeight, "type": "free_text_with_unit", "created_at": "2026-09-10T08:00:01Z",
		"created_by": ResearcherID, "parent_id": BatchAllShapes, "parent_type": "batch", "description": "How tall is the person?",
		"unit_options": []map[string]any{{"label": "Centimetres", "value": "cm", "validation": map[string]any{"type": "number", "min": 50, "max": 250}},
			{"label": "Inches", "value": "in"}},
		"default_unit": "cm", "unit_position": "suffix"},
	"not an instruction",
	map[string]any{"id": InstructionAllShapesPhotos, "type": "file_upload", "created_at": "2026-09-10T08:00:02Z",
		"created_by": ResearcherID, "parent_id": BatchAllShapes, "parent_type": "batch", "description": "Upload photos of the item.",
		"accepted_file_types": []string{".jpg", ".png"}, "max_file_size_mb": 25, "min_file_count": 1, "max_file_count": 10},
	map[string]any{"id": InstructionAllShapesVideo, "type": "video_narration", "created_at": "not a time",
		"parent_id": BatchAllShapes, "parent_type": "batch", "description": "Narrate what you see.", "max_duration_s": 60},
}

// batches holds the fake's batches as the API returns them.
var batches = []map[string]any{
	{
		"id": BatchSentiment, "created_at": "2026-09-01T09:00:00Z", "created_by": ResearcherID, "name": "Sentiment pilot",
		"status": "READY", "workspace_id": WorkspaceNLP,
		"datasets":         []map[string]any{{"id": DatasetReviews, "total_datapoint_count": 8, "filename": "reviews.csv"}},
		"total_task_count": 8, "total_instruction_count": 3, "total_task_groups": 8, "tasks_per_group": 1,
		"schema_version": 2, "task_details": sentimentTaskDetails, "batch_items": sentimentBatchItems,
		"auto_sync_enabled": false,
	},
	{
		"id": BatchSummaries, "created_at": "2026-09-19T10:30:00Z", "created_by": ResearcherID, "name": "Summary accuracy",
		"status": "READY", "workspace_id": WorkspaceNLP,
		"datasets":         []map[string]any{{"id": DatasetSummaries, "total_datapoint_count": 6, "filename": "summaries.jsonl"}},
		"total_task_count": 6, "total_instruction_count": 2, "total_task_groups": 3, "tasks_per_group": 2,
		"schema_version": 1, "batch_items": nil, "auto_sync_enabled": true,
		"task_details": map[string]any{"task_name": "Check summaries", "task_introduction": "<p>Each task shows an article and a summary.</p>",
			"task_steps": "<ol><li>Read both</li><li>Rate the summary</li></ol>"},
	},
	{
		"id": BatchAllShapes, "created_at": "2026-09-10T07:45:00.250Z", "created_by": ResearcherID, "name": "All answer shapes",
		"status": "PROCESSING", "workspace_id": WorkspaceNLP,
		"datasets": []map[string]any{
			{"id": DatasetAllShapes, "total_datapoint_count": "12", "filename": "shapes.csv"},
			{"id": DatasetMissing, "total_datapoint_count": 0, "filename": "deleted.csv"},
		},
		"total_task_count": 12, "total_instruction_count": 4, "total_task_groups": 12, "schema_version": 2,
		"task_details": map[string]any{"task_name": "Shapes", "task_introduction": "", "task_steps": ""}, "batch_items": nil,
	},
	{
		"id": BatchVisionPilot, "created_at": "2026-10-02T15:20:00Z", "created_by": ResearcherID, "name": "Image captions",
		"status": "UNINITIALISED", "workspace_id": WorkspaceVision, "datasets": []any{},
		"total_task_count": 0, "total_instruction_count": 0, "total_task_groups": 0, "schema_version": 2,
		"task_details": nil, "batch_items": []any{}, "auto_sync_enabled": false,
	},
	{
		"id": BatchLegacyGone, "created_at": "2025-03-11T12:00:00Z", "created_by": ResearcherID, "name": "Bounding boxes (legacy)",
		"status": "ERROR", "workspace_id": WorkspaceVision, "datasets": []any{},
		"total_task_count": 40, "total_instruction_count": 1, "total_task_groups": 40, "schema_version": 1,
		"task_details": map[string]any{"task_name": "Boxes", "task_introduction": "<p>Draw boxes.</p>", "task_steps": "<p>Draw.</p>"},
	},
}

// exportJobs holds each batch's export jobs, newest first. The list's shape is not settled (docs/api-evidence.md
// (B7)): the sentiment batch answers {"results": [...]}, the summaries batch a bare array.
var exportJobs = map[string][]map[string]any{
	BatchSentiment: {
		{"export_id": "e5000000-0000-4000-8000-000000000003", "filter": map[string]any{"from": "2026-09-15T00:00:00Z"},
			"status": "generating", "created_at": "2026-09-16T08:30:00Z"},
		{"export_id": "e5000000-0000-4000-8000-000000000002", "filter": map[string]any{"study_id": "6601a9e2f1c3b5d7e9a0b1c2"},
			"status": "complete", "created_at": "2026-09-15T17:02:10Z"},
		{"export_id": "e5000000-0000-4000-8000-000000000001", "filter": nil, "status": "failed", "created_at": "2026-09-14T12:00:00Z"},
	},
	BatchSummaries: {
		{"export_id": "e5a00000-0000-4000-8000-000000000001",
			"filter": map[string]any{"from": "2026-09-20T00:00:00Z", "to": "2026-09-21T00:00:00Z"},
			"status": "complete", "created_at": "2026-09-21T09:00:00Z"},
	},
}

func init() { registrars = append(registrars, registerBatches) }

func registerBatches(s *Server) {
	s.handle("/api/v1/data-collection/batches", ListByWorkspace(batches))
	s.handle("/api/v1/data-collection/batches/{batch_id}", func(w http.ResponseWriter, r *http.Request) {
		b := findBatch(r.PathValue("batch_id"))
		Object(w, b, b != nil)
	})
	s.handle("/api/v1/data-collection/batches/{batch_id}/instructions", func(w http.ResponseWriter, r *http.Request) {
		switch r.PathValue("batch_id") {
		case BatchSummaries:
			w.Header().Set("Deprecation", "true")
			w.Header().Set("Sunset", DeprecationSunset)
			List(w, summariesInstructions)
		case BatchAllShapes:
			writeJSON(w, http.StatusOK, allShapesInstructions)
		case BatchLegacyGone:
			writeError(w, http.StatusGone, EnvelopeShape, "Gone", "This endpoint has been removed.")
		default:
			writeError(w, http.StatusNotFound, EnvelopeShape, "Not Found", "Batch not found.")
		}
	})
	s.handle("/api/v1/data-collection/batches/{batch_id}/export", func(w http.ResponseWriter, r *http.Request) {
		batchID := r.PathValue("batch_id")
		jobs := exportJobs[batchID]
		switch {
		case findBatch(batchID) == nil:
			writeError(w, http.StatusNotFound, EnvelopeShape, "Not Found", "Batch not found.")
		case batchID == BatchSummaries:
			writeJSON(w, http.StatusOK, jobs)
		default:
			if jobs == nil {
				jobs = []map[string]any{}
			}
			writeJSON(w, http.StatusOK, map[string]any{"results": jobs})
		}
	})
}

func findBatch(id string) map[string]any {
	for _, b := range batches {
		if b["id"] == id {
			return b
		}
	}
	return nil
}

// BatchJSON returns a fixture batch as the API sends it, for tests that compare JSON columns.
func BatchJSON(id string, field string) string {
	b := findBatch(id)
	if b == nil {
		return ""
	}
	data, err := json.Marshal(b[field])
	if err != nil {
		panic(err)
	}
	return string(data)
}
