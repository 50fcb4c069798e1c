package plugin

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	sdkgrpc "github.com/turbot/steampipe-plugin-sdk/v5/grpc"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin/transform"
	"github.com/turbot/steampipe-plugin-sdk/v5/rate_limiter"
)

// A fetch call runs with its limiter in its context, so that what it does can be bounded by the limiters'
// max_concurrency, a user's limiter block included; a column hydrate's context has none (the SDK holds its slot).

type fetchLimiterProbe struct {
	inFlight, peak, withoutLimiter, hydrateWithLimiter atomic.Int64
}

func fetchLimiterPlugin(probe *fetchLimiterProbe) PluginFunc {
	return func(context.Context) *Plugin {
		list := func(ctx context.Context, d *QueryData, _ *HydrateData) (interface{}, error) {
			limiter := rate_limiter.FetchLimiter(ctx)
			if limiter == nil {
				probe.withoutLimiter.Add(1)
				return nil, nil
			}
			release, err := limiter.Acquire(ctx)
			if err != nil {
				return nil, err
			}
			defer release()
			n := probe.inFlight.Add(1)
			for peak := probe.peak.Load(); n > peak && !probe.peak.CompareAndSwap(peak, n); peak = probe.peak.Load() {
			}
			time.Sleep(30 * time.Millisecond)
			probe.inFlight.Add(-1)
			d.StreamListItem(ctx, d.EqualsQualString("k"))
			return nil, nil
		}
		hydrate := func(ctx context.Context, _ *QueryData, h *HydrateData) (interface{}, error) {
			if rate_limiter.FetchLimiter(ctx) != nil {
				probe.hydrateWithLimiter.Add(1)
			}
			return h.Item, nil
		}
		return &Plugin{
			Name:         "fetch_limiter",
			RateLimiters: []*rate_limiter.Definition{{Name: "requests", MaxConcurrency: 2, Scope: []string{"connection"}}},
			TableMap: map[string]*Table{"things": {Name: "things", List: &ListConfig{Hydrate: list, KeyColumns: SingleColumn("k")},
				Columns: []*Column{
					{Name: "k", Type: proto.ColumnType_STRING, Transform: transform.FromValue()},
					{Name: "h", Type: proto.ColumnType_STRING, Hydrate: hydrate, Transform: transform.FromValue()},
				}}},
		}
	}
}

// fetchLimiterScan runs the list call once for each of 8 key values at once and returns the highest number of calls
// that held the limiter together.
func fetchLimiterScan(t *testing.T, srv *sdkgrpc.PluginServer, probe *fetchLimiterProbe) int64 {
	t.Helper()
	probe.peak.Store(0)
	list := &proto.QualValueList{}
	for _, v := range []string{"a", "b", "c", "d", "e", "f", "g", "h"} {
		list.Values = append(list.Values, &proto.QualValue{Value: &proto.QualValue_StringValue{StringValue: v}})
	}
	quals := map[string]*proto.Quals{"k": {Quals: []*proto.Qual{{FieldName: "k", Operator: &proto.Qual_StringValue{StringValue: "="},
		Value: &proto.QualValue{Value: &proto.QualValue_ListValue{ListValue: list}}}}}}
	stream := &rowsStream{}
	err := srv.Execute(&proto.ExecuteRequest{
		Table: "things", Connection: "c", CallId: sdkgrpc.BuildCallId(),
		QueryContext:          proto.NewQueryContext([]string{"k", "h"}, quals, -1, nil),
		ExecuteConnectionData: map[string]*proto.ExecuteConnectionData{"c": {}},
	}, stream)
	if err != nil {
		t.Fatal(err)
	}
	if len(stream.rows) != 8 {
		t.Fatalf("%d rows, want 8", len(stream.rows))
	}
	return probe.peak.Load()
}

func TestFetchCallsCarryTheirLimiter(t *testing.T) {
	probe := &fetchLimiterProbe{}
	srv := Server(&ServeOpts{PluginFunc: fetchLimiterPlugin(probe)})
	_, err := srv.SetAllConnectionConfigs(&proto.SetAllConnectionConfigsRequest{
		Configs:        []*proto.ConnectionConfig{{Connection: "c", Plugin: "fetch_limiter", PluginShortName: "fetch_limiter"}},
		MaxCacheSizeMb: 16,
	})
	if err != nil {
		t.Fatal(err)
	}
	if peak := fetchLimiterScan(t, srv, probe); peak != 2 {
		t.Errorf("the plugin's limiter (max_concurrency 2): %d list calls held it at once, want 2", peak)
	}
	// A limiter block in the user's config replaces the plugin's definition of the same name.
	_, err = srv.SetRateLimiters(&proto.SetRateLimitersRequest{Definitions: []*proto.RateLimiterDefinition{
		{Name: "requests", MaxConcurrency: 4, Scope: []string{"connection"}}}})
	if err != nil {
		t.Fatal(err)
	}
	if peak := fetchLimiterScan(t, srv, probe); peak != 4 {
		t.Errorf("the user's limiter (max_concurrency 4): %d list calls held it at once, want 4", peak)
	}
	if n := probe.withoutLimiter.Load(); n != 0 {
		t.Errorf("%d list calls ran without a limiter in their context", n)
	}
	if n := probe.hydrateWithLimiter.Load(); n != 0 {
		t.Errorf("%d column hydrate calls had a fetch limiter in their context", n)
	}
}
