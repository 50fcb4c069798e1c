package prolific

import (
	"context"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

//// TABLE DEFINITION

func tableProlificWorkspace(_ context.Context) *plugin.Table {
	return &plugin.Table{
		Name:        "prolific_workspace",
		Description: "The Prolific workspaces the token can see. The balance columns cost one request per workspace.",
		List: &plugin.ListConfig{
			Hydrate: listProlificWorkspaces,
		},
		Get: &plugin.GetConfig{
			Hydrate:    getProlificWorkspace,
			KeyColumns: plugin.SingleColumn("id"),
		},
		Columns: workspaceColumns(),
	}
}

func workspaceColumns() []*plugin.Column {
	type w = workspace
	type b = workspaceBalance
	balance := func(name string, columnType proto.ColumnType, description string, get func(*b) any) *plugin.Column {
		return hydratedColumn(name, columnType, description+" Read from the workspace's balance endpoint: one request per workspace.",
			getProlificWorkspaceBalance, get)
	}
	return []*plugin.Column{
		column("id", proto.ColumnType_STRING, "The unique ID of the workspace.",
			func(w *w) any { return w.ID.sqlValue() }),
		balance("available_balance", proto.ColumnType_INT, "The part of the balance free to spend on new studies, in minor units of balance_currency_code (such as pence or cents).",
			func(b *b) any { return b.AvailableBalance.sqlValue() }),
		balance("available_balance_breakdown", proto.ColumnType_JSON, "The available balance split into rewards, fees and vat, in minor units.",
			func(b *b) any { return b.AvailableBalanceBreakdown.sqlValue() }),
		balance("balance_breakdown", proto.ColumnType_JSON, "The total balance split into rewards, fees and vat, in minor units.",
			func(b *b) any { return b.BalanceBreakdown.sqlValue() }),
		balance("balance_currency_code", proto.ColumnType_STRING, "The currency of the workspace's balance, such as GBP or USD.",
			func(b *b) any { return b.CurrencyCode.sqlValue() }),
		column("description", proto.ColumnType_STRING, "The workspace's description.",
			func(w *w) any { return w.Description.sqlValue() }),
		column("naivety_distribution_rate", proto.ColumnType_DOUBLE, "How strongly places go to participants new to the workspace's kind of studies, from 0 to 1, when set.",
			func(w *w) any { return w.NaivetyDistributionRate.sqlValue() }),
		column("owner", proto.ColumnType_STRING, "The ID of the user who owns the workspace.",
			func(w *w) any { return w.Owner.sqlValue() }),
		column("title", proto.ColumnType_STRING, "The workspace's title.",
			func(w *w) any { return w.Title.sqlValue() }),
		balance("total_balance", proto.ColumnType_INT, "The workspace's total balance, in minor units of balance_currency_code (such as pence or cents).",
			func(b *b) any { return b.TotalBalance.sqlValue() }),
		column("users", proto.ColumnType_JSON, "The workspace's users, each with id, name, email and roles.",
			func(w *w) any { return w.Users.sqlValue() }),
		hydratedColumn("wallet_id", proto.ColumnType_STRING, "The ID of the workspace's wallet. Read from the workspace's get endpoint: one request per workspace.",
			getProlificWorkspaceDetail, func(w *w) any { return w.Wallet.sqlValue() }),
	}
}

//// LIST FUNCTION

func listProlificWorkspaces(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
	err := streamPages(ctx, d, pagedList{path: "/api/v1/workspaces/", style: limitOffsetPaging, pageSize: workspacePageSize},
		func(w *workspace) string { return w.ID.value }, func(*workspace) {})
	if err != nil {
		loggerFrom(ctx).Error("prolific_workspace.listProlificWorkspaces", "api_error", err)
	}
	return nil, err
}

//// HYDRATE FUNCTIONS

func getProlificWorkspace(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
	return hydrateItem(fetchWorkspace(ctx, d, d.EqualsQualString("id")))
}

// getProlificWorkspaceDetail is the column hydrate of wallet_id, which only the get endpoint returns.
func getProlificWorkspaceDetail(ctx context.Context, d *plugin.QueryData, h *plugin.HydrateData) (any, error) {
	row, ok := h.Item.(*workspace)
	if !ok {
		return nil, nil
	}
	if row.detailed {
		return row, nil
	}
	return hydrateItem(fetchWorkspace(ctx, d, row.ID.value))
}

func fetchWorkspace(ctx context.Context, d *plugin.QueryData, id string) (*workspace, error) {
	w, err := getByID[workspace](ctx, d, "prolific_workspace.fetchWorkspace", "/api/v1/workspaces/%s/", id)
	if w != nil {
		w.detailed = true // the get endpoint returns every field
	}
	return w, err
}

// getProlificWorkspaceBalance is the column hydrate of the balance columns. A 404 gives NULL balances.
func getProlificWorkspaceBalance(ctx context.Context, d *plugin.QueryData, h *plugin.HydrateData) (any, error) {
	row, ok := h.Item.(*workspace)
	if !ok {
		return nil, nil
	}
	return hydrateItem(getByID[workspaceBalance](ctx, d, "prolific_workspace.getProlificWorkspaceBalance",
		"/api/v1/workspaces/%s/balance/", row.ID.value))
}

//// ROW TYPES

// workspace is a list item or, with detailed set, the get endpoint's workspace.
type workspace struct {
	ID                      jsonText   `json:"id"`
	Title                   jsonText   `json:"title"`
	Description             jsonText   `json:"description"`
	Owner                   jsonText   `json:"owner"`
	Users                   rawJSON    `json:"users"`
	NaivetyDistributionRate jsonNumber `json:"naivety_distribution_rate"`
	Wallet                  jsonText   `json:"wallet"`

	detailed bool // the row came from the get endpoint
}

// workspaceBalance is the balance endpoint's object; amounts are in minor units.
type workspaceBalance struct {
	CurrencyCode              jsonText `json:"currency_code"`
	TotalBalance              jsonInt  `json:"total_balance"`
	BalanceBreakdown          rawJSON  `json:"balance_breakdown"`
	AvailableBalance          jsonInt  `json:"available_balance"`
	AvailableBalanceBreakdown rawJSON  `json:"available_balance_breakdown"`
}
