package fakeapi

import "net/http"

// Collection fixtures (docs/api-evidence.md ("Collections", B9, B10)). The list pages with limit and offset, as the
// official CLI and MCP server call it, and its items are summaries (id, name, created_at, created_by, item_count), as
// the CLI team's API contract shows; the get endpoint returns the spec's whole Collection, which has no item_count
// (CLI commit 8367d3b: "Single collection GET endpoint doesn't return item_count"). The NLP workspace has three
// collections, the Vision workspace one. CollectionSketches lacks the optional last_modified fields.
const (
	CollectionFeedback = "0c1d2e3f-5555-4e9f-a0b1-c2d3e4f5a6b7"
	CollectionSketches = "1d2e3f40-6666-4fa0-b1c2-d3e4f5a6b7c8"
	CollectionVoice    = "2e3f4051-7777-4fb1-82d3-e4f5a6b7c8d9"
	CollectionEdge     = "3f405162-8888-4fc2-93e4-f5a6b7c8d9e0"
)

// CollectionPageCap is both the fake's default and its largest page of collections. The real defaults are not
// documented; a small one makes the NLP workspace's three collections span two pages, so a client that asks for one
// page without limit and offset sees only two of them.
const CollectionPageCap = 2

// CollectionsPath is the path of the collections list.
const CollectionsPath = "/api/v1/data-collection/collections"

// collectionSummaryFields are the fields of a collection list item besides item_count.
var collectionSummaryFields = []string{"id", "name", "created_at", "created_by"}

var collections = []map[string]any{
	{
		"id": CollectionFeedback, "schema_version": "1", "created_at": "2026-09-05T13:00:00Z", "created_by": ResearcherID,
		"workspace_id": WorkspaceNLP, "name": "Chatbot feedback",
		"task_details": map[string]any{"task_name": "Write feedback", "task_introduction": "<p>Chat with the bot.</p>",
			"task_steps": "<ol><li>Chat</li><li>Write feedback</li></ol>"},
		"collection_items": []map[string]any{{
			"id": "c0100000-0000-4000-8000-000000000001", "created_at": "2026-09-05T13:00:00Z", "created_by": ResearcherID,
			"schema_version": "1", "page_items": []map[string]any{
				{"id": "c0100000-0000-4000-8000-000000000011", "type": "free_text", "description": "What went wrong?",
					"helper_text": "Say what the bot got wrong, in your own words."},
			},
		}},
		"last_modified_at": "2026-09-06T09:15:00Z", "last_modified_by": ResearcherID,
	},
	{
		"id": CollectionVoice, "schema_version": "1", "created_at": "2026-09-08T10:00:00Z", "created_by": ResearcherID,
		"workspace_id": WorkspaceNLP, "name": "Voice prompts",
		"task_details": map[string]any{"task_name": "Write prompts", "task_introduction": "<p>Write what you would say.</p>",
			"task_steps": "<p>Write one prompt per page.</p>"},
		"collection_items": []map[string]any{
			{"id": "c0200000-0000-4000-8000-000000000001", "created_at": "2026-09-08T10:00:00Z", "created_by": ResearcherID,
				"schema_version": "1", "page_items": []map[string]any{
					{"id": "c0200000-0000-4000-8000-000000000011", "type": "rich_text", "content": "**Morning**", "content_format": "markdown"},
					{"id": "c0200000-0000-4000-8000-000000000012", "type": "free_text", "description": "Ask for the weather."},
				}},
			{"id": "c0200000-0000-4000-8000-000000000002", "created_at": "2026-09-08T10:00:00Z", "created_by": ResearcherID,
				"schema_version": "1", "page_items": []map[string]any{
					{"id": "c0200000-0000-4000-8000-000000000021", "type": "free_text", "description": "Ask for a reminder."},
				}},
		},
		"last_modified_at": "2026-09-09T08:00:00Z", "last_modified_by": ResearcherID,
	},
	{
		"id": CollectionSketches, "schema_version": "1", "created_at": "2026-10-03T08:00:00Z", "created_by": ResearcherID,
		"workspace_id": WorkspaceVision, "name": "Sketches",
		"task_details":     map[string]any{"task_name": "Draw", "task_introduction": "", "task_steps": ""},
		"collection_items": []any{},
	},
	{
		"id": CollectionEdge, "schema_version": "1", "created_at": "2026-09-12T16:30:00Z", "created_by": ResearcherID,
		"workspace_id": WorkspaceNLP, "name": "Edge cases",
		"task_details": map[string]any{"task_name": "Break the bot", "task_introduction": "<p>Find answers the bot gets wrong.</p>",
			"task_steps": "<p>Write the question and the wrong answer.</p>"},
		"collection_items": []map[string]any{{
			"id": "c0300000-0000-4000-8000-000000000001", "created_at": "2026-09-12T16:30:00Z", "created_by": ResearcherID,
			"schema_version": "1", "page_items": []map[string]any{
				{"id": "c0300000-0000-4000-8000-000000000011", "type": "multiple_choice", "description": "Did the bot fail?",
					"answer_limit": 1, "options": []map[string]any{{"label": "Yes", "value": "yes"}, {"label": "No", "value": "no"}}},
			},
		}},
		"last_modified_at": "2026-09-12T17:00:00Z", "last_modified_by": ResearcherID,
	},
}

// collectionSummary is a collection's list item.
func collectionSummary(c map[string]any) map[string]any {
	item := map[string]any{}
	for _, k := range collectionSummaryFields {
		item[k] = c[k]
	}
	switch pages := c["collection_items"].(type) {
	case []map[string]any:
		item["item_count"] = len(pages)
	case []any:
		item["item_count"] = len(pages)
	}
	return item
}

func init() { registrars = append(registrars, registerCollections) }

func registerCollections(s *Server) {
	s.handle(CollectionsPath, func(w http.ResponseWriter, r *http.Request) {
		found, ok := itemsOfWorkspace(w, r, collections)
		if !ok {
			return
		}
		items := make([]map[string]any, len(found))
		for i, c := range found {
			items[i] = collectionSummary(c)
		}
		limitOffsetPage(s, w, r, items, CollectionPageCap, CollectionPageCap)
	})
	s.handle(CollectionsPath+"/{collection_id}", objectByID(collections, "collection_id"))
}
