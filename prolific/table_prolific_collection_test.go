package prolific_test

import (
	"reflect"
	"testing"

	"github.com/pipeworks/steampipe-plugin-prolific/test/fakeapi"
	"github.com/pipeworks/steampipe-plugin-prolific/test/harness"
)

const collectionsTable = "prolific_collection"

var collectionKinds = map[string]string{
	"collection_items": "json", "created_at": "timestamp", "last_modified_at": "timestamp", "task_details": "json",
}

func TestCollectionSchema(t *testing.T) {
	_, p := startFake(t)
	checkSchema(t, p, collectionsTable, []string{"id", "workspace_id"}, map[string]string{
		"id": "STRING", "workspace_id": "STRING", "collection_items": "JSON", "created_at": "TIMESTAMP",
		"created_by": "STRING", "last_modified_at": "TIMESTAMP", "last_modified_by": "STRING", "name": "STRING",
		"schema_version": "STRING", "task_details": "JSON",
	})
	schema := p.Schema(t)[collectionsTable]
	if list := ownKeys(schema.GetListCallKeyColumnList()); len(list) != 1 || list[0].Name != "workspace_id" || list[0].Require != "optional" {
		t.Errorf("list key columns = %v, want workspace_id optional", list)
	}
	if get := ownKeys(schema.GetGetCallKeyColumnList()); len(get) != 1 || get[0].Name != "id" || get[0].Require != "required" {
		t.Errorf("get key columns = %v, want id required", get)
	}
}

func TestCollectionListsEveryWorkspace(t *testing.T) {
	api, p := startFake(t)
	rows := p.MustExecute(t, harness.Query{Table: collectionsTable})
	byID := harness.ByColumn(t, rows, "id")
	if len(byID) != 2 {
		t.Fatalf("%d collections, want 2", len(byID))
	}
	checkRow(t, "feedback", byID[fakeapi.CollectionFeedback], map[string]any{
		"id": fakeapi.CollectionFeedback, "workspace_id": fakeapi.WorkspaceNLP, "name": "Chatbot feedback",
		"schema_version": "1", "created_at": harness.Timestamp(t, "2026-09-05T13:00:00Z"), "created_by": fakeapi.ResearcherID,
		"last_modified_at": harness.Timestamp(t, "2026-09-06T09:15:00Z"), "last_modified_by": fakeapi.ResearcherID,
		"task_details": j(t, `{"task_name":"Write feedback","task_introduction":"<p>Chat with the bot.</p>","task_steps":"<ol><li>Chat</li><li>Write feedback</li></ol>"}`),
		"collection_items": j(t, `[{"id":"c0100000-0000-4000-8000-000000000001","created_at":"2026-09-05T13:00:00Z",`+
			`"created_by":"`+fakeapi.ResearcherID+`","schema_version":"1","page_items":[`+
			`{"id":"c0100000-0000-4000-8000-000000000011","type":"free_text","description":"What went wrong?"}]}]`),
	})
	checkRow(t, "sketches", byID[fakeapi.CollectionSketches], map[string]any{
		"workspace_id": fakeapi.WorkspaceVision, "name": "Sketches", "collection_items": j(t, `[]`),
		"last_modified_at": nil, "last_modified_by": nil,
	})
	if n := api.RequestsTo(fakeapi.CollectionsPath); n != 2 {
		t.Errorf("%d collection list requests, want 2 (one per workspace)", n)
	}
	checkKinds(t, rows, collectionKinds)
}

func TestCollectionWorkspaceID(t *testing.T) {
	api, p := startFake(t)
	rows := p.MustExecute(t, harness.Query{Table: collectionsTable, Quals: harness.Equals("workspace_id", fakeapi.WorkspaceNLP)})
	if got := harness.Strings(rows, "id"); !reflect.DeepEqual(got, []string{fakeapi.CollectionFeedback}) {
		t.Fatalf("collections %v", got)
	}
	if n := api.RequestsTo("/api/v1/workspaces"); n != 0 {
		t.Errorf("%d workspace list requests, want 0 when workspace_id is given", n)
	}
	rows = p.MustExecute(t, harness.Query{Table: collectionsTable,
		Quals: harness.In("workspace_id", fakeapi.WorkspaceNLP, fakeapi.WorkspaceVision)})
	if len(rows) != 2 {
		t.Fatalf("%d collections for an IN list of both workspaces, want 2", len(rows))
	}
}

func TestCollectionGet(t *testing.T) {
	api, p := startFake(t)
	rows := p.MustExecute(t, harness.Query{Table: collectionsTable, Quals: harness.Equals("id", fakeapi.CollectionSketches)})
	if len(rows) != 1 {
		t.Fatalf("%d rows, want 1", len(rows))
	}
	checkRow(t, "sketches", rows[0], map[string]any{"id": fakeapi.CollectionSketches, "schema_version": "1",
		"created_at":   harness.Timestamp(t, "2026-10-03T08:00:00Z"),
		"task_details": j(t, `{"task_name":"Draw","task_introduction":"","task_steps":""}`)})
	if n := api.RequestsTo(fakeapi.CollectionsPath + "/" + fakeapi.CollectionSketches); n != 1 {
		t.Errorf("%d get requests, want 1", n)
	}
}

func TestCollectionGetNotFoundIsEmpty(t *testing.T) {
	_, p := startFake(t)
	rows, err := p.Execute(t, harness.Query{Table: collectionsTable, Quals: harness.Equals("id", "6a1b2c3d-0000-4000-8000-0000000000ff")})
	if err != nil || len(rows) != 0 {
		t.Fatalf("%d rows, err %v; want 0 rows and no error", len(rows), err)
	}
}
