package prolific

import (
	"context"
	"errors"
	"fmt"
	"slices"

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
	return nil, forEachWorkspace(ctx, d, func(id string) error {
		d.StreamListItem(ctx, &workspaceRef{ID: jsonText{value: id, set: true}})
		return nil
	})
}

// optionalIDQual returns the value of an optional id key column and whether the query gave one. A value that cannot
// be an id (empty, too long, control characters) is an error, not "no filter": `where workspace_id = ”` must not
// widen into every workspace.
func optionalIDQual(d *plugin.QueryData, column string) (string, bool, error) {
	if _, given := d.EqualsQuals[column]; !given {
		return "", false, nil
	}
	id := d.EqualsQualString(column)
	if err := checkID(id); err != nil {
		return "", true, fmt.Errorf("%s: %w", column, err)
	}
	return id, true, nil
}

// workspaceIDOf returns the workspace id a ParentHydrate of listWorkspaceParents passed to its child hydrate.
func workspaceIDOf(h *plugin.HydrateData) string {
	if ref, ok := h.Item.(*workspaceRef); ok {
		return ref.ID.value
	}
	return ""
}

// workspacePageSize is the limit asked of the workspace, project and participant group lists. Their paging is not
// documented; the CLI sends limit and offset (docs/api-evidence.md (A4)), and an API that ignores them
// still ends the list, because a page shorter than the limit or an offset past meta.count is the last page.
const workspacePageSize = 100

// forEachWorkspace calls fn with the workspace_id qual, or else with each workspace the token can see.
func forEachWorkspace(ctx context.Context, d *plugin.QueryData, fn func(workspaceID string) error) error {
	id, given, err := optionalIDQual(d, "workspace_id")
	if err != nil {
		return err
	}
	if given {
		return fn(id)
	}
	ids, err := listWorkspaceIDs(ctx, d)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if err := fn(id); err != nil {
			return err
		}
	}
	return nil
}

// listWorkspaceIDs returns the ids of every workspace the token can see.
func listWorkspaceIDs(ctx context.Context, d *plugin.QueryData) ([]string, error) {
	all, err := collectPages(ctx, d, pagedList{path: "/api/v1/workspaces/", style: limitOffsetPaging, pageSize: workspacePageSize},
		func(w *workspaceRef) string { return w.ID.value })
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(all))
	for i, w := range all {
		ids[i] = w.ID.value
	}
	return ids, nil
}

// listProjectsOf calls fn with each project of a workspace. A workspace that does not exist has no projects.
func listProjectsOf(ctx context.Context, d *plugin.QueryData, workspaceID string, fn func(*project)) error {
	path, err := apiPath("/api/v1/workspaces/%s/projects/", workspaceID)
	if err != nil {
		return err
	}
	projects, err := collectPages(ctx, d, pagedList{path: path, style: limitOffsetPaging, pageSize: workspacePageSize,
		parent: "workspace " + workspaceID}, func(p *project) string { return p.ID.value })
	for _, p := range projects {
		fn(p)
	}
	return err
}

// skipsParent reports whether err, the answer to the first request for a workspace's or project's list (parent names
// it, such as "workspace 65f0..."), has a status that the connection's ignore_error_codes lists. Such a parent is left
// out of the listing with a warning in the log, and the other parents' rows come back. Only a status answered before
// any of the parent's rows were returned counts, so a parent is never passed off as complete with half its rows.
func (c *Client) skipsParent(ctx context.Context, err error, parent string) bool {
	var apiErr *APIError
	if !errors.As(err, &apiErr) || !slices.Contains(c.ignoreErrorCodes, apiErr.StatusCode) {
		return false
	}
	loggerFrom(ctx).Warn("prolific.ignore_error_codes", "skipped", parent, "status", apiErr.StatusCode,
		"reason", "the status is in ignore_error_codes: the listing leaves this "+parent+" out", "error", apiErr.Error())
	return true
}

// skipParent is skipsParent for a list read with streamList, whose status errors all come before its first row.
func skipParent(ctx context.Context, d *plugin.QueryData, err error, parent string) bool {
	client, connectErr := connect(ctx, d)
	return connectErr == nil && client.skipsParent(ctx, err, parent)
}

// forEachStudy calls fn with each study the token can see (a list item), project by project in every workspace, as
// prolific_study lists them. Tables that read something per study list their studies this way when the query names
// none.
func forEachStudy(ctx context.Context, d *plugin.QueryData, fn func(*study)) error {
	return forEachWorkspace(ctx, d, func(workspaceID string) error {
		var projects []*project
		if err := listProjectsOf(ctx, d, workspaceID, func(p *project) { projects = append(projects, p) }); err != nil {
			return err
		}
		for _, p := range projects {
			list, err := projectStudies(p.ID.value)
			if err != nil {
				return err
			}
			studies, err := collectPages(ctx, d, list, func(s *study) string { return s.ID.value })
			if err != nil {
				return err
			}
			for _, s := range studies {
				s.parent = projectRef{id: p.ID.value, workspaceID: workspaceID}
				fn(s)
			}
		}
		return nil
	})
}
