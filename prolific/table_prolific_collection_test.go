package prolific_test

import (
	"reflect"
	"testing"

	"github.com/pipeworks/steampipe-plugin-prolific/test/fakeapi"
	"github.com/pipeworks/steampipe-plugin-prolific/test/harness"
)

const collectionsTable = "prolific_collection"

var collectionKinds = map[string]string{
	"collection_items": "json", "created_at": "timestamp", "item_count": "int", "last_modified_at": "timestamp",
	"task_details": "json",
}

// collectionListColumns are prolific_collection's columns that the list endpoint fills (no per-collection request).
var collectionListColumns = []string{"id", "workspace_id", "name", "created_at", "created_by", "item_count"}

// collectionGetPath is the path of one collection's get endpoint.
func collectionGetPath(id string) string { return fakeapi.CollectionsPath + "/" + id }

func TestCollectionSchema(t *testing.T) {
	_, p := startFake(t)
	checkSchema(t, p, collectionsTable, []string{"id", "workspace_id"}, map[string]string{
		"id": "STRING", "workspace_id": "STRING", "collection_items": "JSON", "created_at": "TIMESTAMP",
		"created_by": "STRING", "item_count": "INT", "last_modified_at": "TIMESTAMP", "last_modified_by": "STRING",
		"name": "STRING", "title": "STRING", "schema_version": "STRING", "task_details": "JSON",
	})
	schema := p.Schema(t)[collectionsTable]
	if list := ownKeys(schema.GetListCallKeyColumnList()); len(list) != 1 || list[0].Name != "workspace_id" || list[0].Require != "optional" {
		t.Errorf("list key columns = %v, want workspace_id optional", list)
	}
	if get := ownKeys(schema.GetGetCallKeyColumnList()); len(get) != 1 || get[0].Name != "id" || get[0].Require != "required" {
		t.Errorf("get key columns = %v, want id required", get)
	}
}

// TestCollectionListsEveryPage: the collection list is paged with limit and offset (docs/api-evidence.md (B9)),
// and the fake answers at most two collections a page, so the NLP workspace's three take two requests. Every
// column of a listed row is filled, the detail-only ones from the get endpoint (B10).
func TestCollectionListsEveryPage(t *testing.T) {
	api, p := startFake(t)
	rows := p.MustExecute(t, harness.Query{Table: collectionsTable})
	byID := harness.ByColumn(t, rows, "id")
	if len(rows) != 4 || len(byID) != 4 {
		t.Fatalf("%d rows with %d distinct ids, want 4 collections", len(rows), len(byID))
	}
	checkRow(t, "feedback", byID[fakeapi.CollectionFeedback], map[string]any{
		"id": fakeapi.CollectionFeedback, "workspace_id": fakeapi.WorkspaceNLP, "name": "Chatbot feedback",
		"item_count": int64(1), "schema_version": "1", "created_at": harness.Timestamp(t, "2026-09-05T13:00:00Z"),
		"created_by": fakeapi.ResearcherID, "last_modified_at": harness.Timestamp(t, "2026-09-06T09:15:00Z"),
		"last_modified_by": fakeapi.ResearcherID,
		"task_details":     j(t, `{"task_name":"Write feedback","task_introduction":"<p>Chat with the bot.</p>","task_steps":"<ol><li>Chat</li><li>Write feedback</li></ol>"}`),
		"collection_items": j(t, `[{"id":"c0100000-0000-4000-8000-000000000001","created_at":"2026-09-05T13:00:00Z",`+
			`"created_by":"`+fakeapi.ResearcherID+`","schema_version":"1","page_items":[`+
			`{"id":"c0100000-0000-4000-8000-000000000011","type":"free_text","description":"What went wrong?",`+
			`"helper_text":"Say what the bot got wrong, in your own words."}]}]`),
	})
	checkRow(t, "voice", byID[fakeapi.CollectionVoice], map[string]any{"workspace_id": fakeapi.WorkspaceNLP,
		"name": "Voice prompts", "item_count": int64(2), "last_modified_at": harness.Timestamp(t, "2026-09-09T08:00:00Z")})
	checkRow(t, "edge cases", byID[fakeapi.CollectionEdge], map[string]any{"workspace_id": fakeapi.WorkspaceNLP,
		"name": "Edge cases", "item_count": int64(1), "schema_version": "1"})
	checkRow(t, "sketches", byID[fakeapi.CollectionSketches], map[string]any{
		"workspace_id": fakeapi.WorkspaceVision, "name": "Sketches", "item_count": int64(0), "collection_items": j(t, `[]`),
		"last_modified_at": nil, "last_modified_by": nil,
	})
	want := []string{"limit=200&offset=0&workspace_id=" + fakeapi.WorkspaceNLP, "limit=200&offset=2&workspace_id=" + fakeapi.WorkspaceNLP}
	var nlp []string
	for _, q := range requestsWith(api, fakeapi.CollectionsPath) {
		if q != "limit=200&offset=0&workspace_id="+fakeapi.WorkspaceVision {
			nlp = append(nlp, q)
		}
	}
	if !reflect.DeepEqual(nlp, want) {
		t.Errorf("NLP collection list requests = %v, want %v", nlp, want)
	}
	if n := len(requestsWith(api, fakeapi.CollectionsPath)); n != 3 {
		t.Errorf("%d collection list requests, want 3 (two pages for NLP, one for Vision)", n)
	}
	checkKinds(t, rows, collectionKinds)
}

// TestCollectionDetailColumnsCostOneRequestEach: the list's summary columns need no get request; a detail-only
// column costs one get request per collection.
func TestCollectionDetailColumnsCostOneRequestEach(t *testing.T) {
	api, p := startFake(t)
	rows := p.MustExecute(t, harness.Query{Table: collectionsTable, Columns: collectionListColumns})
	if len(rows) != 4 {
		t.Fatalf("%d rows, want 4", len(rows))
	}
	checkRow(t, "voice", harness.ByColumn(t, rows, "id")[fakeapi.CollectionVoice], map[string]any{
		"workspace_id": fakeapi.WorkspaceNLP, "name": "Voice prompts", "item_count": int64(2),
		"created_at": harness.Timestamp(t, "2026-09-08T10:00:00Z"), "created_by": fakeapi.ResearcherID,
	})
	for _, id := range []string{fakeapi.CollectionFeedback, fakeapi.CollectionVoice, fakeapi.CollectionEdge, fakeapi.CollectionSketches} {
		if n := api.RequestsTo(collectionGetPath(id)); n != 0 {
			t.Errorf("%d get requests for %s when only list columns are selected, want 0", n, id)
		}
	}
	for _, column := range []string{"collection_items", "schema_version", "task_details", "last_modified_at", "last_modified_by"} {
		api.ResetLog()
		rows := p.MustExecute(t, harness.Query{Table: collectionsTable, Columns: []string{"id", column},
			Quals: harness.Equals("workspace_id", fakeapi.WorkspaceNLP)})
		if len(rows) != 3 {
			t.Fatalf("%s: %d rows, want 3", column, len(rows))
		}
		for _, id := range []string{fakeapi.CollectionFeedback, fakeapi.CollectionVoice, fakeapi.CollectionEdge} {
			if n := api.RequestsTo(collectionGetPath(id)); n != 1 {
				t.Errorf("%s: %d get requests for %s, want 1", column, n, id)
			}
		}
	}
}

func TestCollectionWorkspaceID(t *testing.T) {
	api, p := startFake(t)
	rows := p.MustExecute(t, harness.Query{Table: collectionsTable, Quals: harness.Equals("workspace_id", fakeapi.WorkspaceVision)})
	if got := harness.Strings(rows, "id"); !reflect.DeepEqual(got, []string{fakeapi.CollectionSketches}) {
		t.Fatalf("collections %v", got)
	}
	if n := api.RequestsTo("/api/v1/workspaces"); n != 0 {
		t.Errorf("%d workspace list requests, want 0 when workspace_id is given", n)
	}
	rows = p.MustExecute(t, harness.Query{Table: collectionsTable,
		Quals: harness.In("workspace_id", fakeapi.WorkspaceNLP, fakeapi.WorkspaceVision)})
	if len(rows) != 4 {
		t.Fatalf("%d collections for an IN list of both workspaces, want 4", len(rows))
	}
}

// TestCollectionLimit: a LIMIT lowers the page's limit, so a query for one row asks for one.
func TestCollectionLimit(t *testing.T) {
	api, p := startFake(t)
	rows := p.MustExecute(t, harness.Query{Table: collectionsTable, Columns: collectionListColumns,
		Quals: harness.Equals("workspace_id", fakeapi.WorkspaceNLP), Limit: 1})
	if len(rows) != 1 {
		t.Fatalf("%d rows, want 1", len(rows))
	}
	if got := requestsWith(api, fakeapi.CollectionsPath); !reflect.DeepEqual(got, []string{"limit=1&offset=0&workspace_id=" + fakeapi.WorkspaceNLP}) {
		t.Errorf("requests = %v, want one asking for one collection", got)
	}
}

// TestCollectionGet reads one collection by id with one request. The get endpoint has no item_count, so it is the
// number of pages in collection_items.
func TestCollectionGet(t *testing.T) {
	api, p := startFake(t)
	rows := p.MustExecute(t, harness.Query{Table: collectionsTable, Quals: harness.Equals("id", fakeapi.CollectionVoice)})
	if len(rows) != 1 {
		t.Fatalf("%d rows, want 1", len(rows))
	}
	checkRow(t, "voice", rows[0], map[string]any{"id": fakeapi.CollectionVoice, "workspace_id": fakeapi.WorkspaceNLP,
		"schema_version": "1", "item_count": int64(2), "created_at": harness.Timestamp(t, "2026-09-08T10:00:00Z"),
		"last_modified_by": fakeapi.ResearcherID,
		"task_details":     j(t, `{"task_name":"Write prompts","task_introduction":"<p>Write what you would say.</p>","task_steps":"<p>Write one prompt per page.</p>"}`)})
	if n := api.RequestsTo(collectionGetPath(fakeapi.CollectionVoice)); n != 1 {
		t.Errorf("%d get requests, want 1", n)
	}
	sketches := p.MustExecute(t, harness.Query{Table: collectionsTable, Quals: harness.Equals("id", fakeapi.CollectionSketches)})
	if len(sketches) != 1 {
		t.Fatalf("%d rows, want 1", len(sketches))
	}
	checkRow(t, "sketches", sketches[0], map[string]any{"item_count": int64(0), "last_modified_at": nil})
}

func TestCollectionGetNotFoundIsEmpty(t *testing.T) {
	_, p := startFake(t)
	rows, err := p.Execute(t, harness.Query{Table: collectionsTable, Quals: harness.Equals("id", "6a1b2c3d-0000-4000-8000-0000000000ff")})
	if err != nil || len(rows) != 0 {
		t.Fatalf("%d rows, err %v; want 0 rows and no error", len(rows), err)
	}
}
