package prolific

import (
	"context"
	"net/url"
	"strings"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

//// TABLE DEFINITION

func tableProlificParticipantGroup(_ context.Context) *plugin.Table {
	return &plugin.Table{
		Name: "prolific_participant_group",
		Description: "Prolific participant groups, listed by workspace or by project. Without workspace_id or " +
			"project_id, every workspace the token can see is listed; a workspace's listing also reads the groups of " +
			"each of its projects.",
		List: &plugin.ListConfig{
			ParentHydrate: listParticipantGroupScopes,
			Hydrate:       listProlificParticipantGroups,
			KeyColumns:    plugin.OptionalColumns([]string{"workspace_id", "project_id"}),
		},
		Get: &plugin.GetConfig{
			Hydrate:    getProlificParticipantGroup,
			KeyColumns: plugin.SingleColumn("id"),
		},
		Columns: participantGroupColumns(),
	}
}

func participantGroupColumns() []*plugin.Column {
	type g = participantGroup
	return []*plugin.Column{
		column("workspace_id", proto.ColumnType_STRING, "The ID of the workspace the group belongs to, directly or through its project, when it belongs to one.",
			func(g *g) any { return g.WorkspaceID.sqlValue() }),
		column("project_id", proto.ColumnType_STRING, "The ID of the project the group belongs to, when it belongs to one.",
			func(g *g) any { return g.ProjectID.sqlValue() }),
		column("id", proto.ColumnType_STRING, "The unique ID of the participant group.",
			func(g *g) any { return g.ID.sqlValue() }),
		column("description", proto.ColumnType_STRING, "The group's description.",
			func(g *g) any { return g.Description.sqlValue() }),
		column("feeder_studies", proto.ColumnType_JSON, "The studies that add participants to the group, each with id, name, internal_name, status and the completion codes that add them.",
			func(g *g) any { return g.FeederStudies.sqlValue() }),
		column("is_deleted", proto.ColumnType_BOOL, "True when the group has been deleted.",
			func(g *g) any { return g.IsDeleted.sqlValue() }),
		column("name", proto.ColumnType_STRING, "The group's name.",
			func(g *g) any { return g.Name.sqlValue() }),
		column("organisation_id", proto.ColumnType_STRING, "The ID of the organisation the group belongs to, when it belongs to one.",
			func(g *g) any { return g.OrganisationID.sqlValue() }),
		column("participant_count", proto.ColumnType_INT, "The number of participants in the group.",
			func(g *g) any { return g.ParticipantCount.sqlValue() }),
		titleColumn("The group's name.",
			func(g *g) any { return firstNonBlank(g.Name) }),
	}
}

//// LIST FUNCTION

// groupScope is the one filter a participant group list request takes: workspace_id or project_id.
type groupScope struct {
	param, id string
}

// listParticipantGroupScopes is the ParentHydrate of prolific_participant_group: the project_id qual when given
// (one list; PostgreSQL checks any workspace_id qual against each group's own workspace_id), else each workspace:
// the workspace_id qual, or every workspace the token can see.
func listParticipantGroupScopes(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
	projectID, given, err := optionalIDQual(d, "project_id")
	if err != nil {
		return nil, err
	}
	if given {
		d.StreamListItem(ctx, &groupScope{param: "project_id", id: projectID})
		return nil, nil
	}
	return nil, forEachWorkspace(ctx, d, func(workspaceID string) error {
		d.StreamListItem(ctx, &groupScope{param: "workspace_id", id: workspaceID})
		return nil
	})
}

// listProlificParticipantGroups lists the groups of one scope. For a workspace it also lists the groups of each of
// the workspace's projects, keeping each group once: nothing says whether the workspace's list includes its
// project-level groups (docs/api-evidence.md (A15)), and if it did not, they would be missing without a word.
func listProlificParticipantGroups(ctx context.Context, d *plugin.QueryData, h *plugin.HydrateData) (any, error) {
	scope, ok := h.Item.(*groupScope)
	if !ok {
		return nil, nil
	}
	if _, err := apiPath("/%s", scope.id); err != nil { // a query parameter, but an empty id is still an error
		return nil, err
	}
	seen := map[string]bool{}
	workspaceID := ""
	if scope.param == "workspace_id" {
		workspaceID = scope.id
	}
	list, skipped := groupList(scope.param, scope.id), false
	list.skipped = &skipped // a workspace left out by ignore_error_codes is left out with its projects
	err := streamPages(ctx, d, list, participantGroupID, func(g *participantGroup) {
		seen[g.ID.value] = true
		g.finish(workspaceID)
	})
	if err == nil && !skipped && workspaceID != "" && d.RowsRemaining(ctx) > 0 {
		streamed := len(seen)
		err = afterStreamedRows(ctx, streamed, streamProjectGroups(ctx, d, workspaceID, seen))
	}
	if err != nil {
		loggerFrom(ctx).Error("prolific_participant_group.listProlificParticipantGroups", "api_error", err, scope.param, scope.id)
	}
	return nil, err
}

// streamProjectGroups streams the groups of each project of a workspace that are not in seen.
func streamProjectGroups(ctx context.Context, d *plugin.QueryData, workspaceID string, seen map[string]bool) error {
	var projectIDs []string
	d.WaitForListRateLimit(ctx)
	if err := listProjectsOf(ctx, d, workspaceID, func(p *project) { projectIDs = append(projectIDs, p.ID.value) }); err != nil {
		return err
	}
	for _, projectID := range projectIDs {
		d.WaitForListRateLimit(ctx)
		groups, err := collectPages(ctx, d, groupList("project_id", projectID), participantGroupID)
		if err != nil {
			return err
		}
		for _, g := range groups {
			if seen[g.ID.value] {
				continue
			}
			seen[g.ID.value] = true
			g.finish(workspaceID)
			d.StreamListItem(ctx, g)
			if d.RowsRemaining(ctx) == 0 {
				return nil
			}
		}
	}
	return nil
}

// groupList is the participant group list of one scope: workspace_id or project_id.
func groupList(param, id string) pagedList {
	return pagedList{path: "/api/v1/participant-groups/", query: url.Values{param: {id}}, style: limitOffsetPaging,
		pageSize: workspacePageSize, parent: strings.TrimSuffix(param, "_id") + " " + id}
}

func participantGroupID(g *participantGroup) string { return g.ID.value }

//// HYDRATE FUNCTIONS

func getProlificParticipantGroup(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
	return hydrateItem(getByID[participantGroup](ctx, d, "prolific_participant_group.getProlificParticipantGroup", "/api/v1/participant-groups/%s/", d.EqualsQualString("id")))
}

//// ROW TYPE

// participantGroup is an item of the participant group list, or the get endpoint's group.
type participantGroup struct {
	ID               jsonText `json:"id"`
	Name             jsonText `json:"name"`
	ProjectID        jsonText `json:"project_id"`
	WorkspaceID      jsonText `json:"workspace_id"`
	OrganisationID   jsonText `json:"organisation_id"`
	Description      jsonText `json:"description"`
	ParticipantCount jsonInt  `json:"participant_count"`
	IsDeleted        jsonBool `json:"is_deleted"`
	FeederStudies    rawJSON  `json:"feeder_studies"`
}

// finish fills in the workspace a group was listed under, directly or through one of its projects, when the API
// leaves workspace_id out. An empty workspaceID (a project_id query) changes nothing.
func (g *participantGroup) finish(workspaceID string) {
	if workspaceID != "" && !g.WorkspaceID.set {
		g.WorkspaceID = jsonText{value: workspaceID, set: true}
	}
}
