package fakeapi

import (
	"encoding/json"
	"fmt"
	"time"
)

// The demo batches are small, realistic annotation projects that the docs' examples run against (make demo and the
// SQL stage). They are built from tables, not random numbers, so every figure in the docs can be checked by hand.

// Demo participants and their submission in each batch.
var demoParticipants = []string{
	"5f4dcc3b5aa765d61d8327de", "60b7e1f2a3c4d5e6f7a8b9c0", "61c8f2a3b4d5e6f7a8b9c0d1",
	"62d9a3b4c5e6f7a8b9c0d1e2", "63eab4c5d6f7a8b9c0d1e2f3",
}

// Instruction ids of the sentiment batch.
const (
	InstructionSentiment  = "9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a"
	InstructionConfidence = "1a2b3c4d-0000-4e5f-8a9b-abcdefabcdef"
	InstructionComment    = "2b3c4d5e-1111-4f60-9bac-bcdefabcdef0"
)

// Instruction ids of the summaries batch.
const (
	InstructionAccuracy = "3c4d5e6f-2222-4071-8cbd-cdefabcdef01"
	InstructionLengthOK = "4d5e6f70-3333-4182-9dce-defabcdef012"
)

// sentimentLabels[task] holds the labels given by the task's three annotators.
var sentimentLabels = [][3]string{
	{"positive", "positive", "positive"}, {"negative", "negative", "neutral"}, {"neutral", "neutral", "neutral"},
	{"positive", "neutral", "negative"}, {"negative", "negative", "negative"}, {"positive", "positive", "neutral"},
	{"neutral", "negative", "negative"}, {"positive", "positive", "positive"},
}

var demoReviews = []string{
	"Arrived quickly and works perfectly.", "The strap broke after two days.", "It is a phone case.",
	"Great screen, terrible battery, average camera.", "Refund took six weeks. Never again.",
	"Better than I expected for the price.", "Instructions were missing; figured it out eventually.",
	"Five stars, would buy again.",
}

type demoResponse struct {
	ID            string         `json:"id"`
	CreatedAt     string         `json:"created_at"`
	BatchID       string         `json:"batch_id"`
	ParticipantID string         `json:"participant_id"`
	SubmissionID  string         `json:"submission_id,omitempty"`
	TaskID        string         `json:"task_id"`
	CorrelationID string         `json:"correlation_id"`
	Metadata      map[string]any `json:"metadata"`
	SchemaVersion int            `json:"schema_version"`
	NoSubmission  bool           `json:"no_submission"`
	Response      demoAnswer     `json:"response"`
}

type demoAnswer struct {
	InstructionID string           `json:"instruction_id"`
	Type          string           `json:"type"`
	Answer        []map[string]any `json:"answer"`
}

// demoBuilder numbers ids and times so that each response is unique and ordered.
type demoBuilder struct {
	batchID   string
	prefix    int
	responses []demoResponse
	clock     time.Time
}

func (b *demoBuilder) add(task, participant int, metadata map[string]any, answer demoAnswer) {
	b.clock = b.clock.Add(47 * time.Second)
	b.addAt(b.clock, task, participant, metadata, answer)
}

// addAt records a response at a given time and returns it, for batches that set their own pace.
func (b *demoBuilder) addAt(at time.Time, task, participant int, metadata map[string]any, answer demoAnswer) *demoResponse {
	n := len(b.responses) + 1
	b.responses = append(b.responses, demoResponse{
		ID:            fmt.Sprintf("%08x-d000-4000-8000-%012x", b.prefix, n),
		CreatedAt:     at.Format("2006-01-02T15:04:05Z"),
		BatchID:       b.batchID,
		ParticipantID: demoParticipants[participant],
		SubmissionID:  fmt.Sprintf("%02x%022x", b.prefix, participant+1),
		TaskID:        fmt.Sprintf("%08x-7a5c-4000-8000-%012x", b.prefix, task+1),
		CorrelationID: fmt.Sprintf("%08x-c000-4000-8000-%06x%06x", b.prefix, task+1, participant+1),
		Metadata:      metadata,
		SchemaVersion: 2,
		Response:      answer,
	})
	return &b.responses[len(b.responses)-1]
}

func (b *demoBuilder) body() []byte {
	body, err := json.Marshal(map[string]any{"results": b.responses, "meta": map[string]int{"count": len(b.responses)}})
	if err != nil {
		panic(err)
	}
	return body
}

// sentimentBatch: 8 reviews, each labelled by 3 of the 5 participants with a sentiment and a confidence (1-5); some
// add a comment.
func sentimentBatch() []byte {
	b := &demoBuilder{batchID: BatchSentiment, prefix: 0x5e, clock: time.Date(2026, 9, 14, 9, 0, 0, 0, time.UTC)}
	for task, labels := range sentimentLabels {
		metadata := map[string]any{"META_source": []string{"model_a", "model_b"}[task%2], "META_row": task + 1, "META_review": demoReviews[task]}
		for slot, label := range labels {
			participant := (task + slot) % len(demoParticipants)
			b.add(task, participant, metadata, demoAnswer{InstructionSentiment, "multiple_choice", []map[string]any{{"value": label}}})
			b.add(task, participant, metadata, demoAnswer{InstructionConfidence, "multiple_choice", []map[string]any{{"value": 3 + (task+slot)%3}}})
			if (task+slot)%4 == 0 {
				b.add(task, participant, metadata, demoAnswer{InstructionComment, "free_text", []map[string]any{{"value": "Tone is clear from the first sentence."}}})
			}
		}
	}
	return b.body()
}

// summariesBatch: 6 model summaries, each rated by 2 participants for accuracy (with an explanation) and length.
func summariesBatch() []byte {
	b := &demoBuilder{batchID: BatchSummaries, prefix: 0x5a, clock: time.Date(2026, 9, 20, 14, 0, 0, 0, time.UTC)}
	verdicts := []string{"accurate", "accurate", "inaccurate", "accurate", "partially_accurate", "accurate"}
	for task, verdict := range verdicts {
		metadata := map[string]any{"META_model": []string{"model_a", "model_b"}[task%2], "META_row": task + 1}
		for slot := range 2 {
			participant := (task + 2*slot) % len(demoParticipants)
			b.add(task, participant, metadata, demoAnswer{InstructionAccuracy, "multiple_choice_with_free_text",
				[]map[string]any{{"value": verdict, "explanation": "Compared with the source article."}}})
			b.add(task, participant, metadata, demoAnswer{InstructionLengthOK, "multiple_choice",
				[]map[string]any{{"value": (task+slot)%3 != 0}}})
		}
	}
	return b.body()
}
