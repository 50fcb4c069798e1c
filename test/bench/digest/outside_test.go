package digest_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/pipeworks/steampipe-plugin-prolific/test/bench/digest"
	"github.com/pipeworks/steampipe-plugin-prolific/test/fakeapi"
	"github.com/pipeworks/steampipe-plugin-prolific/test/harness"
)

// outsideResponse is one response of fakeapi.OutsideBatch, as the official CLI and jq read it.
type outsideResponse struct {
	ID            string            `json:"id"`
	CreatedAt     time.Time         `json:"created_at"`
	ParticipantID string            `json:"participant_id"`
	SubmissionID  string            `json:"submission_id"`
	TaskID        string            `json:"task_id"`
	CorrelationID string            `json:"correlation_id"`
	SchemaVersion int               `json:"schema_version"`
	Metadata      json.RawMessage   `json:"metadata"`
	Response      outsideAnswerData `json:"response"`
}

type outsideAnswerData struct {
	InstructionID string              `json:"instruction_id"`
	Type          string              `json:"type"`
	Answer        []map[string]string `json:"answer"`
}

// TestOutsideBatchDigestsAlikeInEveryForm checks that the outside shape of batch gives one digest in each form make
// bench reads: the official CLI's text, CSV with the plugin's columns as curl+jq writes it, and the plugin's rows.
// Its free texts hold ": ", which the CLI's text reader must not split on.
func TestOutsideBatchDigestsAlikeInEveryForm(t *testing.T) {
	const n = 600
	batchID := fakeapi.OutsideBatchID(n)
	body := fakeapi.OutsideBatch(batchID, n)
	var batch struct {
		Results []outsideResponse `json:"results"`
	}
	if err := json.Unmarshal(body, &batch); err != nil {
		t.Fatal(err)
	}

	cli, err := digest.FromCLIText(strings.NewReader(cliText(t, batchID, batch.Results)))
	if err != nil {
		t.Fatal(err)
	}
	csvForm, err := digest.FromCSV(strings.NewReader(jqCSV(t, batch.Results)))
	if err != nil {
		t.Fatal(err)
	}
	api := fakeapi.New()
	api.AddBatchBody(batchID, body)
	server := httptest.NewServer(api)
	defer server.Close()
	plugin := digest.New()
	query := harness.Query{Table: "prolific_batch_response", Quals: harness.Equals("batch_id", batchID)}
	for _, row := range harness.Start(t, harness.Config(server.URL)).MustExecute(t, query) {
		if err := plugin.FromRow(row); err != nil {
			t.Fatal(err)
		}
	}

	for name, d := range map[string]*digest.Digest{"csv": csvForm, "plugin": plugin} {
		if d.Rows != n || d.Sum() != cli.Sum() {
			t.Errorf("%s: %d rows, digest %s; the CLI's text: %d rows, %s", name, d.Rows, d.Sum(), cli.Rows, cli.Sum())
		}
	}
	if cli.Rows != n {
		t.Errorf("the CLI's text gave %d rows, want %d", cli.Rows, n)
	}
}

// cliText prints responses as `prolific aitaskbuilder batch responses` v1.2.1 does for the two response types of
// the outside shape (cmd/aitaskbuilder/get_task_responses.go, renderAITaskBuilderResponses).
func cliText(t *testing.T, batchID string, responses []outsideResponse) string {
	var w strings.Builder
	fmt.Fprintf(&w, "AI Task Builder Batch Responses:\nBatch ID: %s\nTotal Responses: %d\n\n", batchID, len(responses))
	for i, r := range responses {
		fmt.Fprintf(&w, "Response %d:\n  ID: %s\n  Batch ID: %s\n  Participant ID: %s\n  Task ID: %s\n", i+1, r.ID,
			batchID, r.ParticipantID, r.TaskID)
		fmt.Fprintf(&w, "  Correlation ID: %s\n  Submission ID: %s\n  Schema Version: %d\n  Created At: %s\n",
			r.CorrelationID, r.SubmissionID, r.SchemaVersion, r.CreatedAt.Format("2006-01-02 15:04:05"))
		var metadata map[string]string
		if err := json.Unmarshal(r.Metadata, &metadata); err != nil {
			t.Fatal(err)
		}
		if len(metadata) > 0 {
			w.WriteString("  Metadata:\n")
			keys := make([]string, 0, len(metadata))
			for key := range metadata {
				keys = append(keys, key)
			}
			sort.Strings(keys)
			for _, key := range keys {
				fmt.Fprintf(&w, "    %s: %s\n", key, metadata[key])
			}
		}
		fmt.Fprintf(&w, "  Response:\n    Instruction ID: %s\n    Type: %s\n", r.Response.InstructionID, r.Response.Type)
		switch r.Response.Type {
		case "free_text":
			fmt.Fprintf(&w, "    Text: %s\n", r.Response.Answer[0]["value"])
		case "multiple_choice":
			w.WriteString("    Selected Options:\n")
			for _, option := range r.Response.Answer {
				fmt.Fprintf(&w, "      - %s\n", option["value"])
			}
		default:
			t.Fatalf("response %d: type %q is not of the outside shape", i, r.Response.Type)
		}
		if i < len(responses)-1 {
			w.WriteString("\n")
		}
	}
	return w.String()
}

// jqCSV writes responses as test/bench/peers/curl_jq_csv.sh does, with the columns the digest reads.
func jqCSV(t *testing.T, responses []outsideResponse) string {
	var out bytes.Buffer
	w := csv.NewWriter(&out)
	_ = w.Write([]string{"id", "participant_id", "submission_id", "task_id", "correlation_id", "created_at",
		"schema_version", "instruction_id", "response_type", "answer_values", "metadata"})
	for _, r := range responses {
		values := make([]string, 0, len(r.Response.Answer))
		for _, option := range r.Response.Answer {
			values = append(values, option["value"])
		}
		valuesJSON, err := json.Marshal(values)
		if err != nil {
			t.Fatal(err)
		}
		_ = w.Write([]string{r.ID, r.ParticipantID, r.SubmissionID, r.TaskID, r.CorrelationID,
			r.CreatedAt.Format("2006-01-02T15:04:05.000Z"), fmt.Sprint(r.SchemaVersion), r.Response.InstructionID,
			r.Response.Type, string(valuesJSON), string(r.Metadata)})
	}
	w.Flush()
	return out.String()
}
