package plugin

import (
	"context"
	"testing"

	sdkgrpc "github.com/turbot/steampipe-plugin-sdk/v5/grpc"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin/transform"
	grpclib "google.golang.org/grpc"
)

// The child lists of a parent list stream rows at the same time, each from its own goroutine, while another goroutine
// sends rows with the count so far: the query's counters must be shared safely (go test -race finds it when they
// are not), and no row may go uncounted.

type countingStream struct {
	grpclib.ServerStream
	rows, lastRowsFetched int64
}

func (s *countingStream) Send(r *proto.ExecuteResponse) error {
	if r != nil && r.Row != nil {
		s.rows++
		s.lastRowsFetched = max(s.lastRowsFetched, r.Metadata.GetRowsFetched())
	}
	return nil
}

func (s *countingStream) Context() context.Context { return context.Background() }

func TestQueryCountersAreSharedByEveryListGoroutine(t *testing.T) {
	const parents, childrenEach = 8, 500
	parentList := func(ctx context.Context, d *QueryData, _ *HydrateData) (interface{}, error) {
		for p := int64(0); p < parents; p++ {
			d.StreamListItem(ctx, p)
		}
		return nil, nil
	}
	childList := func(ctx context.Context, d *QueryData, h *HydrateData) (interface{}, error) {
		for c := int64(0); c < childrenEach; c++ {
			d.StreamListItem(ctx, h.Item.(int64)*childrenEach+c)
		}
		return nil, nil
	}
	srv := Server(&ServeOpts{PluginFunc: func(context.Context) *Plugin {
		return &Plugin{Name: "counters", TableMap: map[string]*Table{"children": {Name: "children",
			List:    &ListConfig{ParentHydrate: parentList, Hydrate: childList},
			Columns: []*Column{{Name: "n", Type: proto.ColumnType_INT, Transform: transform.FromValue()}}}}}
	}})
	if _, err := srv.SetAllConnectionConfigs(&proto.SetAllConnectionConfigsRequest{
		Configs: []*proto.ConnectionConfig{{Connection: "c", Plugin: "counters", PluginShortName: "counters"}},
	}); err != nil {
		t.Fatal(err)
	}
	stream := &countingStream{}
	err := srv.Execute(&proto.ExecuteRequest{Table: "children", Connection: "c", CallId: sdkgrpc.BuildCallId(),
		QueryContext:          proto.NewQueryContext([]string{"n"}, nil, -1, nil),
		ExecuteConnectionData: map[string]*proto.ExecuteConnectionData{"c": {}}}, stream)
	if err != nil {
		t.Fatal(err)
	}
	if stream.rows != parents*childrenEach || stream.lastRowsFetched != parents*childrenEach {
		t.Errorf("got %d rows, the last counted as row %d; want %d and %d", stream.rows, stream.lastRowsFetched,
			parents*childrenEach, parents*childrenEach)
	}
}
