package fakeapi

import "net/http"

// Export job fixtures beyond the batch lists in batches.go (docs/api-evidence.md ("Batch export jobs", "Collection
// export jobs")):
//
//   - GET /data-collection/collections/{id}/export lists a collection's export jobs, newest first, as a bare array
//     (the CLI's ListCollectionExportJobs returns a plain slice). The feedback collection has a complete export and
//     a generating one; the voice collection one that failed; the others none.
//   - GET .../batches/{id}/export/{export_id} and .../collections/{id}/export/{export_id} answer the spec's oneOf
//     status: {status: "generating", export_id}, {status: "complete", url, expires_at} or {status: "failed"}, and
//     404 for an export job the parent does not have. The URL is presigned: whoever holds it can download the ZIP.
const (
	CollectionExportComplete   = "e6c00000-0000-4000-8000-000000000002"
	CollectionExportGenerating = "e6c00000-0000-4000-8000-000000000003"
	CollectionExportFailed     = "e6d00000-0000-4000-8000-000000000001"
)

// ExportURLSignature is the signature every presigned URL of the fake carries, so tests can look for it in logs.
const ExportURLSignature = "X-Amz-Signature=9f2c4e6a8b0d1f3e5a7c9b1d3f5e7a9c"

// ExportDownloadURL is the presigned URL of a complete export job.
func ExportDownloadURL(exportID string) string {
	return "https://prolific-exports.s3.eu-west-2.amazonaws.com/exports/" + exportID + ".zip?X-Amz-Algorithm=AWS4-HMAC-SHA256" +
		"&X-Amz-Expires=3600&" + ExportURLSignature
}

// ExportURLExpiresAt is when every presigned URL of the fake expires.
const ExportURLExpiresAt = "2026-09-22T10:00:00Z"

// CollectionExportsPath is the path of a collection's export jobs.
func CollectionExportsPath(collectionID string) string {
	return CollectionsPath + "/" + collectionID + "/export"
}

var collectionExportJobs = map[string][]map[string]any{
	CollectionFeedback: {
		{"export_id": CollectionExportGenerating, "filter": map[string]any{"from": "2026-09-21T00:00:00Z"},
			"status": "generating", "created_at": "2026-09-21T09:05:00Z"},
		{"export_id": CollectionExportComplete, "filter": nil, "status": "complete", "created_at": "2026-09-20T16:45:00Z"},
	},
	CollectionVoice: {
		{"export_id": CollectionExportFailed, "filter": map[string]any{"from": "2026-09-08T00:00:00Z", "to": "2026-09-09T00:00:00Z"},
			"status": "failed", "created_at": "2026-09-09T12:00:00Z"},
	},
}

// exportStatus is the status endpoint's answer for a listed job, or nil when the parent has no such job.
func exportStatus(jobs []map[string]any, exportID string) map[string]any {
	for _, job := range jobs {
		if job["export_id"] != exportID {
			continue
		}
		switch job["status"] {
		case "complete":
			return map[string]any{"status": "complete", "url": ExportDownloadURL(exportID), "expires_at": ExportURLExpiresAt}
		case "generating":
			return map[string]any{"status": "generating", "export_id": exportID}
		default:
			return map[string]any{"status": job["status"]}
		}
	}
	return nil
}

func init() { registrars = append(registrars, registerExports) }

func registerExports(s *Server) {
	s.handle(CollectionsPath+"/{collection_id}/export", func(w http.ResponseWriter, r *http.Request) {
		id := r.PathValue("collection_id")
		if !knownCollection(id) {
			writeError(w, http.StatusNotFound, EnvelopeShape, "Not Found", "Collection not found.")
			return
		}
		jobs := collectionExportJobs[id]
		if jobs == nil {
			jobs = []map[string]any{}
		}
		writeJSON(w, http.StatusOK, jobs)
	})
	s.handle(CollectionsPath+"/{collection_id}/export/{export_id}", func(w http.ResponseWriter, r *http.Request) {
		status := exportStatus(collectionExportJobs[r.PathValue("collection_id")], r.PathValue("export_id"))
		Object(w, status, status != nil)
	})
	s.handle("/api/v1/data-collection/batches/{batch_id}/export/{export_id}", func(w http.ResponseWriter, r *http.Request) {
		status := exportStatus(exportJobs[r.PathValue("batch_id")], r.PathValue("export_id"))
		Object(w, status, status != nil)
	})
}

func knownCollection(id string) bool {
	for _, c := range collections {
		if c["id"] == id {
			return true
		}
	}
	return false
}
