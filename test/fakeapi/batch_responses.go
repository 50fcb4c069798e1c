package fakeapi

import (
	_ "embed"
	"net/http"
)

// Fixture batch ids. Tests and the SQL stage refer to them by these values.
const (
	// BatchAllShapes holds one response of every documented answer shape, plus the odd cases: an unknown response
	// type, missing optional fields, non-string metadata, NUL characters, an empty answer, loosely typed values.
	BatchAllShapes = "0b6f2d3e-9c41-4a8e-b2f7-5d1c8e3a9f60"
	// BatchNullResults answers {"results": null} with no meta.
	BatchNullResults = "1c7a3e4f-0000-4000-8000-00000000000a"
	// BatchCountMismatch says meta.count 5 but returns 2 responses.
	BatchCountMismatch = "2d8b4f50-0000-4000-8000-00000000000b"
	// BatchEmpty has no responses yet.
	BatchEmpty = "2e8b4f50-0000-4000-8000-00000000000e"
	// BatchNotFoundDetail answers 404 with the Django REST body {"detail": "Not found."}. Any unknown id answers 404
	// with the documented error envelope.
	BatchNotFoundDetail = "3e9c5061-0000-4000-8000-00000000000c"
	// BatchJSONEscapes holds JSON the way other encoders write it: \u escapes of non-ASCII characters and surrogate
	// pairs (Python's ensure_ascii), a lone surrogate, an escaped "\u0000" that is text, integers beyond float64's
	// precision, and raw UTF-8.
	BatchJSONEscapes = "6b1f2e3d-0000-4000-8000-00000000000f"
	// BatchLarge is a synthetic batch of LargeBatchSize responses.
	BatchLarge     = "4fad6172-0000-4000-8000-000000010000"
	LargeBatchSize = 10000
	// BatchSentiment and BatchSummaries are realistic demo batches (see demo.go).
	BatchSentiment = "7c2e9a41-3b5d-4f68-8a1e-2d9c4b7f0e13"
	BatchSummaries = "8d3fab52-4c6e-4079-9b2f-3eac5c8f1f24"
)

// Fault batch ids that misbehave on every request, for the stages that cannot inject faults from Go (the SQL stage).
const (
	BatchFaultTruncated = "fault-truncated"
	BatchFaultMalformed = "fault-malformed"
	BatchFaultStalled   = "fault-stalled"
	BatchFaultReset     = "fault-reset"
	BatchFaultForbidden = "fault-forbidden"
)

//go:embed fixtures/batch_all_shapes.json
var batchAllShapesBody []byte

//go:embed fixtures/batch_json_escapes.json
var batchJSONEscapesBody []byte

// batchData is what the responses endpoint of one batch answers.
type batchData struct {
	body []byte // a 200 body
}

// responsesPath is the documented path of a batch's responses.
func responsesPath(batchID string) string {
	return "/api/v1/data-collection/batches/" + batchID + "/responses"
}

// ResponsesPath is the escaped path the plugin requests for a batch's responses, for Inject and RequestsTo.
func ResponsesPath(batchID string) string { return responsesPath(batchID) }

func init() { registrars = append(registrars, registerBatchResponses) }

func registerBatchResponses(s *Server) {
	s.handle("/api/v1/data-collection/batches/{batch_id}/responses", s.handleBatchResponses)
	s.AddBatchBody(BatchAllShapes, batchAllShapesBody)
	s.AddBatchBody(BatchNullResults, []byte(`{"results": null}`))
	s.AddBatchBody(BatchEmpty, []byte(`{"results": [], "meta": {"count": 0}}`))
	s.AddBatchBody(BatchCountMismatch, []byte(`{"meta": {"count": 5}, "results": [`+
		`{"id": "5a000000-0000-4000-8000-000000000001", "created_at": "2026-09-15T08:00:00Z", "participant_id": "64fbc5d6e7a8b9c0d1e2f3a4", "task_id": "t1", "response": {"instruction_id": "i1", "type": "free_text", "answer": [{"value": "one"}]}},`+
		`{"id": "5a000000-0000-4000-8000-000000000002", "created_at": "2026-09-15T08:00:01Z", "participant_id": "64fbc5d6e7a8b9c0d1e2f3a4", "task_id": "t2", "response": {"instruction_id": "i1", "type": "free_text", "answer": [{"value": "two"}]}}`+
		`]}`))
	s.AddBatchBody(BatchJSONEscapes, batchJSONEscapesBody)
	s.AddBatchBody(BatchLarge, SyntheticBatch(BatchLarge, LargeBatchSize))
	s.AddBatchBody(BatchSentiment, sentimentBatch())
	s.AddBatchBody(BatchSummaries, summariesBatch())
	s.AddBatchBody(BatchFaultTruncated, batchAllShapesBody)
	s.AddBatchBody(BatchFaultMalformed, batchAllShapesBody)
	s.AddBatchBody(BatchFaultStalled, batchAllShapesBody)
	s.AddBatchBody(BatchFaultReset, batchAllShapesBody)
	s.Inject(responsesPath(BatchFaultTruncated), Fault{Kind: TruncatedBody, Repeat: true})
	s.Inject(responsesPath(BatchFaultMalformed), Fault{Kind: MalformedJSON, Repeat: true})
	s.Inject(responsesPath(BatchFaultStalled), Fault{Kind: StalledBody, Repeat: true})
	s.Inject(responsesPath(BatchFaultReset), Fault{Kind: ResetMidBody, Repeat: true})
	s.Inject(responsesPath(BatchFaultForbidden), Fault{Kind: StatusFault, Status: http.StatusForbidden, Repeat: true})
}

// BatchBody returns the body a fixture batch's responses endpoint answers, for tests that decode it directly.
func BatchBody(batchID string) []byte {
	s := New()
	s.mu.Lock()
	defer s.mu.Unlock()
	if batch := s.batches[batchID]; batch != nil {
		return batch.body
	}
	return nil
}

// AddBatchBody makes the responses endpoint of batchID answer 200 with body.
func (s *Server) AddBatchBody(batchID string, body []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.batches[batchID] = &batchData{body: body}
}

func (s *Server) handleBatchResponses(w http.ResponseWriter, r *http.Request) {
	batchID := r.PathValue("batch_id")
	s.mu.Lock()
	batch := s.batches[batchID]
	s.mu.Unlock()
	switch {
	case batchID == BatchNotFoundDetail:
		writeError(w, http.StatusNotFound, DetailShape, "Not Found", "Not found.")
	case batch == nil:
		writeError(w, http.StatusNotFound, EnvelopeShape, "Not Found", "Batch not found.")
	default:
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write(batch.body)
	}
}
