package prolific

import (
	"context"
	"net/url"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

//// TABLE DEFINITION

func tableProlificBatch(_ context.Context) *plugin.Table {
	return &plugin.Table{
		Name: "prolific_batch",
		Description: "AI Task Builder batches: the sets of tasks participants work through, with their status, task counts, " +
			"datasets and layout. Lists every workspace the token can see unless workspace_id is given.",
		List: &plugin.ListConfig{
			ParentHydrate: listWorkspaceParents,
			Hydrate:       listProlificBatches,
			KeyColumns:    plugin.OptionalColumns([]string{"workspace_id"}),
		},
		Get: &plugin.GetConfig{
			Hydrate:    getProlificBatch,
			KeyColumns: plugin.SingleColumn("id"),
		},
		Columns: batchColumns(),
	}
}

func batchColumns() []*plugin.Column {
	type r = batch
	return []*plugin.Column{
		column("id", proto.ColumnType_STRING, "The unique ID of the batch.",
			func(r *r) any { return r.ID.sqlValue() }),
		column("workspace_id", proto.ColumnType_STRING, "The ID of the workspace the batch belongs to. Optional in the where clause: without it, the batches of every workspace the token can see are listed.",
			func(r *r) any { return r.WorkspaceID.sqlValue() }),
		column("auto_sync_enabled", proto.ColumnType_BOOL, "True when datapoints appended to the batch's dataset become tasks automatically.",
			func(r *r) any { return r.AutoSyncEnabled.sqlValue() }),
		column("batch_items", proto.ColumnType_JSON, "The batch's layout: pages of rows of columns holding items (dataset fields, images, rich text and instructions). NULL for legacy batches, whose instructions come from the deprecated instructions endpoint.",
			func(r *r) any { return r.BatchItems.sqlValue() }),
		column("created_at", proto.ColumnType_TIMESTAMP, "The time the batch was created.",
			func(r *r) any { return r.CreatedAt.sqlValue() }),
		column("created_by", proto.ColumnType_STRING, "The ID of the user who created the batch.",
			func(r *r) any { return r.CreatedBy.sqlValue() }),
		column("datasets", proto.ColumnType_JSON, "The datasets the batch's tasks were built from, as an array of objects with id, total_datapoint_count and filename. Join on each id to prolific_dataset.",
			func(r *r) any { return r.Datasets.sqlValue() }),
		column("name", proto.ColumnType_STRING, "The name of the batch.",
			func(r *r) any { return r.Name.sqlValue() }),
		column("schema_version", proto.ColumnType_INT, "The version of the batch schema.",
			func(r *r) any { return r.SchemaVersion.sqlValue() }),
		column("status", proto.ColumnType_STRING, "The state of the batch: UNINITIALISED (created, no tasks yet), PROCESSING, READY or ERROR.",
			func(r *r) any { return r.Status.sqlValue() }),
		column("task_details", proto.ColumnType_JSON, "What participants are shown about the task: task_name, and task_introduction and task_steps as HTML.",
			func(r *r) any { return r.TaskDetails.sqlValue() }),
		column("tasks_per_group", proto.ColumnType_INT, "The number of tasks in each task group.",
			func(r *r) any { return r.TasksPerGroup.sqlValue() }),
		titleColumn("The batch's name.",
			func(r *r) any { return firstNonBlank(r.Name) }),
		column("total_instruction_count", proto.ColumnType_INT, "The number of instructions in the batch.",
			func(r *r) any { return r.TotalInstructionCount.sqlValue() }),
		column("total_task_count", proto.ColumnType_INT, "The number of tasks in the batch.",
			func(r *r) any { return r.TotalTaskCount.sqlValue() }),
		column("total_task_groups", proto.ColumnType_INT, "The number of task groups in the batch.",
			func(r *r) any { return r.TotalTaskGroups.sqlValue() }),
	}
}

//// LIST FUNCTION

func listProlificBatches(ctx context.Context, d *plugin.QueryData, h *plugin.HydrateData) (any, error) {
	workspaceID := workspaceIDOf(h)
	if workspaceID == "" {
		return nil, nil
	}
	query := url.Values{"workspace_id": {workspaceID}}
	err := streamList(ctx, d, "/api/v1/data-collection/batches", query, func(b *batch) { b.finish(workspaceID) })
	if err != nil && skipParent(ctx, d, err, "workspace "+workspaceID) {
		return nil, nil
	}
	if err != nil {
		loggerFrom(ctx).Error("prolific_batch.listProlificBatches", "api_error", err, "workspace_id", workspaceID)
	}
	return nil, err
}

//// HYDRATE FUNCTIONS

func getProlificBatch(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
	return hydrateItem(fetchBatch(ctx, d, d.EqualsQualString("id")))
}

// fetchBatch GETs one batch; nil when it does not exist or the token cannot see it.
func fetchBatch(ctx context.Context, d *plugin.QueryData, id string) (*batch, error) {
	return getByID[batch](ctx, d, "prolific_batch.fetchBatch", "/api/v1/data-collection/batches/%s", id)
}

//// ROW TYPE

// batch is a Task Builder batch, from the list or the get endpoint.
type batch struct {
	ID                    jsonText `json:"id"`
	CreatedAt             jsonTime `json:"created_at"`
	CreatedBy             jsonText `json:"created_by"`
	Name                  jsonText `json:"name"`
	Status                jsonText `json:"status"`
	WorkspaceID           jsonText `json:"workspace_id"`
	Datasets              rawJSON  `json:"datasets"`
	TotalTaskCount        jsonInt  `json:"total_task_count"`
	TotalInstructionCount jsonInt  `json:"total_instruction_count"`
	TotalTaskGroups       jsonInt  `json:"total_task_groups"`
	TasksPerGroup         jsonInt  `json:"tasks_per_group"`
	SchemaVersion         jsonInt  `json:"schema_version"`
	TaskDetails           rawJSON  `json:"task_details"`
	BatchItems            rawJSON  `json:"batch_items"`
	AutoSyncEnabled       jsonBool `json:"auto_sync_enabled"`
}

// finish fills in the workspace a listed batch was listed under when the API leaves it out.
func (b *batch) finish(workspaceID string) {
	if !b.WorkspaceID.set {
		b.WorkspaceID = jsonText{value: workspaceID, set: true}
	}
}
