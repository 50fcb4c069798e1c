package plugin

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/turbot/steampipe-plugin-sdk/v5/anywhere"
	sdkgrpc "github.com/turbot/steampipe-plugin-sdk/v5/grpc"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin/transform"
	"github.com/turbot/steampipe-plugin-sdk/v5/query_cache"
	grpclib "google.golang.org/grpc"
)

// A scan that fails must fail: Execute may never end as if every row had been read when a list call, a key column
// check or a hydrate returned an error. These tests repeat each case because the errors were lost to races between
// the error channels and the end-of-rows marker, which a single run hits only now and then.

const executeErrorsRuns = 40

var errAfterRows = errors.New("connection reset after some rows")

func listThreeRowsThenFail(ctx context.Context, d *QueryData, _ *HydrateData) (interface{}, error) {
	for i := 1; i <= 3; i++ {
		d.StreamListItem(ctx, i)
	}
	return nil, errAfterRows
}

func executeErrorsPlugin(context.Context) *Plugin {
	columns := []*Column{{Name: "n", Type: proto.ColumnType_INT, Transform: transform.FromValue()}}
	return &Plugin{
		Name: "execute_errors",
		TableMap: map[string]*Table{
			"rows_then_error": {Name: "rows_then_error", Columns: columns,
				List: &ListConfig{Hydrate: listThreeRowsThenFail}},
			"required_qual": {Name: "required_qual", Columns: columns,
				List: &ListConfig{Hydrate: listHydrate, KeyColumns: SingleColumn("n")}},
		},
	}
}

func newExecuteErrorsServer(t *testing.T) *sdkgrpc.PluginServer {
	t.Helper()
	srv := Server(&ServeOpts{PluginFunc: executeErrorsPlugin})
	_, err := srv.SetAllConnectionConfigs(&proto.SetAllConnectionConfigsRequest{
		Configs:        []*proto.ConnectionConfig{{Connection: "c", Plugin: "execute_errors", PluginShortName: "execute_errors"}},
		MaxCacheSizeMb: 16,
	})
	if err != nil {
		t.Fatal(err)
	}
	return srv
}

func executeErrorsRequest(table string) *proto.ExecuteRequest {
	return &proto.ExecuteRequest{
		Table:                 table,
		Connection:            "c",
		CallId:                sdkgrpc.BuildCallId(),
		QueryContext:          proto.NewQueryContext([]string{"n"}, nil, -1, nil),
		ExecuteConnectionData: map[string]*proto.ExecuteConnectionData{"c": {}},
	}
}

// slowServerStream is a gRPC server stream whose client reads slowly, so that the scan has finished, and both its
// error and the end of its rows are waiting, by the time Execute comes back for the next row.
type slowServerStream struct {
	grpclib.ServerStream
	ctx  context.Context
	mu   sync.Mutex
	rows int
}

func (s *slowServerStream) Send(r *proto.ExecuteResponse) error {
	if r != nil && r.Row != nil {
		time.Sleep(time.Millisecond)
		s.mu.Lock()
		s.rows++
		s.mu.Unlock()
	}
	return nil
}

func (s *slowServerStream) Context() context.Context { return s.ctx }

func TestExecuteReturnsErrors(t *testing.T) {
	srv := newExecuteErrorsServer(t)
	tests := map[string]struct {
		table string
		want  string
	}{
		"error after rows":   {table: "rows_then_error", want: errAfterRows.Error()},
		"error before a row": {table: "required_qual", want: "missing 1 required qual"},
	}
	for name, test := range tests {
		t.Run(name, func(t *testing.T) {
			for run := 0; run < executeErrorsRuns; run++ {
				stream := &slowServerStream{ctx: context.Background()}
				err := srv.Execute(executeErrorsRequest(test.table), stream)
				if err == nil || !strings.Contains(err.Error(), test.want) {
					t.Fatalf("run %d: got %d rows and error %v, want an error containing %q", run, stream.rows, err, test.want)
				}
			}
		})
	}
}

func TestCallExecuteAsyncReturnsErrorsToLocalStream(t *testing.T) {
	srv := newExecuteErrorsServer(t)
	tests := map[string]struct {
		table string
		want  string
	}{
		"error after rows":   {table: "rows_then_error", want: errAfterRows.Error()},
		"error before a row": {table: "required_qual", want: "missing 1 required qual"},
	}
	for name, test := range tests {
		t.Run(name, func(t *testing.T) {
			for run := 0; run < executeErrorsRuns; run++ {
				rows, err := readLocalStream(srv, executeErrorsRequest(test.table))
				if err == nil || !strings.Contains(err.Error(), test.want) {
					t.Fatalf("run %d: got %d rows and error %v, want an error containing %q", run, rows, err, test.want)
				}
			}
		})
	}
}

// readLocalStream reads a local stream as an in-process reader does: rows until a nil row or an error.
func readLocalStream(srv *sdkgrpc.PluginServer, req *proto.ExecuteRequest) (int, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	stream := anywhere.NewLocalPluginStream(ctx)
	srv.CallExecuteAsync(req, stream)
	for rows := 0; ; rows++ {
		resp, err := stream.Recv()
		if err != nil {
			return rows, err
		}
		if resp == nil {
			return rows, nil
		}
		if resp.Row == nil {
			return rows, fmt.Errorf("response %d carries no row", rows)
		}
		time.Sleep(time.Millisecond)
	}
}

// streamRows must prefer a waiting error to the end of the rows, whichever the select would pick.
func TestStreamRowsPrefersErrorToEndOfRows(t *testing.T) {
	for run := 0; run < executeErrorsRuns; run++ {
		p := &Plugin{Name: "p", queryCache: &query_cache.QueryCache{}}
		d := &QueryData{
			Table:       &Table{Name: "t", Plugin: p},
			plugin:      p,
			Connection:  &Connection{Name: "c"},
			errorChan:   make(chan error, 1),
			queryStatus: newQueryStatus(nil),
		}
		d.errorChan <- errAfterRows
		rowChan := make(chan *proto.Row)
		close(rowChan)
		if err := d.streamRows(context.Background(), rowChan, make(chan bool)); !errors.Is(err, errAfterRows) {
			t.Fatalf("run %d: streamRows returned %v, want %v", run, err, errAfterRows)
		}
	}
}
