package prolific

import (
	"context"
	"net/url"
	"strconv"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

//// TABLE DEFINITION

func tableProlificHookSubscription(_ context.Context) *plugin.Table {
	return &plugin.Table{
		Name: "prolific_hook_subscription",
		Description: "Webhook subscriptions: the event types each workspace sends to a URL of yours. Lists every " +
			"workspace the token can see unless workspace_id is given, enabled and disabled subscriptions alike " +
			"unless is_enabled is given.",
		List: &plugin.ListConfig{
			ParentHydrate: listWorkspaceParents,
			Hydrate:       listProlificHookSubscriptions,
			KeyColumns:    plugin.OptionalColumns([]string{"workspace_id", "is_enabled"}),
		},
		Get: &plugin.GetConfig{
			Hydrate:    getProlificHookSubscription,
			KeyColumns: plugin.SingleColumn("id"),
		},
		Columns: hookSubscriptionColumns(),
	}
}

func hookSubscriptionColumns() []*plugin.Column {
	type r = hookSubscription
	return []*plugin.Column{
		column("id", proto.ColumnType_STRING, "The unique ID of the subscription.",
			func(r *r) any { return r.ID.sqlValue() }),
		column("workspace_id", proto.ColumnType_STRING, "The ID of the workspace whose events the subscription sends. Optional in the where clause: without it, the subscriptions of every workspace the token can see are listed.",
			func(r *r) any { return r.WorkspaceID.sqlValue() }),
		column("is_enabled", proto.ColumnType_BOOL, "True when the subscription sends events. Optional in the where clause: without it, enabled and disabled subscriptions are both listed (two requests per workspace, since the API returns one or the other).",
			func(r *r) any { return r.IsEnabled.sqlValue() }),
		column("event_type", proto.ColumnType_STRING, "The event type the subscription sends, such as study.status.change. Joins prolific_hook_event_type.",
			func(r *r) any { return r.EventType.sqlValue() }),
		column("target_url", proto.ColumnType_STRING, "The URL Prolific sends each event to, as a POST request.",
			func(r *r) any { return r.TargetURL.sqlValue() }),
	}
}

//// LIST FUNCTION

// hookPageSize is the limit asked of the subscription list, the default of Prolific's CLI and MCP server, which page
// it with limit and offset (docs/api-evidence.md (H2)). The spec documents no paging.
const hookPageSize = 200

func listProlificHookSubscriptions(ctx context.Context, d *plugin.QueryData, h *plugin.HydrateData) (any, error) {
	workspaceID := workspaceIDOf(h)
	if workspaceID == "" {
		return nil, nil
	}
	states := []bool{true, false}
	if qual, given := d.EqualsQuals["is_enabled"]; given {
		states = []bool{qual.GetBoolValue()}
	}
	err := eachSubscription(ctx, d, workspaceID, states, func(s *hookSubscription) bool {
		d.StreamListItem(ctx, s)
		return d.RowsRemaining(ctx) > 0
	})
	if err != nil {
		loggerFrom(ctx).Error("prolific_hook_subscription.listProlificHookSubscriptions", "api_error", err, "workspace_id", workspaceID)
	}
	return nil, err
}

// eachSubscription calls fn with each subscription of a workspace whose is_enabled is one of states, until fn returns
// false. The API's is_enabled defaults to true and it has no value for both (docs/api-evidence.md (H2)), so each
// state is its own list. An item whose is_enabled contradicts the state asked for is left out, so a server that
// ignored the parameter would not return a subscription twice. A workspace whose first answer has a status in
// ignore_error_codes is left out.
func eachSubscription(ctx context.Context, d *plugin.QueryData, workspaceID string, states []bool, fn func(*hookSubscription) bool) error {
	for _, enabled := range states {
		skipped := false
		list := pagedList{path: "/api/v1/hooks/subscriptions/",
			query: url.Values{"workspace_id": {workspaceID}, "is_enabled": {strconv.FormatBool(enabled)}},
			style: limitOffsetPaging, pageSize: hookPageSize, parent: "workspace " + workspaceID, skipped: &skipped}
		subscriptions, err := collectPages(ctx, d, list, func(s *hookSubscription) string { return s.ID.value })
		if err != nil || skipped {
			return err
		}
		for _, s := range subscriptions {
			if s.IsEnabled.set && s.IsEnabled.value != enabled {
				continue
			}
			s.finish(workspaceID, enabled)
			if !fn(s) {
				return nil
			}
		}
	}
	return nil
}

//// HYDRATE FUNCTIONS

func getProlificHookSubscription(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
	return hydrateItem(getByID[hookSubscription](ctx, d, "prolific_hook_subscription.getProlificHookSubscription",
		"/api/v1/hooks/subscriptions/%s/", d.EqualsQualString("id")))
}

//// ROW TYPE

// hookSubscription is the spec's SubscriptionDetail, from the list or the get endpoint.
type hookSubscription struct {
	ID          jsonText `json:"id"`
	EventType   jsonText `json:"event_type"`
	TargetURL   jsonText `json:"target_url"`
	IsEnabled   jsonBool `json:"is_enabled"`
	WorkspaceID jsonText `json:"workspace_id"`
}

// finish fills in what a listed subscription's request implies when the item leaves it out (the spec makes
// is_enabled optional): the workspace and the state it was listed under.
func (s *hookSubscription) finish(workspaceID string, enabled bool) {
	if !s.WorkspaceID.set {
		s.WorkspaceID = jsonText{value: workspaceID, set: true}
	}
	if !s.IsEnabled.set {
		s.IsEnabled = jsonBool{value: enabled, set: true}
	}
}
