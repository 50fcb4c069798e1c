package plugin

import (
	"context"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	sdkgrpc "github.com/turbot/steampipe-plugin-sdk/v5/grpc"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin/transform"
	grpclib "google.golang.org/grpc"
)

// A scan larger than the query cache's bound for one scan streams through uncached: every row reaches the reader, in
// order, even a reader slower than the scan, the cache keeps none of it, and a later query reads the rows again. A
// scan under the bound is cached as before.

type scanBoundItem struct {
	N    int64
	Text string
}

func scanBoundPlugin(lists *atomic.Int64) PluginFunc {
	return func(context.Context) *Plugin {
		list := func(ctx context.Context, d *QueryData, _ *HydrateData) (interface{}, error) {
			lists.Add(1)
			rows := d.EqualsQuals["rows"].GetInt64Value()
			text := strings.Repeat("x", 1000)
			for n := int64(0); n < rows; n++ {
				d.StreamListItem(ctx, &scanBoundItem{N: n, Text: text})
			}
			return nil, nil
		}
		return &Plugin{Name: "scan_bound", TableMap: map[string]*Table{
			"things": {Name: "things", List: &ListConfig{Hydrate: list, KeyColumns: SingleColumn("rows")}, Columns: []*Column{
				{Name: "rows", Type: proto.ColumnType_INT, Transform: transform.FromQual("rows")},
				{Name: "n", Type: proto.ColumnType_INT, Transform: transform.FromField("N")},
				{Name: "text", Type: proto.ColumnType_STRING, Transform: transform.FromField("Text")},
			}},
		}}
	}
}

// slowStream counts rows and repeated rows, and reads slower than the scan produces them.
type slowStream struct {
	grpclib.ServerStream
	seen map[int64]bool
	rows int64
	bad  int64
}

func (s *slowStream) Send(r *proto.ExecuteResponse) error {
	if r != nil && r.Row != nil {
		n := r.Row.Columns["n"].GetIntValue()
		if s.seen[n] {
			s.bad++
		}
		s.seen[n] = true
		s.rows++
		if s.rows%500 == 0 {
			time.Sleep(time.Millisecond)
		}
	}
	return nil
}

func (s *slowStream) Context() context.Context { return context.Background() }

// scanBoundServer is a plugin server with a cache of 1 GB, where a scan may write 8 MB of rows to the cache, and a
// function that runs a query of that many rows through it and checks every row arrived once.
func scanBoundServer(t *testing.T, lists *atomic.Int64) func(rows int64) *slowStream {
	srv := Server(&ServeOpts{PluginFunc: scanBoundPlugin(lists)})
	// a cache of 1 GB: a scan may write 8 MB of rows to it
	if _, err := srv.SetAllConnectionConfigs(&proto.SetAllConnectionConfigsRequest{
		Configs:        []*proto.ConnectionConfig{{Connection: "c", Plugin: "scan_bound", PluginShortName: "scan_bound"}},
		MaxCacheSizeMb: 1024,
	}); err != nil {
		t.Fatal(err)
	}
	query := func(rows int64) *slowStream {
		t.Helper()
		stream := &slowStream{seen: map[int64]bool{}}
		quals := map[string]*proto.Quals{"rows": {Quals: []*proto.Qual{{FieldName: "rows",
			Operator: &proto.Qual_StringValue{StringValue: "="}, Value: &proto.QualValue{Value: &proto.QualValue_Int64Value{Int64Value: rows}}}}}}
		err := srv.Execute(&proto.ExecuteRequest{
			Table: "things", Connection: "c", CallId: sdkgrpc.BuildCallId(),
			QueryContext:          proto.NewQueryContext([]string{"rows", "n", "text"}, quals, -1, nil),
			ExecuteConnectionData: map[string]*proto.ExecuteConnectionData{"c": {CacheEnabled: true, CacheTtl: 300}},
		}, stream)
		if err != nil {
			t.Fatal(err)
		}
		if stream.rows != rows || stream.bad != 0 {
			t.Fatalf("%d rows: got %d rows, %d of them repeated", rows, stream.rows, stream.bad)
		}
		return stream
	}
	return query
}

func TestLargeScanStreamsThroughUncached(t *testing.T) {
	var lists atomic.Int64
	query := scanBoundServer(t, &lists)

	// 40,000 rows of about 1 KB: 40 MB in the cache without a bound
	const large = 40000
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	query(large)
	runtime.GC()
	runtime.ReadMemStats(&after)
	held := (float64(after.HeapAlloc) - float64(before.HeapAlloc)) / (1 << 20)
	t.Logf("after a scan of %d rows of 1 KB the heap holds %.1f MB more", large, held)
	if held > 32 {
		t.Errorf("after a scan of %d rows of 1 KB the heap holds %.1f MB more; want at most 32 MB (the bound is 8 MB)", large, held)
	}
	query(large)
	if n := lists.Load(); n != 2 {
		t.Errorf("two scans of %d rows called the list %d times; want 2, the first too large to cache", large, n)
	}

	// a scan under the bound is cached as before
	calls := lists.Load()
	query(100)
	query(100)
	if n := lists.Load() - calls; n != 1 {
		t.Errorf("two scans of 100 rows called the list %d times; want once, the second from the cache", n)
	}
}

// A scan that passes the bound writes nothing to the cache, so scan after scan leaves nothing behind: pages written
// and then deleted would keep the memory of the cache's shards (each grown to hold a page, with a buffer the size of
// its largest entry), about 10 MB a scan here, until the cache's whole size. The heap is read after the last query
// returns, when the last scan may not have let go of its own rows yet: that is one scan's worth, not ten.
func TestLargeScansLeaveNothingInTheCache(t *testing.T) {
	var lists atomic.Int64
	query := scanBoundServer(t, &lists)
	const large, scans = 40000, 10
	query(large) // the first scan sets up what every later one shares
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for range scans {
		query(large)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	held := (float64(after.HeapAlloc) - float64(before.HeapAlloc)) / (1 << 20)
	t.Logf("after %d more scans of %d rows of 1 KB the heap holds %.1f MB more", scans, large, held)
	if held > 16 {
		t.Errorf("after %d more scans of %d rows of 1 KB the heap holds %.1f MB more; want at most 16 MB, none of them cached", scans, large, held)
	}
}
