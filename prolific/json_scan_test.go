package prolific

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/pipeworks/steampipe-plugin-prolific/test/fakeapi"
)

// referenceResponse decodes a response with encoding/json's struct decoding: the slow, obvious way that the
// single-pass reader in batchResponse.UnmarshalJSON must agree with.
type referenceResponse struct {
	ID            jsonText        `json:"id"`
	CreatedAt     jsonTime        `json:"created_at"`
	ParticipantID jsonText        `json:"participant_id"`
	SubmissionID  jsonText        `json:"submission_id"`
	TaskID        jsonText        `json:"task_id"`
	CorrelationID jsonText        `json:"correlation_id"`
	Metadata      rawJSON         `json:"metadata"`
	SchemaVersion jsonInt         `json:"schema_version"`
	NoSubmission  jsonBool        `json:"no_submission"`
	Response      json.RawMessage `json:"response"`
}

func referenceAnswerValues(answer rawJSON) any {
	var items []json.RawMessage
	if json.Unmarshal(answer, &items) != nil {
		return nil
	}
	values := make([]json.RawMessage, len(items))
	for i, item := range items {
		var holder struct {
			Value json.RawMessage `json:"value"`
		}
		values[i] = json.RawMessage("null")
		if len(item) > 0 && item[0] == '{' && json.Unmarshal(item, &holder) == nil && holder.Value != nil {
			values[i] = holder.Value
		}
	}
	out, _ := json.Marshal(values)
	return string(cleanJSON(out))
}

// columnsOf lists every column value of a decoded row, as the table sends them.
func columnsOf(r *batchResponse) []any {
	return []any{r.ID.sqlValue(), r.CreatedAt.sqlValue(), r.ParticipantID.sqlValue(), r.SubmissionID.sqlValue(),
		r.TaskID.sqlValue(), r.CorrelationID.sqlValue(), compactedText(r.Metadata.sqlValue()), r.SchemaVersion.sqlValue(),
		r.NoSubmission.sqlValue(), compactedText(r.Response.raw.sqlValue()), r.Response.InstructionID.sqlValue(),
		r.Response.Type.sqlValue(), compactedText(r.Response.Answer.sqlValue()), compactedText(r.answerValues.sqlValue())}
}

func compactedText(v any) any {
	raw, ok := v.(string)
	if !ok {
		return v
	}
	var b bytes.Buffer
	if err := json.Compact(&b, []byte(raw)); err != nil {
		return "invalid JSON: " + string(raw)
	}
	return b.String()
}

// TestSinglePassReaderAgreesWithEncodingJSON decodes every fixture response both ways and compares every column.
func TestSinglePassReaderAgreesWithEncodingJSON(t *testing.T) {
	bodies := [][]byte{fakeapi.SyntheticBatch("agree", 3000)}
	for _, id := range []string{fakeapi.BatchAllShapes, fakeapi.BatchSentiment, fakeapi.BatchSummaries} {
		bodies = append(bodies, fakeapi.BatchBody(id))
	}
	compared := 0
	for _, body := range bodies {
		var envelope struct {
			Results []json.RawMessage `json:"results"`
		}
		if err := json.Unmarshal(body, &envelope); err != nil {
			t.Fatal(err)
		}
		for _, item := range envelope.Results {
			var fast batchResponse
			if err := json.Unmarshal(item, &fast); err != nil {
				t.Fatal(err)
			}
			fast.finish("b")
			var ref referenceResponse
			if err := json.Unmarshal(item, &ref); err != nil {
				t.Fatal(err)
			}
			var slow batchResponse
			slow.ID, slow.CreatedAt, slow.ParticipantID, slow.SubmissionID = ref.ID, ref.CreatedAt, ref.ParticipantID, ref.SubmissionID
			slow.TaskID, slow.CorrelationID, slow.Metadata = ref.TaskID, ref.CorrelationID, ref.Metadata
			slow.SchemaVersion, slow.NoSubmission = ref.SchemaVersion, ref.NoSubmission
			slow.Response.read(ref.Response)
			var fields struct {
				InstructionID jsonText `json:"instruction_id"`
				Type          jsonText `json:"type"`
				Answer        rawJSON  `json:"answer"`
			}
			_ = json.Unmarshal(ref.Response, &fields)
			slow.Response.InstructionID, slow.Response.Type, slow.Response.Answer = fields.InstructionID, fields.Type, fields.Answer
			got, want := columnsOf(&fast), columnsOf(&slow)
			want[len(want)-1] = compactedText(referenceAnswerValues(fields.Answer))
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("response %s:\n fast %v\n slow %v", item, got, want)
			}
			compared++
		}
	}
	if compared < 3000 {
		t.Fatalf("compared only %d responses", compared)
	}
}

// FuzzBatchResponseReader feeds arbitrary JSON to the single-pass reader: it must never panic, and every JSON column
// it produces must be valid JSON.
func FuzzBatchResponseReader(f *testing.F) {
	f.Add([]byte(`{"id":"a","response":{"type":"x","answer":[{"value":1},{"v":2},"s",[],{}]},"metadata":{"k":[1,{"x":"}"}]}}`))
	f.Add([]byte(`{"id":"\"quoted\\\"","response":{"answer":{"value":"not a list"}},"created_at":"2026-01-01T00:00:00Z"}`))
	f.Add([]byte(`{ "id" : 12 , "response" : null , "metadata" : "text", "schema_version": "7" }`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if !json.Valid(data) {
			return
		}
		var r batchResponse
		if err := json.Unmarshal(data, &r); err != nil {
			return
		}
		r.finish("b")
		for _, v := range columnsOf(&r) {
			if s, ok := v.(string); ok && len(s) > 13 && s[:13] == "invalid JSON:" {
				t.Fatalf("input %s gave %s", data, s)
			}
		}
	})
}
