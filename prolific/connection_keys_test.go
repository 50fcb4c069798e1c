package prolific_test

import (
	"slices"
	"testing"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
)

// Every table with a workspace_id column offers it as a key column, so that an aggregator's query on it can be
// routed to the connections that see the workspace (connection_keys.go; the Steampipe stage proves the routing).
func TestWorkspaceIDIsAConnectionKeyColumn(t *testing.T) {
	_, p := startFake(t)
	tables := 0
	for name, table := range p.Schema(t) {
		hasColumn := false
		for _, c := range table.GetColumns() {
			hasColumn = hasColumn || c.Name == "workspace_id"
		}
		if !hasColumn {
			continue
		}
		tables++
		for call, keys := range map[string][]string{"list": keyNames(table.GetListCallKeyColumnList()), "get": keyNames(table.GetGetCallKeyColumnList())} {
			if len(keys) > 0 && !slices.Contains(keys, "workspace_id") {
				t.Errorf("%s: the %s call's key columns %v lack workspace_id", name, call, keys)
			}
		}
	}
	if tables < 6 {
		t.Errorf("%d tables have a workspace_id column, want at least 6", tables)
	}
}

func keyNames(keys []*proto.KeyColumn) []string {
	names := make([]string, len(keys))
	for i, k := range keys {
		names[i] = k.Name
	}
	return names
}
