package plugin

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"

	sdkgrpc "github.com/turbot/steampipe-plugin-sdk/v5/grpc"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin/transform"
	grpclib "google.golang.org/grpc"
)

// A scan computes every column of its list call, and the query cache stores them all, so a later query for other
// columns of the same rows must be served from the cache rather than call the list again (as the panels of a
// dashboard over one table do).

type cacheColumnsItem struct{ A, B, C string }

func cacheColumnsPlugin(lists *atomic.Int64) PluginFunc {
	return func(context.Context) *Plugin {
		list := func(ctx context.Context, d *QueryData, _ *HydrateData) (interface{}, error) {
			lists.Add(1)
			for _, v := range []string{"x", "y", "z"} {
				d.StreamListItem(ctx, &cacheColumnsItem{A: "a" + v, B: "b" + v, C: "c" + v})
			}
			return nil, nil
		}
		var columns []*Column
		for _, name := range []string{"a", "b", "c"} {
			columns = append(columns, &Column{Name: name, Type: proto.ColumnType_STRING, Transform: transform.FromCamel()})
		}
		return &Plugin{Name: "cache_columns", TableMap: map[string]*Table{
			"things": {Name: "things", Columns: columns, List: &ListConfig{Hydrate: list}},
		}}
	}
}

type rowsStream struct {
	grpclib.ServerStream
	mu   sync.Mutex
	rows []*proto.Row
}

func (s *rowsStream) Send(r *proto.ExecuteResponse) error {
	if r != nil && r.Row != nil {
		s.mu.Lock()
		s.rows = append(s.rows, r.Row)
		s.mu.Unlock()
	}
	return nil
}

func (s *rowsStream) Context() context.Context { return context.Background() }

func TestCacheServesOtherColumnsOfCachedRows(t *testing.T) {
	var lists atomic.Int64
	srv := Server(&ServeOpts{PluginFunc: cacheColumnsPlugin(&lists)})
	_, err := srv.SetAllConnectionConfigs(&proto.SetAllConnectionConfigsRequest{
		Configs:        []*proto.ConnectionConfig{{Connection: "c", Plugin: "cache_columns", PluginShortName: "cache_columns"}},
		MaxCacheSizeMb: 16,
	})
	if err != nil {
		t.Fatal(err)
	}
	for i, columns := range [][]string{{"a"}, {"b"}, {"c", "a"}} {
		stream := &rowsStream{}
		err := srv.Execute(&proto.ExecuteRequest{
			Table: "things", Connection: "c", CallId: sdkgrpc.BuildCallId(),
			QueryContext:          proto.NewQueryContext(columns, nil, -1, nil),
			ExecuteConnectionData: map[string]*proto.ExecuteConnectionData{"c": {CacheEnabled: true, CacheTtl: 300}},
		}, stream)
		if err != nil {
			t.Fatal(err)
		}
		if len(stream.rows) != 3 {
			t.Fatalf("query %d (%v): %d rows, want 3", i+1, columns, len(stream.rows))
		}
		for _, row := range stream.rows {
			for _, column := range columns {
				if v := row.Columns[column].GetStringValue(); len(v) != 2 || v[0] != column[0] {
					t.Errorf("query %d: column %s = %q", i+1, column, v)
				}
			}
		}
	}
	if n := lists.Load(); n != 1 {
		t.Errorf("the list call ran %d times for three queries of the same rows, want once (the others from the cache)", n)
	}
}
