package prolific_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/pipeworks/steampipe-plugin-prolific/test/fakeapi"
	"github.com/pipeworks/steampipe-plugin-prolific/test/harness"
)

const instructionsTable = "prolific_batch_instruction"

var instructionKinds = map[string]string{
	"answer_limit": "int", "column_index": "int", "created_at": "timestamp", "disable_dropdown": "bool",
	"instruction": "json", "item_index": "int", "options": "json", "page_index": "int", "position": "int",
	"row_index": "int", "unit_options": "json",
}

func queryInstructions(t *testing.T, p *harness.Plugin, batchID string) []harness.Row {
	t.Helper()
	return p.MustExecute(t, harness.Query{Table: instructionsTable, Quals: harness.Equals("batch_id", batchID)})
}

func TestBatchInstructionSchema(t *testing.T) {
	_, p := startFake(t)
	checkSchema(t, p, instructionsTable, []string{"batch_id"}, map[string]string{
		"batch_id": "STRING", "answer_limit": "INT", "column_index": "INT", "created_at": "TIMESTAMP",
		"created_by": "STRING", "default_unit": "STRING", "description": "STRING", "disable_dropdown": "BOOL",
		"helper_text": "STRING", "id": "STRING", "instruction": "JSON", "item_index": "INT", "options": "JSON",
		"page_index": "INT", "parent_id": "STRING", "parent_type": "STRING", "placeholder_text_input": "STRING",
		"position": "INT", "row_index": "INT", "source": "STRING", "type": "STRING", "unit_options": "JSON",
		"unit_position": "STRING",
	})
	keys := ownKeys(p.Schema(t)[instructionsTable].GetListCallKeyColumnList())
	if len(keys) != 1 || keys[0].Name != "batch_id" || keys[0].Require != "required" {
		t.Errorf("list key columns = %v, want batch_id required", keys)
	}
}

func TestBatchInstructionRequiresBatchID(t *testing.T) {
	_, p := startFake(t)
	_, err := p.Execute(t, harness.Query{Table: instructionsTable})
	if err == nil || !strings.Contains(err.Error(), "missing 1 required qual") || !strings.Contains(err.Error(), "batch_id") {
		t.Fatalf("err = %v, want the SDK's missing required qual error naming batch_id", err)
	}
}

// TestBatchInstructionFromBatchItems walks the sentiment batch's two pages and checks every column.
func TestBatchInstructionFromBatchItems(t *testing.T) {
	api, p := startFake(t)
	rows := queryInstructions(t, p, fakeapi.BatchSentiment)
	byID := harness.ByColumn(t, rows, "id")
	if len(byID) != 3 {
		t.Fatalf("%d instructions, want 3 (content items are not instructions)", len(byID))
	}
	if n := api.RequestsTo(fakeapi.InstructionsPath(fakeapi.BatchSentiment)); n != 0 {
		t.Errorf("%d requests to the deprecated endpoint for a batch with batch_items", n)
	}
	checkRow(t, "sentiment", byID[fakeapi.InstructionSentiment], map[string]any{
		"batch_id": fakeapi.BatchSentiment, "id": fakeapi.InstructionSentiment, "type": "multiple_choice",
		"answer_limit": int64(1), "created_at": harness.Timestamp(t, "2026-09-01T09:05:00Z"),
		"created_by": fakeapi.ResearcherID, "default_unit": nil, "description": "What is the overall sentiment of this review?",
		"disable_dropdown": true, "helper_text": "Judge the whole review, not one sentence.",
		"options":   j(t, `[{"label":"Positive","value":"positive"},{"label":"Neutral","value":"neutral"},{"label":"Negative","value":"negative"}]`),
		"parent_id": fakeapi.BatchSentiment, "parent_type": "batch", "placeholder_text_input": nil,
		"source": "batch_items", "position": int64(1), "page_index": int64(1), "row_index": int64(1),
		"column_index": int64(2), "item_index": int64(1), "unit_options": nil, "unit_position": nil,
	})
	checkRow(t, "confidence", byID[fakeapi.InstructionConfidence], map[string]any{
		"position": int64(2), "page_index": int64(1), "row_index": int64(1), "column_index": int64(2), "item_index": int64(2),
		"helper_text": nil, "disable_dropdown": false,
		"options": j(t, `[{"label":"1 - Guessing","value":1},{"label":"2 - Unsure","value":2},{"label":"3 - Fairly sure","value":3},`+
			`{"label":"4 - Sure","value":4},{"label":"5 - Certain","value":5}]`),
	})
	checkRow(t, "comment", byID[fakeapi.InstructionComment], map[string]any{
		"type": "free_text", "position": int64(3), "page_index": int64(2), "row_index": int64(1), "column_index": int64(1),
		"item_index": int64(2), "options": nil, "answer_limit": nil, "disable_dropdown": nil,
		"placeholder_text_input": "Your comment",
		"instruction": j(t, `{"id":"`+fakeapi.InstructionComment+`","type":"free_text","created_at":"2026-09-01T09:05:02Z",`+
			`"created_by":"`+fakeapi.ResearcherID+`","parent_id":"`+fakeapi.BatchSentiment+`","parent_type":"batch",`+
			`"description":"Anything else about this review? (optional)","placeholder_text_input":"Your comment",`+
			`"validation":{"type":"string","min":null,"max":500}}`),
	})
	checkKinds(t, rows, instructionKinds)
}

// TestBatchInstructionFromDeprecatedEndpoint reads a legacy batch through the deprecated endpoint, logging its
// Deprecation and Sunset headers.
func TestBatchInstructionFromDeprecatedEndpoint(t *testing.T) {
	logs := harness.CaptureLogs(t, "WARN")
	api, p := startFake(t)
	rows := queryInstructions(t, p, fakeapi.BatchSummaries)
	byID := harness.ByColumn(t, rows, "id")
	if len(byID) != 2 {
		t.Fatalf("%d instructions, want 2", len(byID))
	}
	if n := api.RequestsTo(fakeapi.InstructionsPath(fakeapi.BatchSummaries)); n != 1 {
		t.Errorf("%d requests to the deprecated endpoint, want 1", n)
	}
	checkRow(t, "accuracy", byID[fakeapi.InstructionAccuracy], map[string]any{
		"batch_id": fakeapi.BatchSummaries, "type": "multiple_choice_with_free_text", "source": "instructions_endpoint",
		"position": int64(1), "page_index": nil, "row_index": nil, "column_index": nil, "item_index": nil,
		"description": "Is the summary accurate?", "helper_text": "Compare it with the source article.",
		"created_at": harness.Timestamp(t, "2026-09-19T11:00:00Z"),
		"options": j(t, `[{"label":"Accurate","value":"accurate","heading":"Why is it accurate?"},`+
			`{"label":"Partially accurate","value":"partially_accurate","heading":"What is missing or wrong?"},`+
			`{"label":"Inaccurate","value":"inaccurate","heading":"What is wrong?","exclusive":true}]`),
	})
	checkRow(t, "length", byID[fakeapi.InstructionLengthOK], map[string]any{
		"position": int64(2), "type": "multiple_choice", "options": j(t, `[{"label":"Yes","value":true},{"label":"No","value":false}]`),
	})
	if !logs.WaitFor("deprecated_endpoint") || !strings.Contains(logs.String(), fakeapi.DeprecationSunset) {
		t.Errorf("no deprecation warning with the sunset date in the logs:\n%s", logs.String())
	}
	checkKinds(t, rows, instructionKinds)
}

// TestBatchInstructionBareArrayWithoutDeprecationHeaders reads the all-shapes batch: a bare array, no headers, one
// item that is not an object, and one instruction of each other type.
func TestBatchInstructionBareArrayWithoutDeprecationHeaders(t *testing.T) {
	_, p := startFake(t)
	rows := queryInstructions(t, p, fakeapi.BatchAllShapes)
	byID := harness.ByColumn(t, rows, "id")
	if len(byID) != 4 {
		t.Fatalf("%d instructions, want 4 (the string item is skipped)", len(byID))
	}
	checkRow(t, "choice", byID[fakeapi.InstructionAllShapesChoice], map[string]any{"position": int64(1), "answer_limit": int64(-1)})
	checkRow(t, "height", byID[fakeapi.InstructionAllShapesHeight], map[string]any{
		"position": int64(2), "type": "free_text_with_unit", "default_unit": "cm", "unit_position": "suffix", "options": nil,
		"unit_options": j(t, `[{"label":"Centimetres","value":"cm","validation":{"type":"number","min":50,"max":250}},{"label":"Inches","value":"in"}]`),
	})
	checkRow(t, "photos", byID[fakeapi.InstructionAllShapesPhotos], map[string]any{"position": int64(3), "type": "file_upload"})
	checkRow(t, "video", byID[fakeapi.InstructionAllShapesVideo], map[string]any{
		"position": int64(4), "type": "video_narration", "created_at": nil, "created_by": nil,
	})
	var photos map[string]any
	_ = json.Unmarshal(byID[fakeapi.InstructionAllShapesPhotos]["instruction"].GetJsonValue(), &photos)
	if photos["max_file_count"] != float64(10) {
		t.Errorf("instruction JSON lost type-specific fields: %v", photos)
	}
	checkKinds(t, rows, instructionKinds)
}

func TestBatchInstructionEmptyGoneAndNotFound(t *testing.T) {
	api, p := startFake(t)
	for _, batch := range []string{fakeapi.BatchVisionPilot, fakeapi.BatchLegacyGone, "6a1b2c3d-0000-4000-8000-0000000000ff"} {
		rows, err := p.Execute(t, harness.Query{Table: instructionsTable, Quals: harness.Equals("batch_id", batch)})
		if err != nil || len(rows) != 0 {
			t.Errorf("batch %s: %d rows, err %v; want 0 rows and no error", batch, len(rows), err)
		}
	}
	// The empty batch_items list is read as no instructions; an unknown batch stops at its 404.
	if n := api.RequestsTo(fakeapi.InstructionsPath(fakeapi.BatchVisionPilot)); n != 0 {
		t.Errorf("%d deprecated endpoint requests for a batch with an empty batch_items", n)
	}
	if n := api.RequestsTo(fakeapi.InstructionsPath("6a1b2c3d-0000-4000-8000-0000000000ff")); n != 0 {
		t.Errorf("%d deprecated endpoint requests for a batch that does not exist", n)
	}
	if n := api.RequestsTo(fakeapi.InstructionsPath(fakeapi.BatchLegacyGone)); n != 1 {
		t.Errorf("%d deprecated endpoint requests for the legacy batch, want 1", n)
	}
}

func TestBatchInstructionInList(t *testing.T) {
	_, p := startFake(t)
	rows := p.MustExecute(t, harness.Query{Table: instructionsTable,
		Quals: harness.In("batch_id", fakeapi.BatchSentiment, fakeapi.BatchSummaries)})
	counts := map[string]int{}
	for _, row := range rows {
		counts[row["batch_id"].GetStringValue()]++
	}
	if counts[fakeapi.BatchSentiment] != 3 || counts[fakeapi.BatchSummaries] != 2 || len(counts) != 2 {
		t.Fatalf("rows per batch = %v", counts)
	}
}

// TestBatchInstructionJoinsResponses checks what the docs' join relies on: every demo response names an instruction
// of its batch, and every multiple-choice answer value is the value of one of that instruction's options.
func TestBatchInstructionJoinsResponses(t *testing.T) {
	_, p := startFake(t)
	for _, batch := range []string{fakeapi.BatchSentiment, fakeapi.BatchSummaries} {
		instructions := harness.ByColumn(t, queryInstructions(t, p, batch), "id")
		for _, response := range p.MustExecute(t, harness.Query{Table: responsesTable, Quals: harness.Equals("batch_id", batch)}) {
			instruction := instructions[response["instruction_id"].GetStringValue()]
			if instruction == nil {
				t.Fatalf("response %s: no instruction %s", response["id"].GetStringValue(), response["instruction_id"].GetStringValue())
			}
			if !strings.HasPrefix(response["response_type"].GetStringValue(), "multiple_choice") {
				continue
			}
			var values []any
			var options []struct{ Value any }
			_ = json.Unmarshal(response["answer_values"].GetJsonValue(), &values)
			_ = json.Unmarshal(instruction["options"].GetJsonValue(), &options)
			for _, v := range values {
				found := false
				for _, o := range options {
					found = found || o.Value == v
				}
				if !found {
					t.Errorf("batch %s: answer value %v is not an option of %s", batch, v, instruction["id"].GetStringValue())
				}
			}
		}
	}
}
