package prolific_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/pipeworks/steampipe-plugin-prolific/test/fakeapi"
	"github.com/pipeworks/steampipe-plugin-prolific/test/harness"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
)

// checkSchema checks a table's columns (exactly want, name to type), that every description is a capitalised
// sentence ending with a period, and that the columns come key columns first, then alphabetically.
func checkSchema(t *testing.T, p *harness.Plugin, table string, keys []string, want map[string]string) {
	t.Helper()
	schema := p.Schema(t)[table]
	if schema == nil {
		t.Fatalf("no table %s", table)
	}
	got := map[string]string{}
	var order []string
	for _, c := range schema.GetColumns() {
		if c.Name == "_ctx" || strings.HasPrefix(c.Name, "sp_") {
			continue
		}
		got[c.Name] = c.Type.String()
		order = append(order, c.Name)
		if c.Description == "" || !strings.HasSuffix(c.Description, ".") || strings.ToUpper(c.Description[:1]) != c.Description[:1] {
			t.Errorf("column %s: description %q must be a capitalised sentence ending with a period", c.Name, c.Description)
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s columns:\n got %v\nwant %v", table, got, want)
	}
	if len(order) < len(keys) || !reflect.DeepEqual(order[:len(keys)], keys) {
		t.Errorf("%s: columns %v must start with the key columns %v", table, order, keys)
	}
	rest := order[min(len(keys), len(order)):]
	for i := 1; i < len(rest); i++ {
		if rest[i-1] > rest[i] {
			t.Errorf("%s: columns after the key columns are not alphabetical: %v", table, rest)
			break
		}
	}
	if d := schema.GetDescription(); d == "" || !strings.HasSuffix(d, ".") {
		t.Errorf("%s: table description %q must be a sentence ending with a period", table, d)
	}
}

// checkRow compares the named columns of row with want, value and Go type.
func checkRow(t *testing.T, label string, row harness.Row, want map[string]any) {
	t.Helper()
	if row == nil {
		t.Errorf("%s: no row", label)
		return
	}
	for column, expected := range want {
		if got := harness.Value(t, row[column]); !reflect.DeepEqual(got, expected) {
			t.Errorf("%s column %s = %#v (%T), want %#v (%T)", label, column, got, got, expected, expected)
		}
	}
}

// requestsWith returns the query strings of the requests to path.
func requestsWith(api *fakeapi.Server, path string) []string {
	var queries []string
	for _, r := range api.Requests() {
		if r.Path == path {
			queries = append(queries, r.Query)
		}
	}
	return queries
}

// mustFail runs a query that must fail with an error containing every part.
func mustFail(t *testing.T, p *harness.Plugin, q harness.Query, parts ...string) {
	t.Helper()
	_, err := p.Execute(t, q)
	if err == nil {
		t.Fatalf("%s: no error, want one containing %q", q.Table, parts)
	}
	for _, part := range parts {
		if !strings.Contains(err.Error(), part) {
			t.Errorf("%s: error %q does not contain %q", q.Table, err, part)
		}
	}
}

// merge returns the quals of both maps.
func merge(a, b map[string]*proto.Quals) map[string]*proto.Quals {
	out := map[string]*proto.Quals{}
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out
}

// checkKeyColumns checks a table's list key columns (name to requirement) and its get key column ("" for none),
// leaving out the sp_connection_name column the SDK adds to every table.
// ownKeys drops the key columns the SDK adds to a table's schema for connection key columns (addedForConnections).
func ownKeys(keys []*proto.KeyColumn) []*proto.KeyColumn {
	var own []*proto.KeyColumn
	for _, k := range keys {
		if !addedForConnections(k) {
			own = append(own, k)
		}
	}
	return own
}

// addedForConnections reports whether the SDK added k for a connection key column: sp_connection_name on every
// table, and workspace_id on a call that does not declare it (connection_keys.go). It is optional, with the SDK's
// operators (=, <>, like, ilike and their negations); the calls the tables declare take = only.
func addedForConnections(k *proto.KeyColumn) bool {
	return strings.HasPrefix(k.Name, "sp_") ||
		(k.Name == "workspace_id" && k.Require == "optional" && slices.Contains(k.Operators, "~~"))
}

func checkKeyColumns(t *testing.T, p *harness.Plugin, table string, list map[string]string, get string) {
	t.Helper()
	schema := p.Schema(t)[table]
	got := map[string]string{}
	for _, k := range ownKeys(schema.GetListCallKeyColumnList()) {
		got[k.Name] = k.Require
	}
	if !reflect.DeepEqual(got, list) {
		t.Errorf("%s list key columns = %v, want %v", table, got, list)
	}
	var gets []string
	for _, k := range ownKeys(schema.GetGetCallKeyColumnList()) {
		gets = append(gets, k.Name)
	}
	if (get == "" && len(gets) != 0) || (get != "" && (len(gets) != 1 || gets[0] != get)) {
		t.Errorf("%s get key columns = %v, want %q", table, gets, get)
	}
}
