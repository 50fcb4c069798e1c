package prolific

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

// exportParent is the kind of AI Task Builder object whose export jobs a table lists: a batch or a collection. The
// two APIs are twins (docs/api-evidence.md (B7, X1, X2)): the same job list under .../{id}/export and the same status
// endpoint under .../{id}/export/{export_id}, so prolific_batch_export and prolific_collection_export share
// everything here but these names.
type exportParent struct {
	table  string // the table's name, for log lines
	column string // the key column holding the parent's id, such as batch_id
	noun   string // the parent as the docs name it, such as "batch"
	path   string // the apiPath format of the job list, with the parent's id as its one segment
}

// exportTable is the table of one parent kind's export jobs. description says what the parent is.
func exportTable(parent *exportParent, description string) *plugin.Table {
	return &plugin.Table{
		Name: parent.table,
		Description: description + " " + parent.column + " is required. The table only reads jobs; it never starts " +
			"one. url, the presigned download link of a complete export, costs one request per complete job.",
		List: &plugin.ListConfig{
			Hydrate:    parent.list,
			KeyColumns: plugin.SingleColumn(parent.column),
		},
		Columns: parent.columns(),
	}
}

func (p *exportParent) columns() []*plugin.Column {
	type r = exportJob
	type dl = exportDownload
	return []*plugin.Column{
		column(p.column, proto.ColumnType_STRING, "The ID of the "+p.noun+" the export belongs to. Required in the where clause or a join.",
			func(r *r) any { return r.parentID }),
		column("created_at", proto.ColumnType_TIMESTAMP, "The time the export job was requested.",
			func(r *r) any { return r.CreatedAt.sqlValue() }),
		hydratedColumn("expires_at", proto.ColumnType_TIMESTAMP, "When url stops working. NULL unless the export is complete. Read from the export's status endpoint: one request per complete export.",
			getExportDownload, func(r *dl) any { return r.ExpiresAt.sqlValue() }),
		column("export_id", proto.ColumnType_STRING, "The unique ID of the export job.",
			func(r *r) any { return r.ExportID.sqlValue() }),
		column("filter", proto.ColumnType_JSON, "The filter the export was requested with: study_id, from and to, each optional. NULL when the export covers the whole "+p.noun+".",
			func(r *r) any { return r.Filter.sqlValue() }),
		column("filter_from", proto.ColumnType_TIMESTAMP, "The start of the time range the export covers (filter.from).",
			func(r *r) any { return r.filter.From.sqlValue() }),
		column("filter_study_id", proto.ColumnType_STRING, "The study the export is limited to (filter.study_id).",
			func(r *r) any { return r.filter.StudyID.sqlValue() }),
		column("filter_to", proto.ColumnType_TIMESTAMP, "The end of the time range the export covers (filter.to).",
			func(r *r) any { return r.filter.To.sqlValue() }),
		column("status", proto.ColumnType_STRING, "The state of the export job, such as generating, complete or failed.",
			func(r *r) any { return r.Status.sqlValue() }),
		hydratedColumn("url", proto.ColumnType_STRING, "The presigned HTTPS URL of the export's ZIP file. Anyone who has it can download the "+p.noun+"'s data until expires_at, without a token: treat it as a secret. NULL unless the export is complete. Read from the export's status endpoint: one request per complete export.",
			getExportDownload, func(r *dl) any { return r.URL.sqlValue() }),
	}
}

// list is the List hydrate: one GET of the parent's export jobs. A parent that does not exist has none.
func (p *exportParent) list(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
	parentID := d.EqualsQualString(p.column)
	path, err := apiPath(p.path, parentID)
	if err != nil {
		return nil, err
	}
	err = streamList(ctx, d, path, nil, func(e *exportJob) { e.finish(p, parentID) })
	if err != nil {
		loggerFrom(ctx).Error(p.table+".list", "api_error", err, p.column, parentID)
	}
	return nil, err
}

// getExportDownload is the column hydrate of url and expires_at: the export's status endpoint, read only for a job
// the list says is complete, since only that variant of the answer has a URL. Nothing here logs the answer: the URL
// is a credential to the export's data.
func getExportDownload(ctx context.Context, d *plugin.QueryData, h *plugin.HydrateData) (any, error) {
	job, ok := h.Item.(*exportJob)
	if !ok || !strings.EqualFold(job.Status.value, "complete") {
		return nil, nil
	}
	path, err := apiPath(job.parent.path+"/%s", job.parentID, job.ExportID.value)
	if err != nil {
		return nil, err
	}
	download, err := getObject[exportDownload](ctx, d, path, nil)
	if err != nil {
		loggerFrom(ctx).Error(job.parent.table+".getExportDownload", "api_error", err,
			job.parent.column, job.parentID, "export_id", job.ExportID.value)
	}
	return hydrateItem(download, err)
}

// exportJob is one item of an export job list. The list may be a bare array or {"results": [...]}; streamList reads
// both.
type exportJob struct {
	ExportID  jsonText `json:"export_id"`
	Filter    rawJSON  `json:"filter"`
	Status    jsonText `json:"status"`
	CreatedAt jsonTime `json:"created_at"`

	parent   *exportParent
	parentID string
	filter   exportFilter // decoded from Filter by finish
}

type exportFilter struct {
	StudyID jsonText `json:"study_id"`
	From    jsonTime `json:"from"`
	To      jsonTime `json:"to"`
}

func (e *exportJob) finish(parent *exportParent, parentID string) {
	e.parent, e.parentID = parent, parentID
	if len(e.Filter) > 0 && e.Filter[0] == '{' {
		_ = json.Unmarshal(e.Filter, &e.filter) // liberal fields: nothing here can fail the row
	}
}

// exportDownload is the status endpoint's answer, a oneOf discriminated by status: generating (export_id), complete
// (url, expires_at) or failed (nothing else). Every field is optional here, so any variant decodes. The complete
// variant has no export_id: the row keeps the one it asked for.
type exportDownload struct {
	Status    jsonText `json:"status"`
	ExportID  jsonText `json:"export_id"`
	URL       jsonText `json:"url"`
	ExpiresAt jsonTime `json:"expires_at"`
}
