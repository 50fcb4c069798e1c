//go:build stocksdk

package prolific

import "github.com/turbot/steampipe-plugin-sdk/v5/plugin"

// The stock SDK compares a connection key value with ==, so the list of workspaces that each connection's value is
// (connection_keys.go) would match no query and an aggregator would return no rows: a stock SDK build has no
// connection key column, and asks every connection, as before patches/sdk/0009.
func connectionKeyColumns() []plugin.ConnectionKeyColumn { return nil }
