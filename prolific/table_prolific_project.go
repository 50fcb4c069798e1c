package prolific

import (
	"context"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

//// TABLE DEFINITION

func tableProlificProject(_ context.Context) *plugin.Table {
	return &plugin.Table{
		Name: "prolific_project",
		Description: "Prolific projects, the folders that group a workspace's studies. Without workspace_id, every " +
			"workspace the token can see is listed.",
		List: &plugin.ListConfig{
			ParentHydrate: listWorkspaceParents,
			Hydrate:       listProlificProjects,
			KeyColumns:    plugin.OptionalColumns([]string{"workspace_id"}),
		},
		Get: &plugin.GetConfig{
			Hydrate:    getProlificProject,
			KeyColumns: plugin.SingleColumn("id"),
		},
		Columns: projectColumns(),
	}
}

func projectColumns() []*plugin.Column {
	type p = project
	detail := func(name string, columnType proto.ColumnType, description string, get func(*p) any) *plugin.Column {
		return hydratedColumn(name, columnType, description+" Read from the project's get endpoint: one request per project.",
			getProlificProjectDetail, get)
	}
	return []*plugin.Column{
		column("workspace_id", proto.ColumnType_STRING, "The ID of the workspace the project belongs to.",
			func(p *p) any { return p.workspaceID() }),
		column("id", proto.ColumnType_STRING, "The unique ID of the project.",
			func(p *p) any { return p.ID.sqlValue() }),
		column("description", proto.ColumnType_STRING, "The project's description.",
			func(p *p) any { return p.Description.sqlValue() }),
		detail("is_longitudinal", proto.ColumnType_BOOL, "True when the project runs a longitudinal study over several waves.",
			func(p *p) any { return p.IsLongitudinal.sqlValue() }),
		detail("longitudinal", proto.ColumnType_JSON, "The longitudinal settings and retention figures: config (target_completions, retention_rate, filters) and retention.",
			func(p *p) any { return p.Longitudinal.sqlValue() }),
		column("naivety_distribution_rate", proto.ColumnType_DOUBLE, "How strongly places go to participants new to studies like the project's, from 0 to 1, when set.",
			func(p *p) any { return p.NaivetyDistributionRate.sqlValue() }),
		column("owner", proto.ColumnType_STRING, "The ID of the user who owns the project.",
			func(p *p) any { return p.Owner.sqlValue() }),
		column("public_details", proto.ColumnType_JSON, "The project's public page for a PUBLIC project: status (ENABLED or DISABLED), title, short_description and description.",
			func(p *p) any { return p.PublicDetails.sqlValue() }),
		column("title", proto.ColumnType_STRING, "The project's title.",
			func(p *p) any { return p.Title.sqlValue() }),
		column("type", proto.ColumnType_STRING, "The project's type: PRIVATE or PUBLIC.",
			func(p *p) any { return p.Type.sqlValue() }),
		column("users", proto.ColumnType_JSON, "The users who can work on the project, each with id, name, email and roles.",
			func(p *p) any { return p.Users.sqlValue() }),
	}
}

//// LIST FUNCTION

func listProlificProjects(ctx context.Context, d *plugin.QueryData, h *plugin.HydrateData) (any, error) {
	workspaceID := workspaceIDOf(h)
	path, err := apiPath("/api/v1/workspaces/%s/projects/", workspaceID)
	if err != nil {
		return nil, err
	}
	err = streamPages(ctx, d, pagedList{path: path, style: limitOffsetPaging, pageSize: workspacePageSize, parent: "workspace " + workspaceID},
		func(p *project) string { return p.ID.value },
		func(p *project) { p.parentWorkspaceID = workspaceID })
	if err != nil {
		loggerFrom(ctx).Error("prolific_project.listProlificProjects", "api_error", err, "workspace_id", workspaceID)
	}
	return nil, err
}

//// HYDRATE FUNCTIONS

func getProlificProject(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
	return hydrateItem(fetchProject(ctx, d, d.EqualsQualString("id")))
}

// getProlificProjectDetail is the column hydrate of the fields only the get endpoint returns.
func getProlificProjectDetail(ctx context.Context, d *plugin.QueryData, h *plugin.HydrateData) (any, error) {
	row, ok := h.Item.(*project)
	if !ok {
		return nil, nil
	}
	if row.detailed {
		return row, nil
	}
	return hydrateItem(fetchProject(ctx, d, row.ID.value))
}

func fetchProject(ctx context.Context, d *plugin.QueryData, id string) (*project, error) {
	p, err := getByID[project](ctx, d, "prolific_project.fetchProject", "/api/v1/projects/%s/", id)
	if p != nil {
		p.detailed = true // the get endpoint returns every field
	}
	return p, err
}

//// ROW TYPE

// project is a list item (ProjectShort) or, with detailed set, the get endpoint's project.
type project struct {
	ID                      jsonText   `json:"id"`
	Title                   jsonText   `json:"title"`
	Description             jsonText   `json:"description"`
	Owner                   jsonText   `json:"owner"`
	Type                    jsonText   `json:"type"`
	PublicDetails           rawJSON    `json:"public_details"`
	Users                   rawJSON    `json:"users"`
	NaivetyDistributionRate jsonNumber `json:"naivety_distribution_rate"`
	Workspace               jsonText   `json:"workspace"`
	IsLongitudinal          jsonBool   `json:"is_longitudinal"`
	Longitudinal            rawJSON    `json:"longitudinal"`

	parentWorkspaceID string // the workspace a listed project came from
	detailed          bool   // the row came from the get endpoint
}

func (p *project) workspaceID() any {
	if p.parentWorkspaceID != "" {
		return p.parentWorkspaceID
	}
	return p.Workspace.sqlValue()
}
