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
			"workspace the token can see unless workspace_id is given.",
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
	return []*plugin.Column{
		column("id", proto.ColumnType_STRING, "The unique ID of the collection.",
			func(r *r) any { return r.ID.sqlValue() }),
		column("workspace_id", proto.ColumnType_STRING, "The ID of the workspace the collection belongs to. Optional in the where clause: without it, the collections of every workspace the token can see are listed.",
			func(r *r) any { return r.WorkspaceID.sqlValue() }),
		column("collection_items", proto.ColumnType_JSON, "The collection's pages, each with id, created_at, created_by, schema_version and page_items (its instructions and content blocks).",
			func(r *r) any { return r.CollectionItems.sqlValue() }),
		column("created_at", proto.ColumnType_TIMESTAMP, "The time the collection was created.",
			func(r *r) any { return r.CreatedAt.sqlValue() }),
		column("created_by", proto.ColumnType_STRING, "The ID of the user who created the collection.",
			func(r *r) any { return r.CreatedBy.sqlValue() }),
		column("last_modified_at", proto.ColumnType_TIMESTAMP, "The time the collection was last changed.",
			func(r *r) any { return r.LastModifiedAt.sqlValue() }),
		column("last_modified_by", proto.ColumnType_STRING, "The ID of the user who last changed the collection.",
			func(r *r) any { return r.LastModifiedBy.sqlValue() }),
		column("name", proto.ColumnType_STRING, "The name of the collection.",
			func(r *r) any { return r.Name.sqlValue() }),
		column("schema_version", proto.ColumnType_STRING, "The version of the collection schema. Prolific sends it as text, such as \"1\".",
			func(r *r) any { return r.SchemaVersion.sqlValue() }),
		column("task_details", proto.ColumnType_JSON, "What participants are shown about the task: task_name, and task_introduction and task_steps as HTML.",
			func(r *r) any { return r.TaskDetails.sqlValue() }),
	}
}

//// LIST FUNCTION

func listProlificCollections(ctx context.Context, d *plugin.QueryData, h *plugin.HydrateData) (any, error) {
	workspaceID := workspaceIDOf(h)
	if workspaceID == "" {
		return nil, nil
	}
	query := url.Values{"workspace_id": {workspaceID}}
	err := streamList(ctx, d, "/api/v1/data-collection/collections", query, func(c *collection) { c.finish(workspaceID) })
	if err != nil {
		loggerFrom(ctx).Error("prolific_collection.listProlificCollections", "api_error", err, "workspace_id", workspaceID)
	}
	return nil, err
}

//// HYDRATE FUNCTIONS

func getProlificCollection(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
	return hydrateItem(getByID[collection](ctx, d, "prolific_collection.getProlificCollection", "/api/v1/data-collection/collections/%s", d.EqualsQualString("id")))
}

//// ROW TYPE

// collection is a Task Builder collection, from the list or the get endpoint.
type collection struct {
	ID              jsonText `json:"id"`
	SchemaVersion   jsonText `json:"schema_version"`
	CreatedAt       jsonTime `json:"created_at"`
	CreatedBy       jsonText `json:"created_by"`
	WorkspaceID     jsonText `json:"workspace_id"`
	Name            jsonText `json:"name"`
	TaskDetails     rawJSON  `json:"task_details"`
	CollectionItems rawJSON  `json:"collection_items"`
	LastModifiedAt  jsonTime `json:"last_modified_at"`
	LastModifiedBy  jsonText `json:"last_modified_by"`
}

// finish fills in the workspace a listed collection was listed under when the API leaves it out.
func (c *collection) finish(workspaceID string) {
	if !c.WorkspaceID.set {
		c.WorkspaceID = jsonText{value: workspaceID, set: true}
	}
}
