package prolific

import (
	"context"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

//// TABLE DEFINITION

func tableProlificUser(_ context.Context) *plugin.Table {
	return &plugin.Table{
		Name:        "prolific_user",
		Description: "The Prolific user the connection's API token belongs to: one row.",
		List: &plugin.ListConfig{
			Hydrate: listProlificUser,
		},
		Columns: userColumns(),
	}
}

func userColumns() []*plugin.Column {
	type u = user
	return []*plugin.Column{
		column("id", proto.ColumnType_STRING, "The unique ID of the user.",
			func(u *u) any { return u.ID.sqlValue() }),
		column("available_balance", proto.ColumnType_INT, "The part of the balance that is free to spend, in minor units of currency_code (such as pence or cents).",
			func(u *u) any { return u.AvailableBalance.sqlValue() }),
		column("balance", proto.ColumnType_INT, "The user's balance, in minor units of currency_code (such as pence or cents).",
			func(u *u) any { return u.Balance.sqlValue() }),
		column("currency_code", proto.ColumnType_STRING, "The currency of the user's balance, such as GBP or USD.",
			func(u *u) any { return u.CurrencyCode.sqlValue() }),
		column("email", proto.ColumnType_STRING, "The user's email address.",
			func(u *u) any { return u.Email.sqlValue() }),
		column("first_name", proto.ColumnType_STRING, "The user's first name.",
			func(u *u) any { return u.FirstName.sqlValue() }),
		column("last_name", proto.ColumnType_STRING, "The user's last name.",
			func(u *u) any { return u.LastName.sqlValue() }),
		column("name", proto.ColumnType_STRING, "The user's full name.",
			func(u *u) any { return u.Name.sqlValue() }),
		titleColumn("The user's full name, or their email address when the name is blank.",
			func(u *u) any { return firstNonBlank(u.Name, u.Email) }),
		column("user_type", proto.ColumnType_STRING, "The kind of account, such as researcher.",
			func(u *u) any { return u.UserType.sqlValue() }),
		column("username", proto.ColumnType_STRING, "The user's username.",
			func(u *u) any { return u.Username.sqlValue() }),
	}
}

//// LIST FUNCTION

func listProlificUser(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
	u, err := getObject[user](ctx, d, "/api/v1/users/me/", nil)
	if err != nil {
		loggerFrom(ctx).Error("prolific_user.listProlificUser", "api_error", err)
		return nil, err
	}
	if u != nil {
		d.StreamListItem(ctx, u)
	}
	return nil, nil
}

//// ROW TYPE

// user is the users/me object: the documented id and email, and the fields the official CLI reads.
type user struct {
	ID               jsonText `json:"id"`
	Email            jsonText `json:"email"`
	Name             jsonText `json:"name"`
	FirstName        jsonText `json:"first_name"`
	LastName         jsonText `json:"last_name"`
	Username         jsonText `json:"username"`
	UserType         jsonText `json:"user_type"`
	CurrencyCode     jsonText `json:"currency_code"`
	Balance          jsonInt  `json:"balance"`
	AvailableBalance jsonInt  `json:"available_balance"`
}
