package fakeapi

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// TestOutsideBatchSize checks the outside shape's size at the bench's batch size: about 535 bytes a response.
func TestOutsideBatchSize(t *testing.T) {
	const n = 100000
	perResponse := float64(len(OutsideBatch(OutsideBatchID(n), n))) / n
	if perResponse < 530 || perResponse > 540 {
		t.Errorf("%.1f bytes a response, want about 535", perResponse)
	}
}

// TestOutsideBatchShape checks that the outside shape holds only short free-text and multiple-choice answers, in
// equal shares, with every id present and every value a string (so that the official CLI reads it), and that it is
// deterministic.
func TestOutsideBatchShape(t *testing.T) {
	const n = 3000
	batchID := OutsideBatchID(n)
	body := OutsideBatch(batchID, n)
	if !bytes.Equal(body, OutsideBatch(batchID, n)) {
		t.Fatal("two renderings of the same batch differ")
	}
	if bytes.Equal(body, OutsideBatch(OutsideBatchID(n+1), n)) {
		t.Fatal("batches with different ids are the same")
	}
	var batch struct {
		Results []struct {
			ID            string            `json:"id"`
			ParticipantID string            `json:"participant_id"`
			SubmissionID  string            `json:"submission_id"`
			TaskID        string            `json:"task_id"`
			CorrelationID string            `json:"correlation_id"`
			Metadata      map[string]string `json:"metadata"`
			SchemaVersion int               `json:"schema_version"`
			Response      struct {
				InstructionID string              `json:"instruction_id"`
				Type          string              `json:"type"`
				Answer        []map[string]string `json:"answer"`
			} `json:"response"`
		} `json:"results"`
		Meta struct {
			Count int `json:"count"`
		} `json:"meta"`
	}
	if err := json.Unmarshal(body, &batch); err != nil {
		t.Fatal(err) // also when a metadata or answer value is not a string
	}
	if len(batch.Results) != n || batch.Meta.Count != n {
		t.Fatalf("%d responses, meta.count %d, want %d", len(batch.Results), batch.Meta.Count, n)
	}
	types := map[string]int{}
	for i, r := range batch.Results {
		types[r.Response.Type]++
		if len(r.Response.Answer) != 1 || len(r.Response.Answer[0]) != 1 {
			t.Fatalf("response %d: answer %v, want one item with one value", i, r.Response.Answer)
		}
		value := r.Response.Answer[0]["value"]
		if value == "" || len(value) > 80 || strings.ContainsAny(value, "\n\"\\") || strings.TrimSpace(value) != value {
			t.Fatalf("response %d: answer value %q is not a short single line", i, value)
		}
		for _, id := range []string{r.ID, r.ParticipantID, r.SubmissionID, r.TaskID, r.CorrelationID,
			r.Response.InstructionID} {
			if id == "" {
				t.Fatalf("response %d: an id is missing", i)
			}
		}
		if len(r.Metadata) != 1 || r.SchemaVersion != 2 {
			t.Fatalf("response %d: metadata %v, schema_version %d", i, r.Metadata, r.SchemaVersion)
		}
	}
	if len(types) != 2 || types["free_text"] != n/2 || types["multiple_choice"] != n/2 {
		t.Fatalf("response types %v, want free_text and multiple_choice, %d each", types, n/2)
	}
}
