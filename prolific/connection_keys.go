//go:build !stocksdk

package prolific

import (
	"context"
	"time"

	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

// workspaceKeyMaxAge is how long the list of workspaces a connection can see is kept for routing aggregator queries:
// Steampipe's default query cache TTL, so a workspace newly shared with an account is found as soon as a cached
// query's rows would be renewed.
const workspaceKeyMaxAge = 5 * time.Minute

// connectionKeyColumns makes workspace_id a connection key column: an aggregator query with `workspace_id = '...'`
// (or in, <>, like) reaches only the connections whose token lists that workspace, instead of asking every account
// for a workspace most of them cannot see (a 403 that fails the query unless ignore_error_codes has it). Each
// connection's value is the list of its workspaces, which needs patches/sdk/0009 (the stock SDK compares a list with
// == and would match nothing). When no connection lists the workspace, every connection is asked, as without the
// key column: a token may be able to read a workspace that it does not list.
func connectionKeyColumns() []plugin.ConnectionKeyColumn {
	return []plugin.ConnectionKeyColumn{{
		Name:                  "workspace_id",
		Hydrate:               workspacesOfConnection,
		MaxAge:                workspaceKeyMaxAge,
		QueryAllWhenNoneMatch: true,
	}}
}

// workspacesOfConnection is the connection key value of workspace_id: the ids of the workspaces the token lists.
func workspacesOfConnection(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
	ids, err := listWorkspaceIDs(ctx, d)
	if err != nil {
		loggerFrom(ctx).Warn("prolific.workspacesOfConnection", "connection", d.Connection.Name, "api_error", err)
		return nil, err
	}
	return ids, nil
}
