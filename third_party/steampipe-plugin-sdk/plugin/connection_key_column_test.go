package plugin

import (
	"context"
	"errors"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin/quals"
	"github.com/turbot/steampipe-plugin-sdk/v5/query_cache"
)

// A connection key column's value may be a list (an account that sees several workspaces): the connection is queried
// when any of its values satisfies the quals. A connection whose value cannot be read is queried, never dropped.

func connectionKeyPlugin(values map[string]any, reads *atomic.Int64, maxAge time.Duration, allWhenNone bool) *Plugin {
	p := &Plugin{
		Name: "connection_key",
		ConnectionKeyColumns: []ConnectionKeyColumn{{Name: "workspace_id", MaxAge: maxAge, QueryAllWhenNoneMatch: allWhenNone,
			Hydrate: func(_ context.Context, d *QueryData, _ *HydrateData) (interface{}, error) {
				reads.Add(1)
				if err, ok := values[d.Connection.Name].(error); ok {
					return nil, err
				}
				return values[d.Connection.Name], nil
			}}},
	}
	p.initialise(hclog.NewNullLogger())
	for name := range values {
		p.ConnectionMap[name] = &ConnectionData{Connection: &Connection{Name: name}}
	}
	return p
}

func connectionKeyQual(operator string, values ...string) map[string]*proto.Quals {
	qual := &proto.Qual{FieldName: "workspace_id", Operator: &proto.Qual_StringValue{StringValue: operator},
		Value: &proto.QualValue{Value: &proto.QualValue_StringValue{StringValue: values[0]}}}
	if len(values) > 1 {
		list := &proto.QualValueList{}
		for _, v := range values {
			list.Values = append(list.Values, &proto.QualValue{Value: &proto.QualValue_StringValue{StringValue: v}})
		}
		qual.Value = &proto.QualValue{Value: &proto.QualValue_ListValue{ListValue: list}}
	}
	return map[string]*proto.Quals{"workspace_id": {Quals: []*proto.Qual{qual}}}
}

func TestConnectionKeyColumnListValues(t *testing.T) {
	var reads atomic.Int64
	p := connectionKeyPlugin(map[string]any{
		"lab":    []string{"w1", "w2"},
		"team":   []string{"w3"},
		"solo":   "w1",
		"none":   []string{},
		"broken": errors.New("429 Too Many Requests"),
	}, &reads, 0, false)
	connections := map[string]*proto.ExecuteConnectionData{}
	for name := range p.ConnectionMap {
		connections[name] = &proto.ExecuteConnectionData{}
	}
	cases := []struct {
		quals map[string]*proto.Quals
		want  string
	}{
		{connectionKeyQual(quals.QualOperatorEqual, "w1"), "broken lab solo"},
		{connectionKeyQual(quals.QualOperatorEqual, "w3"), "broken team"},
		{connectionKeyQual(quals.QualOperatorEqual, "w2", "w3"), "broken lab team"},
		{connectionKeyQual(quals.QualOperatorNotEqual, "w1"), "broken lab team"},
		{connectionKeyQual(quals.QualOperatorLike, "w%"), "broken lab solo team"},
		{connectionKeyQual(quals.QualOperatorEqual, "w9"), "broken"},
	}
	for _, c := range cases {
		got := p.filterConnectionsWithKeyColumns(context.Background(), connections, c.quals)
		names := make([]string, 0, len(got))
		for name := range got {
			names = append(names, name)
		}
		sort.Strings(names)
		if strings.Join(names, " ") != c.want {
			t.Errorf("%v: queried %v, want %s", c.quals["workspace_id"].Quals[0], names, c.want)
		}
	}
	// every value is read once (the failed one on every query), however many queries use it
	if n := reads.Load(); n != 4+int64(len(cases)) {
		t.Errorf("%d reads of the key column, want one per connection and one per query for the failing one", n)
	}
}

func TestConnectionKeyColumnMaxAge(t *testing.T) {
	var reads atomic.Int64
	p := connectionKeyPlugin(map[string]any{"lab": []string{"w1"}}, &reads, 50*time.Millisecond, false)
	connections := map[string]*proto.ExecuteConnectionData{"lab": {}}
	p.filterConnectionsWithKeyColumns(context.Background(), connections, connectionKeyQual(quals.QualOperatorEqual, "w1"))
	p.filterConnectionsWithKeyColumns(context.Background(), connections, connectionKeyQual(quals.QualOperatorEqual, "w1"))
	if n := reads.Load(); n != 1 {
		t.Fatalf("%d reads within MaxAge, want 1", n)
	}
	time.Sleep(60 * time.Millisecond)
	p.filterConnectionsWithKeyColumns(context.Background(), connections, connectionKeyQual(quals.QualOperatorEqual, "w1"))
	if n := reads.Load(); n != 2 {
		t.Fatalf("%d reads after MaxAge, want 2", n)
	}
}

func TestConnectionKeyColumnQueryAllWhenNoneMatch(t *testing.T) {
	var reads atomic.Int64
	values := map[string]any{"lab": []string{"w1"}, "team": []string{"w2"}}
	connections := map[string]*proto.ExecuteConnectionData{"lab": {}, "team": {}}
	for _, allWhenNone := range []bool{false, true} {
		p := connectionKeyPlugin(values, &reads, 0, allWhenNone)
		if got := p.filterConnectionsWithKeyColumns(context.Background(), connections, connectionKeyQual(quals.QualOperatorEqual, "w2")); len(got) != 1 {
			t.Errorf("QueryAllWhenNoneMatch %v, = w2: queried %d connections, want the one that has it", allWhenNone, len(got))
		}
		want := 0
		if allWhenNone {
			want = 2
		}
		if got := p.filterConnectionsWithKeyColumns(context.Background(), connections, connectionKeyQual(quals.QualOperatorEqual, "w9")); len(got) != want {
			t.Errorf("QueryAllWhenNoneMatch %v, = w9 (no connection has it): queried %d connections, want %d", allWhenNone, len(got), want)
		}
	}
	// a single connection is queried whatever its value, so its value is not read
	reads.Store(0)
	p := connectionKeyPlugin(values, &reads, 0, true)
	if got := p.filterConnectionsWithKeyColumns(context.Background(), map[string]*proto.ExecuteConnectionData{"lab": {}}, connectionKeyQual(quals.QualOperatorEqual, "w9")); len(got) != 1 || reads.Load() != 0 {
		t.Errorf("one connection: queried %d, with %d reads of its value; want 1 and none", len(got), reads.Load())
	}
}

// The key column added for a connection key column asks the query cache for an exact match: the cache takes a
// column's match from the get call's key columns over the list call's, so a subset match would undo a list call's
// exact one and answer `where workspace_id = 'w'` from a cached scan without it.
func TestConnectionKeyColumnKeepsExactCacheMatch(t *testing.T) {
	p := connectionKeyPlugin(map[string]any{}, &atomic.Int64{}, 0, false)
	schema := &proto.TableSchema{
		Columns:               []*proto.ColumnDefinition{{Name: "id"}, {Name: "workspace_id"}},
		ListCallKeyColumnList: []*proto.KeyColumn{{Name: "workspace_id", Operators: []string{"="}, Require: Optional, CacheMatch: query_cache.CacheMatchExact}},
		GetCallKeyColumnList:  []*proto.KeyColumn{{Name: "id", Operators: []string{"="}, Require: Required}},
	}
	p.addConnectionKeyColumns("things", schema)
	for _, k := range append(schema.ListCallKeyColumnList, schema.GetCallKeyColumnList...) {
		if k.Name == "workspace_id" && k.CacheMatch != query_cache.CacheMatchExact {
			t.Errorf("workspace_id key column %v: cache match %q, want exact", k.Operators, k.CacheMatch)
		}
	}
	if len(schema.GetCallKeyColumnList) != 2 {
		t.Errorf("get key columns %v, want id and the connection key column", schema.GetCallKeyColumnList)
	}
}
