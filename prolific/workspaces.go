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
