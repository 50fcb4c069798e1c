package main

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pipeworks/steampipe-plugin-prolific/internal/host"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
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
	h, schema, err := pluginServer(opts.connection, config)
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
	q := host.Query{Table: opts.table, Columns: columns, Quals: quals, Limit: opts.limit}
	err = stream(ctx, h, q, out, &rows)
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

// hosts holds the plugins this process has configured, by connection and settings. A run of the command uses one;
// the tests run the command many times in one process, and setting up a plugin takes half a second (the SDK builds
// its query cache even when no query uses it).
var hosts = struct {
	sync.Mutex
	byConfig map[[2]string]*configuredHost
}{byConfig: map[[2]string]*configuredHost{}}

type configuredHost struct {
	host   *host.Host
	schema map[string]*proto.TableSchema
}

// pluginServer returns the plugin in this process with the connection configured, and its table schemas. Every
// query runs with the query cache off: an export reads the API every time. The plugin logs nothing unless the user
// asks for its log with STEAMPIPE_LOG_LEVEL: stderr is for the export's own messages.
func pluginServer(connection, config string) (*host.Host, map[string]*proto.TableSchema, error) {
	hosts.Lock()
	defer hosts.Unlock()
	key := [2]string{connection, config}
	if c := hosts.byConfig[key]; c != nil {
		return c.host, c.schema, nil
	}
	// Warnings reach stderr by default: they say when a result may be incomplete (a batch whose count differs from
	// its rows, items that could not be rows, a deprecated endpoint). STEAMPIPE_LOG_LEVEL still chooses another level.
	h := host.Start(host.Options{Connection: connection, Cache: host.NoCache, LogLevel: "warn"})
	if err := h.Configure(config); err != nil {
		return nil, nil, configError{fmt.Errorf("connection %q: %w", connection, err)}
	}
	schema, err := h.Schema()
	if err != nil {
		return nil, nil, configError{fmt.Errorf("connection %q: %w", connection, err)}
	}
	declaredKeysOnly(schema)
	hosts.byConfig[key] = &configuredHost{h, schema}
	return h, schema, nil
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

// stream runs the query and writes each row as it arrives, up to limit rows when limit is above zero. The stream
// ends with a nil row after success, or with the plugin's error.
func stream(ctx context.Context, h *host.Host, q host.Query, out rowWriter, rows *atomic.Int64) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel() // on an early return, stops the plugin's scan
	local := h.Stream(ctx, q)
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
		if rows.Add(1) == q.Limit {
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
