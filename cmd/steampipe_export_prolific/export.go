package main

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pipeworks/steampipe-plugin-prolific/prolific"
	"github.com/turbot/steampipe-plugin-sdk/v5/anywhere"
	sdkgrpc "github.com/turbot/steampipe-plugin-sdk/v5/grpc"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

// exportError is a failure after the export started: rows written so far are incomplete.
type exportError struct {
	err         error
	rows        int64
	interrupted bool
}

func (e exportError) Error() string { return e.err.Error() }
func (e exportError) Unwrap() error { return e.err }

// sdkColumns are the columns the SDK adds to every table. They describe the connection, not the data, so the export
// leaves them out unless --select names them.
var sdkColumns = []string{"sp_connection_name", "sp_ctx", "_ctx"}

// export checks the command line against the plugin's schema, then streams the table to stdout.
func export(ctx context.Context, opts options, env environment) error {
	if !slices.Contains(tableNames(), opts.table) {
		return usagef("no table %q. Tables: %s", opts.table, strings.Join(tableNames(), ", "))
	}
	config, err := connectionConfig(opts, env.lookup)
	if err != nil {
		return configError{err}
	}
	server, schema, err := pluginServer(opts.connection, config)
	if err != nil {
		return err
	}
	table := schema[opts.table]
	columns, err := selectColumns(table, opts.table, opts.columns)
	if err != nil {
		return err
	}
	quals, err := buildQuals(table, opts.table, opts.wheres)
	if err != nil {
		return err
	}
	if err := checkRequiredQuals(table, opts.table, quals); err != nil {
		return err
	}
	out, err := newRowWriter(opts.output, env.stdout, columns)
	if err != nil {
		return err
	}
	var rows atomic.Int64
	progress := startProgress(env, &rows)
	err = stream(ctx, server, executeRequest(opts, columns, quals), opts.limit, out, &rows)
	progress.stop(err == nil)
	if err == nil {
		err = out.finish()
	} else {
		out.abandon() // the rows counted in the error message reach stdout; the error says they are incomplete
	}
	if err != nil {
		return exportError{err: err, rows: rows.Load(), interrupted: ctx.Err() != nil}
	}
	return nil
}

// servers holds the plugin servers this process has configured, by connection and settings. A run of the command
// uses one; the tests run the command many times in one process, and setting up a server takes half a second (the
// SDK builds its query cache even when no query uses it).
var servers = struct {
	sync.Mutex
	byConfig map[[2]string]*configuredServer
}{byConfig: map[[2]string]*configuredServer{}}

type configuredServer struct {
	server *sdkgrpc.PluginServer
	schema map[string]*proto.TableSchema
}

// pluginServer returns a plugin server in this process with the connection configured, and its table schemas.
func pluginServer(connection, config string) (*sdkgrpc.PluginServer, map[string]*proto.TableSchema, error) {
	servers.Lock()
	defer servers.Unlock()
	key := [2]string{connection, config}
	if s := servers.byConfig[key]; s != nil {
		return s.server, s.schema, nil
	}
	server := plugin.Server(&plugin.ServeOpts{PluginFunc: prolific.Plugin})
	schema, err := configure(server, connection, config)
	if err != nil {
		return nil, nil, err
	}
	servers.byConfig[key] = &configuredServer{server, schema}
	return server, schema, nil
}

// configure gives the plugin its one connection and returns the connection's table schemas.
func configure(server *sdkgrpc.PluginServer, connection, config string) (map[string]*proto.TableSchema, error) {
	resp, err := server.SetAllConnectionConfigs(&proto.SetAllConnectionConfigsRequest{
		Configs: []*proto.ConnectionConfig{{
			Connection: connection, Plugin: "prolific", PluginShortName: "prolific", PluginInstance: "prolific",
			Config: config,
		}},
		MaxCacheSizeMb: 0, // every query runs with the cache off (CacheEnabled false), but the SDK needs one to exist
	})
	if err == nil && resp != nil {
		if failure, failed := resp.FailedConnections[connection]; failed {
			err = errors.New(failure)
		}
	}
	if err != nil {
		return nil, configError{fmt.Errorf("connection %q: %w", connection, err)}
	}
	schema, err := server.GetSchema(&proto.GetSchemaRequest{Connection: connection})
	if err != nil {
		return nil, configError{fmt.Errorf("connection %q: reading the plugin's schema: %w", connection, err)}
	}
	return schema.GetSchema().GetSchema(), nil
}

// selectColumns returns the columns to export: --select as given, or every column of the table in its own order.
func selectColumns(table *proto.TableSchema, tableName string, selected []string) ([]string, error) {
	var all []string
	for _, c := range table.GetColumns() {
		all = append(all, c.GetName())
	}
	if len(selected) == 0 {
		return slices.DeleteFunc(all, func(name string) bool { return slices.Contains(sdkColumns, name) }), nil
	}
	for _, name := range selected {
		if !slices.Contains(all, name) {
			return nil, usagef("--select: %s has no column %q. Its columns: %s", tableName, name, strings.Join(all, ", "))
		}
	}
	return selected, nil
}

// executeRequest is the plugin call for the table, the columns and the quals, with the query cache off: an export
// reads the API every time.
func executeRequest(opts options, columns []string, quals map[string]*proto.Quals) *proto.ExecuteRequest {
	limit := int64(-1)
	if opts.limit > 0 {
		limit = opts.limit
	}
	connectionData := &proto.ExecuteConnectionData{CacheEnabled: false}
	if limit > 0 {
		connectionData.Limit = &proto.NullableInt{Value: limit}
	}
	return &proto.ExecuteRequest{
		Table:                 opts.table,
		Connection:            opts.connection,
		CallId:                sdkgrpc.BuildCallId(),
		QueryContext:          proto.NewQueryContext(columns, quals, limit, nil),
		ExecuteConnectionData: map[string]*proto.ExecuteConnectionData{opts.connection: connectionData},
	}
}

// stream runs the request through the SDK's local stream and writes each row as it arrives, up to limit rows when
// limit is above zero. The stream ends with a nil row after success, or with the plugin's error.
func stream(ctx context.Context, server *sdkgrpc.PluginServer, req *proto.ExecuteRequest, limit int64, out rowWriter, rows *atomic.Int64) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel() // on an early return, stops the plugin's scan
	local := anywhere.NewLocalPluginStream(ctx)
	server.CallExecuteAsync(req, local)
	for {
		resp, err := local.Recv()
		if err != nil {
			return err
		}
		if resp == nil {
			return nil
		}
		if resp.Row == nil {
			continue
		}
		if err := out.write(resp.Row.Columns); err != nil {
			return fmt.Errorf("writing the output: %w", err)
		}
		if rows.Add(1) == limit {
			return nil // the SDK may stream a few rows past the limit before it stops
		}
	}
}

// progress writes "N rows, T s" over itself on stderr while the export runs, when stderr is a terminal.
type progress struct {
	done chan bool
	wait chan struct{}
}

const progressInterval = 500 * time.Millisecond

func startProgress(env environment, rows *atomic.Int64) *progress {
	p := &progress{done: make(chan bool), wait: make(chan struct{})}
	if !env.terminal {
		close(p.wait)
		return p
	}
	start := time.Now()
	line := func() string {
		return fmt.Sprintf("\r\x1b[K%s: %s, %.1f s", command, rowCount(rows.Load()), time.Since(start).Seconds())
	}
	go func() {
		defer close(p.wait)
		ticker := time.NewTicker(progressInterval)
		defer ticker.Stop()
		for {
			select {
			case <-ticker.C:
				_, _ = fmt.Fprint(env.stderr, line())
			case ok := <-p.done:
				if ok {
					_, _ = fmt.Fprintln(env.stderr, line()+", done")
				} else {
					_, _ = fmt.Fprintln(env.stderr, line())
				}
				return
			}
		}
	}()
	return p
}

// stop writes the last progress line, so that an error message that follows starts on a line of its own.
func (p *progress) stop(ok bool) {
	select {
	case <-p.wait:
		return
	default:
	}
	p.done <- ok
	<-p.wait
}
