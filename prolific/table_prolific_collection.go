package prolific

import (
	"context"
	"net/url"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

//// TABLE DEFINITION

func tableProlificCollection(_ context.Context) *plugin.Table {
	return &plugin.Table{
		Name: "prolific_collection",
		Description: "AI Task Builder collections: task flows in which participants create the data. Lists every " +
			"workspace the token can see unless workspace_id is given. The columns the list endpoint does not " +
			"return, such as collection_items, cost one request per collection.",
		List: &plugin.ListConfig{
			ParentHydrate: listWorkspaceParents,
			Hydrate:       listProlificCollections,
			KeyColumns:    plugin.OptionalColumns([]string{"workspace_id"}),
		},
		Get: &plugin.GetConfig{
			Hydrate:    getProlificCollection,
			KeyColumns: plugin.SingleColumn("id"),
		},
		Columns: collectionColumns(),
	}
}

func collectionColumns() []*plugin.Column {
	type r = collection
	detail := func(name string, columnType proto.ColumnType, description string, get func(*r) any) *plugin.Column {
		return hydratedColumn(name, columnType, description+" Read from the collection's get endpoint: one request per collection.",
			getProlificCollectionDetail, get)
	}
	return []*plugin.Column{
		column("id", proto.ColumnType_STRING, "The unique ID of the collection.",
			func(r *r) any { return r.ID.sqlValue() }),
		column("workspace_id", proto.ColumnType_STRING, "The ID of the workspace the collection belongs to. Optional in the where clause: without it, the collections of every workspace the token can see are listed.",
			func(r *r) any { return r.WorkspaceID.sqlValue() }),
		detail("collection_items", proto.ColumnType_JSON, "The collection's pages, each with id, created_at, created_by, schema_version and page_items (its instructions and content blocks).",
			func(r *r) any { return r.CollectionItems.sqlValue() }),
		column("created_at", proto.ColumnType_TIMESTAMP, "The time the collection was created.",
			func(r *r) any { return r.CreatedAt.sqlValue() }),
		column("created_by", proto.ColumnType_STRING, "The ID of the user who created the collection.",
			func(r *r) any { return r.CreatedBy.sqlValue() }),
		column("item_count", proto.ColumnType_INT, "The number of pages in the collection. The list endpoint returns it; for a collection read by id, which the get endpoint returns without it, it is the number of pages in collection_items.",
			func(r *r) any { return r.itemCount() }),
		detail("last_modified_at", proto.ColumnType_TIMESTAMP, "The time the collection was last changed.",
			func(r *r) any { return r.LastModifiedAt.sqlValue() }),
		detail("last_modified_by", proto.ColumnType_STRING, "The ID of the user who last changed the collection.",
			func(r *r) any { return r.LastModifiedBy.sqlValue() }),
		column("name", proto.ColumnType_STRING, "The name of the collection.",
			func(r *r) any { return r.Name.sqlValue() }),
		detail("schema_version", proto.ColumnType_STRING, "The version of the collection schema. Prolific sends it as text, such as \"1\".",
			func(r *r) any { return r.SchemaVersion.sqlValue() }),
		detail("task_details", proto.ColumnType_JSON, "What participants are shown about the task: task_name, and task_introduction and task_steps as HTML.",
			func(r *r) any { return r.TaskDetails.sqlValue() }),
		titleColumn("The collection's name.",
			func(r *r) any { return firstNonBlank(r.Name) }),
	}
}

//// LIST FUNCTION

// collectionPageSize is the limit asked of the collection list: the default of Prolific's CLI and MCP server, whose
// largest accepted value is 500 (docs/api-evidence.md (B9)). The API's own default page size is not documented.
const collectionPageSize = 200

func listProlificCollections(ctx context.Context, d *plugin.QueryData, h *plugin.HydrateData) (any, error) {
	workspaceID := workspaceIDOf(h)
	if workspaceID == "" {
		return nil, nil
	}
	list := pagedList{path: "/api/v1/data-collection/collections", query: url.Values{"workspace_id": {workspaceID}},
		style: limitOffsetPaging, pageSize: collectionPageSize, parent: "workspace " + workspaceID}
	err := streamPages(ctx, d, list, func(c *collection) string { return c.ID.value },
		func(c *collection) { c.finish(workspaceID) })
	if err != nil {
		loggerFrom(ctx).Error("prolific_collection.listProlificCollections", "api_error", err, "workspace_id", workspaceID)
	}
	return nil, err
}

//// HYDRATE FUNCTIONS

func getProlificCollection(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
	return hydrateItem(fetchCollection(ctx, d, d.EqualsQualString("id")))
}

// getProlificCollectionDetail is the column hydrate of the fields the list's summaries leave out. A row that came
// from the get endpoint already has them.
func getProlificCollectionDetail(ctx context.Context, d *plugin.QueryData, h *plugin.HydrateData) (any, error) {
	row, ok := h.Item.(*collection)
	if !ok {
		return nil, nil
	}
	if row.detailed {
		return row, nil
	}
	return hydrateItem(fetchCollection(ctx, d, row.ID.value))
}

func fetchCollection(ctx context.Context, d *plugin.QueryData, id string) (*collection, error) {
	c, err := getByID[collection](ctx, d, "prolific_collection.fetchCollection", "/api/v1/data-collection/collections/%s", id)
	if c != nil {
		c.detailed = true // the get endpoint returns every field but item_count
	}
	return c, err
}

//// ROW TYPE

// collection is a list item (a summary: id, name, created_at, created_by, item_count) or, with detailed set, the get
// endpoint's whole collection, which has no item_count.
type collection struct {
	ID              jsonText `json:"id"`
	SchemaVersion   jsonText `json:"schema_version"`
	CreatedAt       jsonTime `json:"created_at"`
	CreatedBy       jsonText `json:"created_by"`
	WorkspaceID     jsonText `json:"workspace_id"`
	Name            jsonText `json:"name"`
	ItemCount       jsonInt  `json:"item_count"`
	TaskDetails     rawJSON  `json:"task_details"`
	CollectionItems rawJSON  `json:"collection_items"`
	LastModifiedAt  jsonTime `json:"last_modified_at"`
	LastModifiedBy  jsonText `json:"last_modified_by"`

	detailed bool // the row came from the get endpoint
}

// finish fills in the workspace a listed collection was listed under when the API leaves it out.
func (c *collection) finish(workspaceID string) {
	if !c.WorkspaceID.set {
		c.WorkspaceID = jsonText{value: workspaceID, set: true}
	}
}

// itemCount is item_count as the list sends it, or else the number of pages in collection_items (the CLI shows
// item_count as the number of pages).
func (c *collection) itemCount() any {
	if c.ItemCount.set {
		return c.ItemCount.value
	}
	if pages := jsonArray(c.CollectionItems); pages != nil {
		return int64(len(pages))
	}
	return nil
}
