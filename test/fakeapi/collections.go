package fakeapi

import "net/http"

// Collection fixtures (../shared/prolific-api.md §3.9): one per workspace. CollectionSketches lacks the optional
// last_modified fields.
const (
	CollectionFeedback = "0c1d2e3f-5555-4e9f-a0b1-c2d3e4f5a6b7"
	CollectionSketches = "1d2e3f40-6666-4fa0-b1c2-d3e4f5a6b7c8"
)

// CollectionsPath is the path of the collections list.
const CollectionsPath = "/api/v1/data-collection/collections"

var collections = []map[string]any{
	{
		"id": CollectionFeedback, "schema_version": "1", "created_at": "2026-09-05T13:00:00Z", "created_by": ResearcherID,
		"workspace_id": WorkspaceNLP, "name": "Chatbot feedback",
		"task_details": map[string]any{"task_name": "Write feedback", "task_introduction": "<p>Chat with the bot.</p>",
			"task_steps": "<ol><li>Chat</li><li>Write feedback</li></ol>"},
		"collection_items": []map[string]any{{
			"id": "c0100000-0000-4000-8000-000000000001", "created_at": "2026-09-05T13:00:00Z", "created_by": ResearcherID,
			"schema_version": "1", "page_items": []map[string]any{
				{"id": "c0100000-0000-4000-8000-000000000011", "type": "free_text", "description": "What went wrong?"},
			},
		}},
		"last_modified_at": "2026-09-06T09:15:00Z", "last_modified_by": ResearcherID,
	},
	{
		"id": CollectionSketches, "schema_version": "1", "created_at": "2026-10-03T08:00:00Z", "created_by": ResearcherID,
		"workspace_id": WorkspaceVision, "name": "Sketches",
		"task_details":     map[string]any{"task_name": "Draw", "task_introduction": "", "task_steps": ""},
		"collection_items": []any{},
	},
}

func init() { registrars = append(registrars, registerCollections) }

func registerCollections(s *Server) {
	s.handle(CollectionsPath, ListByWorkspace(collections))
	s.handle(CollectionsPath+"/{collection_id}", func(w http.ResponseWriter, r *http.Request) {
		for _, c := range collections {
			if c["id"] == r.PathValue("collection_id") {
				Object(w, c, true)
				return
			}
		}
		Object(w, nil, false)
	})
}
