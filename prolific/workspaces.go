package prolific

import (
	"context"

	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

// workspaceRef is the part of a workspace that tables listing per workspace need.
type workspaceRef struct {
	ID jsonText `json:"id"`
}

// listWorkspaceParents is the ParentHydrate of tables whose API lists per workspace (batches, collections,
// projects, ...). With a workspace_id qual it yields just that workspace, without a request; otherwise every
// workspace the token can see. The child hydrate reads the id with workspaceIDOf(h).
func listWorkspaceParents(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
	if id := d.EqualsQualString("workspace_id"); id != "" {
		d.StreamListItem(ctx, &workspaceRef{ID: jsonText{value: id, set: true}})
		return nil, nil
	}
	return nil, streamList(ctx, d, "/api/v1/workspaces/", nil, func(*workspaceRef) {})
}

// workspaceIDOf returns the workspace id a ParentHydrate of listWorkspaceParents passed to its child hydrate.
func workspaceIDOf(h *plugin.HydrateData) string {
	if ref, ok := h.Item.(*workspaceRef); ok {
		return ref.ID.value
	}
	return ""
}

// workspacePageSize is the limit asked of the workspace, project and participant group lists. Their paging is not
// documented; the CLI sends limit and offset (../shared/prolific-api.md §1.5, §8), and an API that ignores them
// still ends the list, because a page shorter than the limit or an offset past meta.count is the last page.
const workspacePageSize = 100

// forEachWorkspace calls fn with the workspace_id qual, or else with each workspace the token can see.
func forEachWorkspace(ctx context.Context, d *plugin.QueryData, fn func(workspaceID string) error) error {
	if id := d.EqualsQualString("workspace_id"); id != "" {
		return fn(id)
	}
	all, err := collectPages(ctx, d, pagedList{path: "/api/v1/workspaces/", style: limitOffsetPaging, pageSize: workspacePageSize},
		func(w *workspaceRef) string { return w.ID.value })
	if err != nil {
		return err
	}
	for _, w := range all {
		if err := fn(w.ID.value); err != nil {
			return err
		}
	}
	return nil
}

// listProjectsOf calls fn with each project of a workspace. A workspace that does not exist has no projects.
func listProjectsOf(ctx context.Context, d *plugin.QueryData, workspaceID string, fn func(*project)) error {
	path, err := apiPath("/api/v1/workspaces/%s/projects/", workspaceID)
	if err != nil {
		return err
	}
	projects, err := collectPages(ctx, d, pagedList{path: path, style: limitOffsetPaging, pageSize: workspacePageSize},
		func(p *project) string { return p.ID.value })
	for _, p := range projects {
		fn(p)
	}
	return err
}
