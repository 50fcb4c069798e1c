package prolific

import (
	"context"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

//// TABLE DEFINITION

func tableProlificDataset(_ context.Context) *plugin.Table {
	return &plugin.Table{
		Name: "prolific_dataset",
		Description: "AI Task Builder datasets: the data a batch's tasks are built from, with the fields of V3 (CSV) and " +
			"V4 (schema) datasets. Prolific has no endpoint that lists datasets, so id is required.",
		// The List config exists so that PostgreSQL can supply id from a join: the FDW plans joins on List key
		// columns only. It makes the same single GET as the Get config.
		List: &plugin.ListConfig{
			Hydrate:    listProlificDataset,
			KeyColumns: plugin.SingleColumn("id"),
		},
		Get: &plugin.GetConfig{
			Hydrate:    getProlificDataset,
			KeyColumns: plugin.SingleColumn("id"),
		},
		Columns: datasetColumns(),
	}
}

func datasetColumns() []*plugin.Column {
	type r = dataset
	return []*plugin.Column{
		column("id", proto.ColumnType_STRING, "The unique ID of the dataset. Required in the where clause or a join, for example from the ids in prolific_batch.datasets.",
			func(r *r) any { return r.ID.sqlValue() }),
		column("created_at", proto.ColumnType_TIMESTAMP, "The time the dataset was created.",
			func(r *r) any { return r.CreatedAt.sqlValue() }),
		column("created_by", proto.ColumnType_STRING, "The ID of the user who created the dataset.",
			func(r *r) any { return r.CreatedBy.sqlValue() }),
		column("filename", proto.ColumnType_STRING, "The name of the uploaded file (V3 datasets).",
			func(r *r) any { return r.Filename.sqlValue() }),
		column("has_predetermined_grouping_id", proto.ColumnType_BOOL, "True when the file assigns datapoints to task groups itself (V3 datasets).",
			func(r *r) any { return r.HasPredeterminedGroupingID.sqlValue() }),
		column("imports", proto.ColumnType_JSON, "The dataset's import jobs, newest first, each with import_id, status, counts and times (V4 datasets).",
			func(r *r) any { return r.Imports.sqlValue() }),
		column("name", proto.ColumnType_STRING, "The name of the dataset.",
			func(r *r) any { return r.Name.sqlValue() }),
		column("schema", proto.ColumnType_JSON, "The dataset's schema: strict, and fields mapping each key to its type (text, image_url, audio_url, video_url, metadata or task_group_id) and label (V4 datasets).",
			func(r *r) any { return r.Schema.sqlValue() }),
		column("schema_version", proto.ColumnType_STRING, "The dataset format: \"3\" for legacy CSV datasets, \"4\" for datasets with a schema. Prolific sends it as text.",
			func(r *r) any { return r.SchemaVersion.sqlValue() }),
		column("status", proto.ColumnType_STRING, "The state of the dataset: UNINITIALISED, PROCESSING, READY or ERROR. Read from the dataset's status endpoint when the dataset object does not carry it.",
			func(r *r) any { return r.Status.sqlValue() }),
		titleColumn("The dataset's name.",
			func(r *r) any { return firstNonBlank(r.Name) }),
		column("total_datapoint_count", proto.ColumnType_INT, "The number of datapoints (rows) in the dataset.",
			func(r *r) any { return r.TotalDatapointCount.sqlValue() }),
		column("workspace_id", proto.ColumnType_STRING, "The ID of the workspace the dataset belongs to.",
			func(r *r) any { return r.WorkspaceID.sqlValue() }),
	}
}

//// LIST FUNCTION

func listProlificDataset(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
	ds, err := fetchDataset(ctx, d, d.EqualsQualString("id"))
	if err != nil {
		return nil, err
	}
	if ds != nil {
		d.StreamListItem(ctx, ds)
	}
	return nil, nil
}

//// HYDRATE FUNCTIONS

func getProlificDataset(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
	return hydrateItem(fetchDataset(ctx, d, d.EqualsQualString("id")))
}

// fetchDataset GETs the dataset and, when the object has no status (V4 datasets), its status endpoint. It returns
// nil when the dataset does not exist or the token cannot see it.
func fetchDataset(ctx context.Context, d *plugin.QueryData, id string) (*dataset, error) {
	ds, err := getByID[dataset](ctx, d, "prolific_dataset.fetchDataset", "/api/v1/data-collection/datasets/%s", id)
	if err != nil || ds == nil {
		return nil, err
	}
	if !ds.Status.set {
		status, err := getByID[struct {
			Status jsonText `json:"status"`
		}](ctx, d, "prolific_dataset.fetchDataset", "/api/v1/data-collection/datasets/%s/status", id)
		if err != nil {
			return nil, err
		}
		if status != nil {
			ds.Status = status.Status
		}
	}
	return ds, nil
}

//// ROW TYPE

// dataset is a Task Builder dataset. V3 datasets carry status, filename and has_predetermined_grouping_id; V4
// datasets carry schema and imports.
type dataset struct {
	ID                         jsonText `json:"id"`
	Name                       jsonText `json:"name"`
	CreatedAt                  jsonTime `json:"created_at"`
	CreatedBy                  jsonText `json:"created_by"`
	WorkspaceID                jsonText `json:"workspace_id"`
	TotalDatapointCount        jsonInt  `json:"total_datapoint_count"`
	SchemaVersion              jsonText `json:"schema_version"`
	Status                     jsonText `json:"status"`
	Filename                   jsonText `json:"filename"`
	HasPredeterminedGroupingID jsonBool `json:"has_predetermined_grouping_id"`
	Schema                     rawJSON  `json:"schema"`
	Imports                    rawJSON  `json:"imports"`
}
