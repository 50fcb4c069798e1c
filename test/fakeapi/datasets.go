package fakeapi

import "net/http"

// Dataset fixtures (docs/api-evidence.md ("Datasets")). There is no list endpoint: the batches' datasets arrays point
// at these.
//   - DatasetReviews is a V3 (CSV) dataset with its status in the object.
//   - DatasetSummaries is a V4 dataset with a schema and imports; its status comes only from the status endpoint.
//   - DatasetAllShapes is V3 with loosely typed values (a count as a string, an unreadable time).
//   - DatasetMissing is named by a batch but answers 404, as a deleted dataset would.
const (
	DatasetReviews   = "c1d2e3f4-1111-4a5b-8c6d-7e8f9a0b1c2d"
	DatasetSummaries = "d2e3f4a5-2222-4b6c-9d7e-8f9a0b1c2d3e"
	DatasetAllShapes = "e3f4a5b6-3333-4c7d-8e8f-9a0b1c2d3e4f"
	DatasetMissing   = "f4a5b6c7-4444-4d8e-9f90-a1b2c3d4e5f6"
)

// DatasetPath is the path of one dataset.
func DatasetPath(datasetID string) string { return "/api/v1/data-collection/datasets/" + datasetID }

var datasets = []map[string]any{
	{
		"id": DatasetReviews, "name": "Product reviews", "created_at": "2026-09-01T08:50:00Z", "created_by": ResearcherID,
		"workspace_id": WorkspaceNLP, "total_datapoint_count": 8, "schema_version": "3", "status": "READY",
		"filename": "reviews.csv", "has_predetermined_grouping_id": false,
	},
	{
		"id": DatasetSummaries, "name": "Model summaries", "created_at": "2026-09-19T10:00:00Z", "created_by": ResearcherID,
		"workspace_id": WorkspaceNLP, "total_datapoint_count": 6, "schema_version": "4",
		"schema": map[string]any{"strict": true, "fields": map[string]any{
			"article": map[string]any{"type": "text", "label": "Article"},
			"summary": map[string]any{"type": "text", "label": "Summary"},
			"model":   map[string]any{"type": "metadata"},
		}},
		"imports": []map[string]any{{
			"dataset_id": DatasetSummaries, "import_id": "1a000000-0000-4000-8000-000000000001", "type": "file_upload",
			"filename": "summaries.jsonl", "created_at": "2026-09-19T10:01:00Z", "updated_at": "2026-09-19T10:02:30Z",
			"status": "complete", "accepted_count": 6, "rejected_count": 0,
		}},
	},
	{
		"id": DatasetAllShapes, "name": "Shapes", "created_at": "yesterday", "created_by": ResearcherID,
		"workspace_id": WorkspaceNLP, "total_datapoint_count": "12", "schema_version": "3", "status": "ERROR",
		"filename": "shapes.csv", "has_predetermined_grouping_id": "true",
	},
}

// datasetStatuses is what the status endpoint answers for datasets whose object has no status.
var datasetStatuses = map[string]string{DatasetSummaries: "READY"}

func init() { registrars = append(registrars, registerDatasets) }

func registerDatasets(s *Server) {
	s.handle("/api/v1/data-collection/datasets/{dataset_id}", func(w http.ResponseWriter, r *http.Request) {
		d := findDataset(r.PathValue("dataset_id"))
		Object(w, d, d != nil)
	})
	s.handle("/api/v1/data-collection/datasets/{dataset_id}/status", func(w http.ResponseWriter, r *http.Request) {
		id := r.PathValue("dataset_id")
		d := findDataset(id)
		switch {
		case d == nil:
			Object(w, nil, false)
		case d["status"] != nil:
			Object(w, map[string]any{"status": d["status"]}, true)
		default:
			Object(w, map[string]any{"status": datasetStatuses[id]}, true)
		}
	})
}

func findDataset(id string) map[string]any {
	for _, d := range datasets {
		if d["id"] == id {
			return d
		}
	}
	return nil
}
