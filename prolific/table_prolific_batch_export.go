package prolific

import (
	"context"
	"encoding/json"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

//// TABLE DEFINITION

func tableProlificBatchExport(_ context.Context) *plugin.Table {
	return &plugin.Table{
		Name: "prolific_batch_export",
		Description: "The export jobs of an AI Task Builder batch (ZIP files of its responses), newest first, with their " +
			"status. batch_id is required. The table only reads jobs; it never starts one.",
		List: &plugin.ListConfig{
			Hydrate:    listProlificBatchExports,
			KeyColumns: plugin.SingleColumn("batch_id"),
		},
		Columns: batchExportColumns(),
	}
}

func batchExportColumns() []*plugin.Column {
	type r = batchExport
	return []*plugin.Column{
		column("batch_id", proto.ColumnType_STRING, "The ID of the batch the export belongs to. Required in the where clause or a join.",
			func(r *r) any { return r.batchID }),
		column("created_at", proto.ColumnType_TIMESTAMP, "The time the export job was requested.",
			func(r *r) any { return r.CreatedAt.sqlValue() }),
		column("export_id", proto.ColumnType_STRING, "The unique ID of the export job.",
			func(r *r) any { return r.ExportID.sqlValue() }),
		column("filter", proto.ColumnType_JSON, "The filter the export was requested with: study_id, from and to, each optional. NULL when the export covers the whole batch.",
			func(r *r) any { return r.Filter.sqlValue() }),
		column("filter_from", proto.ColumnType_TIMESTAMP, "The start of the time range the export covers (filter.from).",
			func(r *r) any { return r.filter.From.sqlValue() }),
		column("filter_study_id", proto.ColumnType_STRING, "The study the export is limited to (filter.study_id).",
			func(r *r) any { return r.filter.StudyID.sqlValue() }),
		column("filter_to", proto.ColumnType_TIMESTAMP, "The end of the time range the export covers (filter.to).",
			func(r *r) any { return r.filter.To.sqlValue() }),
		column("status", proto.ColumnType_STRING, "The state of the export job, such as generating, complete or failed.",
			func(r *r) any { return r.Status.sqlValue() }),
	}
}

//// LIST FUNCTION

func listProlificBatchExports(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
	batchID := d.EqualsQualString("batch_id")
	path, err := apiPath("/api/v1/data-collection/batches/%s/export", batchID)
	if err != nil {
		return nil, err
	}
	err = streamList(ctx, d, path, nil, func(e *batchExport) { e.finish(batchID) })
	if err != nil {
		loggerFrom(ctx).Error("prolific_batch_export.listProlificBatchExports", "api_error", err, "batch_id", batchID)
	}
	return nil, err
}

//// ROW TYPE

// batchExport is one item of a batch's export jobs list. The list may be a bare array or {"results": [...]};
// streamList reads both.
type batchExport struct {
	ExportID  jsonText `json:"export_id"`
	Filter    rawJSON  `json:"filter"`
	Status    jsonText `json:"status"`
	CreatedAt jsonTime `json:"created_at"`

	batchID string
	filter  exportFilter // decoded from Filter by finish
}

type exportFilter struct {
	StudyID jsonText `json:"study_id"`
	From    jsonTime `json:"from"`
	To      jsonTime `json:"to"`
}

func (e *batchExport) finish(batchID string) {
	e.batchID = batchID
	if len(e.Filter) > 0 && e.Filter[0] == '{' {
		_ = json.Unmarshal(e.Filter, &e.filter) // liberal fields: nothing here can fail the row
	}
}
