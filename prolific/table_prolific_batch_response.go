package prolific

import (
	"bytes"
	"context"
	"encoding/json"
	"reflect"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

//// TABLE DEFINITION

func tableProlificBatchResponse(_ context.Context) *plugin.Table {
	return &plugin.Table{
		Name: "prolific_batch_response",
		Description: "Participants' answers to the instructions of an AI Task Builder batch: one row per answer to one " +
			"instruction of one task. batch_id is required.",
		List: &plugin.ListConfig{
			Hydrate:    listProlificBatchResponses,
			KeyColumns: plugin.SingleColumn("batch_id"),
		},
		Columns: batchResponseColumns(),
	}
}

func batchResponseColumns() []*plugin.Column {
	type r = batchResponse
	return []*plugin.Column{
		column("batch_id", proto.ColumnType_STRING, "The ID of the batch the response belongs to. Required in the where clause or a join.",
			func(r *r) any { return r.batchID }),
		column("answer", proto.ColumnType_JSON, "The answer as the API returned it: an array of items such as {\"value\": ...}, with \"unit\", \"explanation\" or file fields depending on the response type.",
			func(r *r) any { return r.Response.Answer.sqlValue() }),
		column("answer_values", proto.ColumnType_JSON, "The value of each answer item, in order, as a JSON array. Values keep their JSON type (string, number or boolean); an item without a value gives null. NULL when the answer is not a list.",
			func(r *r) any { return r.answerValues.sqlValue() }),
		column("correlation_id", proto.ColumnType_STRING, "An ID Prolific uses for tracking related responses.",
			func(r *r) any { return r.CorrelationID.sqlValue() }),
		column("created_at", proto.ColumnType_TIMESTAMP, "The time the response was recorded.",
			func(r *r) any { return r.CreatedAt.sqlValue() }),
		column("id", proto.ColumnType_STRING, "The unique ID of the response.",
			func(r *r) any { return r.ID.sqlValue() }),
		column("instruction_id", proto.ColumnType_STRING, "The ID of the instruction this response answers (response.instruction_id).",
			func(r *r) any { return r.Response.InstructionID.sqlValue() }),
		column("metadata", proto.ColumnType_JSON, "Metadata attached to the response, such as the dataset's metadata columns. Values may be of any JSON type.",
			func(r *r) any { return r.Metadata.sqlValue() }),
		column("no_submission", proto.ColumnType_BOOL, "True when the response was recorded without a Prolific submission.",
			func(r *r) any { return r.NoSubmission.sqlValue() }),
		column("participant_id", proto.ColumnType_STRING, "The Prolific ID of the participant who answered.",
			func(r *r) any { return r.ParticipantID.sqlValue() }),
		column("response", proto.ColumnType_JSON, "The whole response object: instruction_id, type, answer and any fields the API adds.",
			func(r *r) any { return r.Response.raw.sqlValue() }),
		column("response_type", proto.ColumnType_STRING, "The type of the instruction answered (response.type), such as multiple_choice, free_text, free_text_with_unit, multiple_choice_with_free_text or file_upload. New types pass through as they are.",
			func(r *r) any { return r.Response.Type.sqlValue() }),
		column("schema_version", proto.ColumnType_INT, "The version of the response schema.",
			func(r *r) any { return r.SchemaVersion.sqlValue() }),
		column("submission_id", proto.ColumnType_STRING, "The ID of the Prolific submission the response was given in.",
			func(r *r) any { return r.SubmissionID.sqlValue() }),
		column("task_id", proto.ColumnType_STRING, "The ID of the task within the batch.",
			func(r *r) any { return r.TaskID.sqlValue() }),
	}
}

//// LIST FUNCTION

func listProlificBatchResponses(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
	batchID := d.EqualsQualString("batch_id")
	path, err := apiPath("/api/v1/data-collection/batches/%s/responses", batchID)
	if err != nil {
		return nil, err
	}
	err = streamList(ctx, d, path, nil, func(r *batchResponse) { r.finish(batchID) })
	if err != nil {
		loggerFrom(ctx).Error("prolific_batch_response.listProlificBatchResponses", "api_error", err, "batch_id", batchID)
	}
	return nil, err
}

//// ROW TYPE

// batchResponse is one item of the responses endpoint. Every field decodes liberally (see json_values.go), so one odd
// value gives a NULL, never a failed query.
type batchResponse struct {
	ID            jsonText
	CreatedAt     jsonTime
	ParticipantID jsonText
	SubmissionID  jsonText
	TaskID        jsonText
	CorrelationID jsonText
	Metadata      rawJSON
	SchemaVersion jsonInt
	NoSubmission  jsonBool
	Response      taskResponse

	batchID      string  // the batch_id of the query, which every row matches
	answerValues rawJSON // derived from Response.Answer by finish
}

// taskResponse is the response object: the answer to one instruction. raw keeps it whole for the response column,
// unknown types and fields included.
type taskResponse struct {
	raw           rawJSON
	InstructionID jsonText
	Type          jsonText
	Answer        rawJSON
}

// UnmarshalJSON reads one response in a single pass over its bytes (json_scan.go), because this table's rows are
// many. Unknown members are ignored; keys are matched exactly.
func (r *batchResponse) UnmarshalJSON(data []byte) error {
	if first := skipSpace(data, 0); first >= len(data) || data[first] != '{' {
		return &json.UnmarshalTypeError{Value: "non-object", Type: reflect.TypeFor[batchResponse]()}
	}
	data = bytes.Clone(data) // encoding/json reuses its buffer; the raw JSON fields below point into this copy
	*r = batchResponse{}
	objectMembers(data, func(key, value []byte) {
		switch string(key) {
		case "id":
			_ = r.ID.UnmarshalJSON(value)
		case "created_at":
			_ = r.CreatedAt.UnmarshalJSON(value)
		case "participant_id":
			_ = r.ParticipantID.UnmarshalJSON(value)
		case "submission_id":
			_ = r.SubmissionID.UnmarshalJSON(value)
		case "task_id":
			_ = r.TaskID.UnmarshalJSON(value)
		case "correlation_id":
			_ = r.CorrelationID.UnmarshalJSON(value)
		case "metadata":
			r.Metadata = rawValue(value)
		case "schema_version":
			_ = r.SchemaVersion.UnmarshalJSON(value)
		case "no_submission":
			_ = r.NoSubmission.UnmarshalJSON(value)
		case "response":
			r.Response.read(value)
		}
	})
	return nil
}

func (t *taskResponse) read(data []byte) {
	*t = taskResponse{raw: rawValue(data)}
	objectMembers(data, func(key, value []byte) {
		switch string(key) {
		case "instruction_id":
			_ = t.InstructionID.UnmarshalJSON(value)
		case "type":
			_ = t.Type.UnmarshalJSON(value)
		case "answer":
			t.Answer = rawValue(value)
		}
	})
}

func (r *batchResponse) finish(batchID string) {
	r.batchID = batchID
	r.answerValues = answerValues(r.Response.Answer)
}

// answerValues returns the JSON array of each answer item's "value", in order, with null for an item that has
// none. It returns nil (SQL NULL) when the answer is absent or not an array, as an unknown response type may send.
func answerValues(answer rawJSON) rawJSON {
	if first := skipSpace(answer, 0); first >= len(answer) || answer[first] != '[' {
		return nil
	}
	out := make([]byte, 0, 16)
	out = append(out, '[')
	arrayElements(answer, func(item []byte) {
		if len(out) > 1 {
			out = append(out, ',')
		}
		var value []byte
		objectMembers(item, func(key, member []byte) {
			if string(key) == "value" {
				value = member
			}
		})
		if value == nil {
			value = []byte("null")
		}
		out = append(out, value...)
	})
	return append(out, ']')
}
