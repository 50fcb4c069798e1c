package prolific

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"reflect"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

//// TABLE DEFINITION

func tableProlificBatchInstruction(_ context.Context) *plugin.Table {
	return &plugin.Table{
		Name: "prolific_batch_instruction",
		Description: "The instructions (questions) of an AI Task Builder batch, with their options, read from the batch's " +
			"layout or, for legacy batches, from the deprecated instructions endpoint. batch_id is required.",
		List: &plugin.ListConfig{
			Hydrate:    listProlificBatchInstructions,
			KeyColumns: plugin.SingleColumn("batch_id"),
		},
		Columns: batchInstructionColumns(),
	}
}

func batchInstructionColumns() []*plugin.Column {
	type r = batchInstruction
	return []*plugin.Column{
		column("batch_id", proto.ColumnType_STRING, "The ID of the batch the instruction belongs to. Required in the where clause or a join.",
			func(r *r) any { return r.batchID }),
		column("answer_limit", proto.ColumnType_INT, "For multiple-choice instructions, how many options a participant may choose: 1 for a single choice, -1 for no limit.",
			func(r *r) any { return r.AnswerLimit.sqlValue() }),
		column("column_index", proto.ColumnType_INT, "The 1-based column of the row that holds the instruction. NULL for instructions read from the deprecated endpoint.",
			func(r *r) any { return nullableInt(r.columnIndex) }),
		column("created_at", proto.ColumnType_TIMESTAMP, "The time the instruction was created.",
			func(r *r) any { return r.CreatedAt.sqlValue() }),
		column("created_by", proto.ColumnType_STRING, "The ID of the user who created the instruction.",
			func(r *r) any { return r.CreatedBy.sqlValue() }),
		column("default_unit", proto.ColumnType_STRING, "For free_text_with_unit instructions, the unit selected by default.",
			func(r *r) any { return r.DefaultUnit.sqlValue() }),
		column("description", proto.ColumnType_STRING, "The instruction text shown to participants: the question.",
			func(r *r) any { return r.Description.sqlValue() }),
		column("disable_dropdown", proto.ColumnType_BOOL, "For multiple-choice instructions, true when the options are shown as a list rather than a dropdown.",
			func(r *r) any { return r.DisableDropdown.sqlValue() }),
		column("helper_text", proto.ColumnType_STRING, "Optional guidance shown below the instruction, as the API's helper_text field holds it.",
			func(r *r) any { return r.HelperText.sqlValue() }),
		column("id", proto.ColumnType_STRING, "The unique ID of the instruction. prolific_batch_response.instruction_id refers to it.",
			func(r *r) any { return r.ID.sqlValue() }),
		column("instruction", proto.ColumnType_JSON, "The whole instruction object as the API sent it, including type-specific fields such as validation or accepted_file_types.",
			func(r *r) any { return r.raw.sqlValue() }),
		column("item_index", proto.ColumnType_INT, "The 1-based position of the instruction among the items of its column, content items included. NULL for instructions read from the deprecated endpoint.",
			func(r *r) any { return nullableInt(r.itemIndex) }),
		column("options", proto.ColumnType_JSON, "For multiple-choice instructions, the options as an array of objects with label and value (and heading or exclusive where set). Answer values in prolific_batch_response.answer_values match the option values.",
			func(r *r) any { return r.Options.sqlValue() }),
		column("page_index", proto.ColumnType_INT, "The 1-based page of the batch layout that holds the instruction. NULL for instructions read from the deprecated endpoint.",
			func(r *r) any { return nullableInt(r.pageIndex) }),
		column("parent_id", proto.ColumnType_STRING, "The ID of the object the instruction belongs to, usually the batch.",
			func(r *r) any { return r.ParentID.sqlValue() }),
		column("parent_type", proto.ColumnType_STRING, "The kind of object the instruction belongs to: batch or collection.",
			func(r *r) any { return r.ParentType.sqlValue() }),
		column("placeholder_text_input", proto.ColumnType_STRING, "The placeholder shown in the instruction's text box.",
			func(r *r) any { return r.PlaceholderTextInput.sqlValue() }),
		column("position", proto.ColumnType_INT, "The 1-based order of the instruction among the batch's instructions: layout order (page, row, column, item) for batch_items, list order for the deprecated endpoint.",
			func(r *r) any { return r.position }),
		column("row_index", proto.ColumnType_INT, "The 1-based row of the page that holds the instruction. NULL for instructions read from the deprecated endpoint.",
			func(r *r) any { return nullableInt(r.rowIndex) }),
		column("source", proto.ColumnType_STRING, "Where the instruction was read from: batch_items (the batch's layout) or instructions_endpoint (the deprecated endpoint, for legacy batches).",
			func(r *r) any { return r.source }),
		column("type", proto.ColumnType_STRING, "The instruction type, such as multiple_choice, free_text, free_text_with_unit, multiple_choice_with_free_text, file_upload or video_narration. New types pass through as they are.",
			func(r *r) any { return r.Type.sqlValue() }),
		column("unit_options", proto.ColumnType_JSON, "For free_text_with_unit instructions, the units a participant may choose, as an array of objects with label and value (and validation where set).",
			func(r *r) any { return r.UnitOptions.sqlValue() }),
		column("unit_position", proto.ColumnType_STRING, "For free_text_with_unit instructions, where the unit is shown: prefix or suffix.",
			func(r *r) any { return r.UnitPosition.sqlValue() }),
	}
}

//// LIST FUNCTION

// listProlificBatchInstructions reads the batch first. A batch with batch_items (even an empty list) keeps its
// instructions there; a legacy batch, whose batch_items is null or absent, is read from the deprecated instructions
// endpoint. That endpoint may send Deprecation and Sunset headers (logged) or be gone (404 or 410: no rows).
func listProlificBatchInstructions(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
	logger := loggerFrom(ctx)
	batchID := d.EqualsQualString("batch_id")
	b, err := fetchBatch(ctx, d, batchID)
	if err != nil || b == nil { // nil: no such batch, or the token cannot see it
		return nil, err
	}
	if b.BatchItems != nil {
		for _, instruction := range walkBatchItems(b.BatchItems) {
			instruction.batchID = batchID
			d.StreamListItem(ctx, instruction)
			if d.RowsRemaining(ctx) == 0 {
				break
			}
		}
		return nil, nil
	}

	path, err := apiPath("/api/v1/data-collection/batches/%s/instructions", batchID)
	if err != nil {
		return nil, err
	}
	var position int64
	err = streamList(ctx, d, path, nil, func(i *batchInstruction) {
		position++
		i.batchID, i.source, i.position = batchID, "instructions_endpoint", position
	})
	var apiErr *APIError
	if errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusGone {
		logger.Warn("prolific_batch_instruction.listProlificBatchInstructions", "endpoint_gone", path, "batch_id", batchID,
			"reason", "the batch has no batch_items and the deprecated instructions endpoint is gone")
		return nil, nil
	}
	if err != nil {
		logger.Error("prolific_batch_instruction.listProlificBatchInstructions", "api_error", err, "batch_id", batchID)
	}
	return nil, err
}

//// ROW TYPE

// batchInstruction is one instruction: an item of batch_items or of the deprecated endpoint's list. The instruction
// types form a union on "type"; the fields of every member are read liberally, and raw keeps the whole object.
type batchInstruction struct {
	ID                   jsonText `json:"id"`
	Type                 jsonText `json:"type"`
	CreatedAt            jsonTime `json:"created_at"`
	CreatedBy            jsonText `json:"created_by"`
	ParentID             jsonText `json:"parent_id"`
	ParentType           jsonText `json:"parent_type"`
	Description          jsonText `json:"description"`
	HelperText           jsonText `json:"helper_text"`
	PlaceholderTextInput jsonText `json:"placeholder_text_input"`
	AnswerLimit          jsonInt  `json:"answer_limit"`
	DisableDropdown      jsonBool `json:"disable_dropdown"`
	Options              rawJSON  `json:"options"`
	UnitOptions          rawJSON  `json:"unit_options"`
	DefaultUnit          jsonText `json:"default_unit"`
	UnitPosition         jsonText `json:"unit_position"`

	raw                                         rawJSON
	batchID, source                             string
	position                                    int64
	pageIndex, rowIndex, columnIndex, itemIndex *int64 // set for instructions read from batch_items
}

// UnmarshalJSON reads an instruction object. Anything else is a type error, which the list decoder skips.
func (i *batchInstruction) UnmarshalJSON(data []byte) error {
	if len(data) == 0 || data[0] != '{' {
		return &json.UnmarshalTypeError{Value: "non-object", Type: reflect.TypeFor[batchInstruction]()}
	}
	type fields batchInstruction // the same fields without this method
	var f fields
	_ = json.Unmarshal(data, &f) // every field is liberal; nothing here can fail the row
	*i = batchInstruction(f)
	i.raw = append(rawJSON(nil), data...)
	return nil
}

// contentItemTypes are the batch_items item types that are shown to participants but are not instructions.
var contentItemTypes = map[string]bool{"dataset_field": true, "image": true, "rich_text": true}

// walkBatchItems returns the instructions of a batch's layout in order: pages, then rows, then columns, then items.
// An item is an instruction when it wraps one in an "instruction" object, or when it has a type that is not a known
// content type. Parts of the layout that are not what the walk expects are skipped, never an error.
func walkBatchItems(items rawJSON) []*batchInstruction {
	var found []*batchInstruction
	for p, page := range jsonArray(items) {
		for r, row := range jsonArray(jsonMember(page, "rows")) {
			for c, col := range jsonArray(jsonMember(row, "columns")) {
				colItems := jsonMember(col, "items")
				if colItems == nil {
					colItems = jsonMember(col, "page_items")
				}
				for n, item := range jsonArray(colItems) {
					if wrapped := jsonMember(item, "instruction"); len(wrapped) > 0 && wrapped[0] == '{' {
						item = wrapped
					} else {
						var kind jsonText
						_ = json.Unmarshal(jsonMember(item, "type"), &kind)
						if !kind.set || contentItemTypes[kind.value] {
							continue
						}
					}
					instruction := new(batchInstruction)
					if instruction.UnmarshalJSON(item) != nil {
						continue
					}
					instruction.source, instruction.position = "batch_items", int64(len(found)+1)
					instruction.pageIndex, instruction.rowIndex = indexOf(p), indexOf(r)
					instruction.columnIndex, instruction.itemIndex = indexOf(c), indexOf(n)
					found = append(found, instruction)
				}
			}
		}
	}
	return found
}

// jsonArray returns the elements of a JSON array, or nil for anything else.
func jsonArray(data []byte) []json.RawMessage {
	var elements []json.RawMessage
	if len(data) == 0 || data[0] != '[' || json.Unmarshal(data, &elements) != nil {
		return nil
	}
	return elements
}

// jsonMember returns one member of a JSON object, or nil when data is not an object or lacks it.
func jsonMember(data []byte, name string) json.RawMessage {
	var members map[string]json.RawMessage
	if len(data) == 0 || data[0] != '{' || json.Unmarshal(data, &members) != nil {
		return nil
	}
	return members[name]
}

// indexOf turns a 0-based Go index into the 1-based position a column shows.
func indexOf(i int) *int64 {
	v := int64(i) + 1
	return &v
}

// nullableInt is a column value for an optional integer.
func nullableInt(v *int64) any {
	if v == nil {
		return nil
	}
	return *v
}
