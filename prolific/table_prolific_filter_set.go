package prolific

import (
	"context"
	"net/url"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

//// TABLE DEFINITION

func tableProlificFilterSet(_ context.Context) *plugin.Table {
	return &plugin.Table{
		Name: "prolific_filter_set",
		Description: "Filter sets: saved, versioned audiences (lists of participant filters) that studies can use. " +
			"Lists every workspace the token can see unless workspace_id is given. eligible_participant_count costs " +
			"one request per filter set.",
		List: &plugin.ListConfig{
			ParentHydrate: listWorkspaceParents,
			Hydrate:       listProlificFilterSets,
			KeyColumns:    plugin.OptionalColumns([]string{"workspace_id"}),
		},
		Get: &plugin.GetConfig{
			Hydrate:    getProlificFilterSet,
			KeyColumns: plugin.SingleColumn("id"),
		},
		Columns: filterSetColumns(),
	}
}

func filterSetColumns() []*plugin.Column {
	type r = filterSet
	return []*plugin.Column{
		column("id", proto.ColumnType_STRING, "The unique ID of the filter set. A study that uses it has it as filter_set_id.",
			func(r *r) any { return r.ID.sqlValue() }),
		column("workspace_id", proto.ColumnType_STRING, "The ID of the workspace the filter set belongs to. Optional in the where clause: without it, the filter sets of every workspace the token can see are listed.",
			func(r *r) any { return r.WorkspaceID.sqlValue() }),
		hydratedColumn("eligible_participant_count", proto.ColumnType_INT, "How many active participants the filter set's filters match now. Prolific obscures counts under 25 to protect participants: 0 means fewer than 25. Read from the filter set's get endpoint: one request per filter set.",
			getProlificFilterSetDetail, func(r *r) any { return r.EligibleParticipantCount.sqlValue() }),
		column("filters", proto.ColumnType_JSON, "The filters, in the shape of a study's filters: select filters (filter_id, selected_values, optional weightings), range filters (filter_id, selected_range with lower and upper) and and/or groups (filter_id and or or, selected_filters). filter_id joins prolific_filter.",
			func(r *r) any { return r.Filters.sqlValue() }),
		column("is_deleted", proto.ColumnType_BOOL, "True when the filter set was deleted.",
			func(r *r) any { return r.IsDeleted.sqlValue() }),
		column("is_locked", proto.ColumnType_BOOL, "True when the filter set is locked against changes.",
			func(r *r) any { return r.IsLocked.sqlValue() }),
		column("name", proto.ColumnType_STRING, "The name of the filter set.",
			func(r *r) any { return r.Name.sqlValue() }),
		column("organisation_id", proto.ColumnType_STRING, "The ID of the organisation the filter set is shared with, or NULL.",
			func(r *r) any { return r.OrganisationID.sqlValue() }),
		titleColumn("The filter set's name.",
			func(r *r) any { return firstNonBlank(r.Name) }),
		column("version", proto.ColumnType_INT, "The filter set's version, which goes up by one with each change. A study records the version it used as filter_set_version.",
			func(r *r) any { return r.Version.sqlValue() }),
	}
}

//// LIST FUNCTION

// filterSetPageSize is the limit asked of the filter set list: the default of Prolific's CLI and MCP server, which
// both page it with limit and offset (docs/api-evidence.md (F2)). The spec documents no paging.
const filterSetPageSize = 200

func listProlificFilterSets(ctx context.Context, d *plugin.QueryData, h *plugin.HydrateData) (any, error) {
	workspaceID := workspaceIDOf(h)
	if workspaceID == "" {
		return nil, nil
	}
	list := pagedList{path: "/api/v1/filter-sets/", query: url.Values{"workspace_id": {workspaceID}},
		style: limitOffsetPaging, pageSize: filterSetPageSize, parent: "workspace " + workspaceID}
	err := streamPages(ctx, d, list, func(f *filterSet) string { return f.ID.value },
		func(f *filterSet) { f.finish(workspaceID) })
	if err != nil {
		loggerFrom(ctx).Error("prolific_filter_set.listProlificFilterSets", "api_error", err, "workspace_id", workspaceID)
	}
	return nil, err
}

//// HYDRATE FUNCTIONS

func getProlificFilterSet(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
	return hydrateItem(fetchFilterSet(ctx, d, d.EqualsQualString("id")))
}

// getProlificFilterSetDetail is the column hydrate of eligible_participant_count, which only the get endpoint
// returns. A row that came from the get endpoint already has it.
func getProlificFilterSetDetail(ctx context.Context, d *plugin.QueryData, h *plugin.HydrateData) (any, error) {
	row, ok := h.Item.(*filterSet)
	if !ok {
		return nil, nil
	}
	if row.detailed {
		return row, nil
	}
	return hydrateItem(fetchFilterSet(ctx, d, row.ID.value))
}

func fetchFilterSet(ctx context.Context, d *plugin.QueryData, id string) (*filterSet, error) {
	f, err := getByID[filterSet](ctx, d, "prolific_filter_set.fetchFilterSet", "/api/v1/filter-sets/%s/", id)
	if f != nil {
		f.detailed = true
	}
	return f, err
}

//// ROW TYPE

// filterSet is a list item (the spec's FilterSet) or, with detailed set, the get endpoint's answer, which adds
// eligible_participant_count.
type filterSet struct {
	ID                       jsonText `json:"id"`
	Version                  jsonInt  `json:"version"`
	IsDeleted                jsonBool `json:"is_deleted"`
	IsLocked                 jsonBool `json:"is_locked"`
	WorkspaceID              jsonText `json:"workspace_id"`
	OrganisationID           jsonText `json:"organisation_id"`
	Name                     jsonText `json:"name"`
	Filters                  rawJSON  `json:"filters"`
	EligibleParticipantCount jsonInt  `json:"eligible_participant_count"`

	detailed bool // the row came from the get endpoint
}

// finish fills in the workspace a listed filter set was listed under when the API leaves it out (the spec allows
// null: a set shared through an organisation).
func (f *filterSet) finish(workspaceID string) {
	if !f.WorkspaceID.set {
		f.WorkspaceID = jsonText{value: workspaceID, set: true}
	}
}
