package prolific

import (
	"context"
	"net/url"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

//// TABLE DEFINITION

func tableProlificFilter(_ context.Context) *plugin.Table {
	return &plugin.Table{
		Name: "prolific_filter",
		Description: "The participant filters (screeners) that studies and filter sets can use, with their question and " +
			"choices or range, once per workspace: the choices of the previous-studies and participant-group filters " +
			"are that workspace's studies and groups. Lists every workspace the token can see unless workspace_id is given.",
		List: &plugin.ListConfig{
			ParentHydrate: listWorkspaceParents,
			Hydrate:       listProlificFilters,
			KeyColumns:    plugin.OptionalColumns([]string{"workspace_id"}),
		},
		Columns: filterColumns(),
	}
}

func filterColumns() []*plugin.Column {
	type r = filter
	return []*plugin.Column{
		column("filter_id", proto.ColumnType_STRING, "The ID of the filter, a slug of its title when it was created, such as age or handedness. Studies and filter sets name filters by it.",
			func(r *r) any { return r.FilterID.sqlValue() }),
		column("workspace_id", proto.ColumnType_STRING, "The workspace the filter was listed for: its studies and participant groups fill the choices of the filters that select them. Optional in the where clause: without it, the filters are listed once for every workspace the token can see.",
			func(r *r) any { return r.workspaceID }),
		column("category", proto.ColumnType_STRING, "The category the Prolific app shows the filter under.",
			func(r *r) any { return r.Category.sqlValue() }),
		column("choices", proto.ColumnType_JSON, "The possible answers of a select filter, as an object from choice ID to its text. The IDs are what selected_values holds in a study's or filter set's filters.",
			func(r *r) any { return r.Choices.sqlValue() }),
		column("data_type", proto.ColumnType_STRING, "For a select filter, what the choice IDs are: ChoiceID, ParticipantID, StudyID or ParticipantGroupID. For a range filter, the type of its bounds: integer, float or date.",
			func(r *r) any { return r.DataType.sqlValue() }),
		column("description", proto.ColumnType_STRING, "What the filter selects on.",
			func(r *r) any { return r.Description.sqlValue() }),
		column("display_order", proto.ColumnType_INT, "The filter's position within its subcategory in the Prolific app.",
			func(r *r) any { return r.DisplayOrder.sqlValue() }),
		column("max", proto.ColumnType_JSON, "The largest value of a range filter, as sent: a number, or a date as text.",
			func(r *r) any { return r.Max.sqlValue() }),
		column("max_min", proto.ColumnType_JSON, "The smallest value a range filter's upper bound may take, when it has one.",
			func(r *r) any { return r.MaxMin.sqlValue() }),
		column("min", proto.ColumnType_JSON, "The smallest value of a range filter, as sent: a number, or a date as text.",
			func(r *r) any { return r.Min.sqlValue() }),
		column("min_max", proto.ColumnType_JSON, "The largest value a range filter's lower bound may take, when it has one.",
			func(r *r) any { return r.MinMax.sqlValue() }),
		column("participant_help_text", proto.ColumnType_STRING, "The help text participants see for the question in the About You section.",
			func(r *r) any { return r.ParticipantHelpText.sqlValue() }),
		column("question", proto.ColumnType_STRING, "The question participants answered to give the filter's data.",
			func(r *r) any { return r.Question.sqlValue() }),
		column("researcher_help_text", proto.ColumnType_STRING, "The help text researchers see when they choose the filter.",
			func(r *r) any { return r.ResearcherHelpText.sqlValue() }),
		column("subcategory", proto.ColumnType_STRING, "The subcategory the Prolific app shows the filter under.",
			func(r *r) any { return r.Subcategory.sqlValue() }),
		column("tags", proto.ColumnType_JSON, "Labels such as recommended, new or custom-group, as an array of text.",
			func(r *r) any { return r.Tags.sqlValue() }),
		titleColumn("The filter's title, as the Prolific app shows it.",
			func(r *r) any { return firstNonBlank(r.Title, r.FilterID) }),
		column("type", proto.ColumnType_STRING, "The kind of filter: select (participants chose among choices) or range (a number or date between min and max).",
			func(r *r) any { return r.Type.sqlValue() }),
	}
}

//// LIST FUNCTION

// listProlificFilters makes one request per workspace: the filter list is not paged (docs/api-evidence.md (F1)), and
// workspace_id changes it, filling the choices of the filters that select the workspace's studies and participant
// groups. Every row names the workspace it was listed for, so the rows of `workspace_id = '...'` are a subset of
// those of the whole table, as Steampipe's query cache and aggregators assume.
func listProlificFilters(ctx context.Context, d *plugin.QueryData, h *plugin.HydrateData) (any, error) {
	workspaceID := workspaceIDOf(h)
	if workspaceID == "" {
		return nil, nil
	}
	query := url.Values{"workspace_id": {workspaceID}}
	err := streamList(ctx, d, "/api/v1/filters/", query, func(f *filter) { f.workspaceID = workspaceID })
	if err != nil && skipParent(ctx, d, err, "workspace "+workspaceID) {
		return nil, nil
	}
	if err != nil {
		loggerFrom(ctx).Error("prolific_filter.listProlificFilters", "api_error", err, "workspace_id", workspaceID)
	}
	return nil, err
}

//// ROW TYPE

// filter is one item of the filter list: a select or a range filter, with the detailed fields when the API sends
// them. The spec has no id field: filter_id is the key.
type filter struct {
	FilterID            jsonText `json:"filter_id"`
	Title               jsonText `json:"title"`
	Description         jsonText `json:"description"`
	Type                jsonText `json:"type"`
	Question            jsonText `json:"question"`
	DataType            jsonText `json:"data_type"`
	Choices             rawJSON  `json:"choices"`
	Min                 rawJSON  `json:"min"`
	Max                 rawJSON  `json:"max"`
	MinMax              rawJSON  `json:"min_max"`
	MaxMin              rawJSON  `json:"max_min"`
	ResearcherHelpText  jsonText `json:"researcher_help_text"`
	ParticipantHelpText jsonText `json:"participant_help_text"`
	Category            jsonText `json:"category"`
	Subcategory         jsonText `json:"subcategory"`
	DisplayOrder        jsonInt  `json:"display_order"`
	Tags                rawJSON  `json:"tags"`

	workspaceID string // the workspace the filter was listed for
}
