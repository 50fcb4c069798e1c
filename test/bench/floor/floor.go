// Package floor builds make bench's floors for prolific_batch_response: measurements that bound a read of the table
// from below. It uses only the plugin's public surface (prolific.Plugin) and encoding/json, so the plugin exposes
// nothing for the bench.
//
// The decode floor (Items) is the standard library's json.Decoder cutting each response out of the body, validated
// but not decoded into fields. The plugin's decoder (prolific/list.go) reads each response with the same
// json.Decoder.Decode call before it reads its fields, so this bounds the plugin's decoding from below. Decoding into
// a struct with encoding/json (Decode) would not: it took 1.6 to 2 times as long as the plugin's own decoder on 10,000
// responses (go test -bench, 2 busy cores), so it only prepares the SDK floor's rows, outside any measurement.
//
// The SDK floor (Plugin) is the real table's schema served through the SDK from rows whose column values are already
// what the plugin's transforms return: no HTTP, no JSON and no conversion of values, so a scan of it costs what the
// SDK itself costs (key column checks, transforms, row building, streaming) and nothing of the plugin's own.
package floor

import (
	"encoding/json"
	"fmt"
	"io"
	"time"
)

// Response is one item of the responses endpoint as encoding/json decodes it. A pointer is nil, and a raw value
// empty, when the member is absent or null: the plugin's NULL.
type Response struct {
	ID            *string         `json:"id"`
	CreatedAt     *string         `json:"created_at"`
	ParticipantID *string         `json:"participant_id"`
	SubmissionID  *string         `json:"submission_id"`
	TaskID        *string         `json:"task_id"`
	CorrelationID *string         `json:"correlation_id"`
	Metadata      json.RawMessage `json:"metadata"`
	SchemaVersion *int64          `json:"schema_version"`
	NoSubmission  *bool           `json:"no_submission"`
	Response      json.RawMessage `json:"response"`

	// Task is Response decoded: the instruction answered, its type and the answer.
	Task struct {
		InstructionID *string         `json:"instruction_id"`
		Type          *string         `json:"type"`
		Answer        json.RawMessage `json:"answer"`
	} `json:"-"`
	AnswerValues json.RawMessage `json:"-"` // the "value" of each answer item, in order, null for an item without one
}

// Items reads a responses body, {"results": [...], ...}, as a stream and calls each with every response's JSON as
// soon as it is read. The synthetic batches of make bench are well formed; Items does not try to read every shape
// the plugin tolerates.
func Items(body io.Reader, each func(json.RawMessage) error) error {
	dec := json.NewDecoder(body)
	if err := expect(dec, json.Delim('{')); err != nil {
		return err
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return err
		}
		if key != "results" {
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return err
			}
			continue
		}
		if err := expect(dec, json.Delim('[')); err != nil {
			return err
		}
		for dec.More() {
			var item json.RawMessage
			if err := dec.Decode(&item); err != nil {
				return err
			}
			if err := each(item); err != nil {
				return err
			}
		}
		if err := expect(dec, json.Delim(']')); err != nil {
			return err
		}
	}
	return expect(dec, json.Delim('}'))
}

// Decode reads a responses body as Items does and decodes each response with encoding/json.
func Decode(body io.Reader, each func(*Response)) error {
	return Items(body, func(item json.RawMessage) error {
		r := new(Response)
		if err := json.Unmarshal(item, r); err != nil {
			return err
		}
		if len(r.Response) > 0 && string(r.Response) != "null" {
			if err := json.Unmarshal(r.Response, &r.Task); err != nil {
				return err
			}
		}
		r.AnswerValues = answerValues(r.Task.Answer)
		each(r)
		return nil
	})
}

// answerValues is the answer_values column: the JSON array of each answer item's "value", null for an item without
// one, or nil when the answer is not an array.
func answerValues(answer json.RawMessage) json.RawMessage {
	var items []map[string]json.RawMessage
	if len(answer) == 0 || answer[0] != '[' || json.Unmarshal(answer, &items) != nil {
		return nil
	}
	out := []byte{'['}
	for i, item := range items {
		if i > 0 {
			out = append(out, ',')
		}
		value, ok := item["value"]
		if !ok {
			value = json.RawMessage("null")
		}
		out = append(out, value...)
	}
	return append(out, ']')
}

func expect(dec *json.Decoder, want json.Delim) error {
	token, err := dec.Token()
	if err != nil {
		return err
	}
	if token != want {
		return fmt.Errorf("expected %v, got %v", want, token)
	}
	return nil
}

// Row holds one row's column values as the plugin's transforms return them: nil for NULL, a string for text and JSON
// columns (JSON as its text), time.Time, int64 or bool. Its fields are the table's columns in CamelCase.
type Row struct {
	BatchID, Answer, AnswerValues, CorrelationID, CreatedAt, ID, InstructionID, Metadata, NoSubmission any
	ParticipantID, Response, ResponseType, SchemaVersion, SubmissionID, TaskID                         any
}

// NewRow converts a decoded response of batchID into the values the plugin's columns give for it, for what make
// bench's synthetic batches hold: the plugin also compacts JSON with whitespace in it and replaces NUL characters,
// which they have none of. TestSDKFloorReturnsThePluginsRows checks every column against the plugin.
func NewRow(r *Response, batchID string) *Row {
	var created any
	if r.CreatedAt != nil {
		if t, err := time.Parse(time.RFC3339Nano, *r.CreatedAt); err == nil {
			created = t.UTC()
		}
	}
	return &Row{BatchID: batchID, Answer: raw(r.Task.Answer), AnswerValues: raw(r.AnswerValues),
		CorrelationID: deref(r.CorrelationID), CreatedAt: created, ID: deref(r.ID), InstructionID: deref(r.Task.InstructionID),
		Metadata: raw(r.Metadata), NoSubmission: deref(r.NoSubmission), ParticipantID: deref(r.ParticipantID),
		Response: raw(r.Response), ResponseType: deref(r.Task.Type), SchemaVersion: deref(r.SchemaVersion),
		SubmissionID: deref(r.SubmissionID), TaskID: deref(r.TaskID)}
}

func deref[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

// raw is a JSON column's value: its text, or nil for absent or null.
func raw(value json.RawMessage) any {
	if len(value) == 0 || string(value) == "null" {
		return nil
	}
	return string(value)
}
