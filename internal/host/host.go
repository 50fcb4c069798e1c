// Package host runs the plugin inside the process that uses it, through the SDK's in-process server: the same server
// and code path as the Steampipe CLI's gRPC calls, without gRPC. The export CLI, the SQLite extension and the test
// harness are thin shells over it: it starts the plugin, gives it its one connection, builds each query's request
// with the host's cache settings, and converts the values that come back (values.go).
//
// Starting a host changes nothing in the process environment: every setting the engines need (cache lifetime, log
// level) is passed to the plugin through the SDK's own calls, not through os.Setenv, so a Python program that loads
// the SQLite extension keeps the environment it had.
package host

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"

	"github.com/hashicorp/go-hclog"

	"github.com/pipeworks/steampipe-plugin-prolific/prolific"
	"github.com/turbot/steampipe-plugin-sdk/v5/anywhere"
	sdkgrpc "github.com/turbot/steampipe-plugin-sdk/v5/grpc"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/logging"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

// DefaultConnection is the connection a host serves unless Options names another; the plugin's errors name it.
const DefaultConnection = "prolific"

// Options are what an engine chooses about its host. The zero value is a host of prolific.Plugin with the query
// cache off and the SDK's log level.
type Options struct {
	Connection string            // the connection's name; DefaultConnection when empty
	Plugin     plugin.PluginFunc // the plugin definition; prolific.Plugin when nil (the benchmark passes its floor)
	Cache      Cache             // the cache settings of every query that does not bring its own (Query.Cache)
	// LogLevel is the plugin's log level (trace, debug, info, warn, error, off) unless the user chose one with
	// STEAMPIPE_LOG_LEVEL or its legacy names; empty keeps the SDK's default (warn). The plugin logs to the standard
	// error of the process that hosts it, which is the user's terminal or notebook.
	LogLevel string
}

// Host is the plugin running in this process with one connection.
type Host struct {
	server     *sdkgrpc.PluginServer
	connection string
	cache      Cache
	mu         sync.Mutex // serialises configuration changes
}

// Start builds the plugin in this process. The connection has no configuration until Configure.
func Start(opts Options) *Host {
	pluginFunc := opts.Plugin
	if pluginFunc == nil {
		pluginFunc = prolific.Plugin
	}
	var definition *plugin.Plugin
	server := plugin.Server(&plugin.ServeOpts{PluginFunc: func(ctx context.Context) *plugin.Plugin {
		definition = pluginFunc(ctx)
		return definition
	}})
	if opts.LogLevel != "" && !logLevelChosen() {
		// The SDK reads the level from the environment once, into the logger it gives the plugin (also the standard
		// logger's output); setting it on that logger leaves the environment alone.
		definition.Logger.SetLevel(hclog.LevelFromString(opts.LogLevel))
	}
	connection := opts.Connection
	if connection == "" {
		connection = DefaultConnection
	}
	return &Host{server: server, connection: connection, cache: opts.Cache}
}

// logLevelChosen reports whether the user set the plugin's log level in the environment.
func logLevelChosen() bool {
	for _, name := range append([]string{logging.EnvLogLevel}, logging.LegacyLogLevelEnvVars...) {
		if _, set := os.LookupEnv(name); set {
			return true
		}
	}
	return false
}

// Connection is the name of the host's connection.
func (h *Host) Connection() string { return h.connection }

// ConfigError is a connection configuration the plugin refused; its text is the plugin's own message.
type ConfigError struct{ Message string }

func (e ConfigError) Error() string { return e.Message }

// Configure gives the connection its configuration (HCL, as in a connection block of prolific.spc) and starts a new,
// empty query cache, so that no result read with a previous configuration is served. A configuration the plugin
// refuses is a ConfigError.
func (h *Host) Configure(config string) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	resp, err := h.server.SetAllConnectionConfigs(ConfigRequest(h.connection, config))
	if failed := resp.GetFailedConnections()[h.connection]; failed != "" {
		return ConfigError{failed}
	}
	return err
}

// ConfigRequest is the request that gives a plugin its one connection, as Steampipe sends it, with the query cache's
// size (MaxCacheSizeMb): the SDK then builds a new, empty cache.
func ConfigRequest(connection, config string) *proto.SetAllConnectionConfigsRequest {
	return &proto.SetAllConnectionConfigsRequest{
		Configs: []*proto.ConnectionConfig{{Connection: connection, Plugin: "prolific", PluginShortName: "prolific",
			PluginInstance: "prolific", Config: config}},
		MaxCacheSizeMb: MaxCacheSizeMb,
	}
}

// Schema returns the connection's table schemas.
func (h *Host) Schema() (map[string]*proto.TableSchema, error) {
	resp, err := h.server.GetSchema(&proto.GetSchemaRequest{Connection: h.connection})
	if err != nil {
		return nil, fmt.Errorf("reading the plugin's schema: %w", err)
	}
	return resp.GetSchema().GetSchema(), nil
}

// Query is one scan of one table.
type Query struct {
	Table   string
	Columns []string // the columns to compute; the engine chooses them (the hydrates run only for these)
	Quals   map[string]*proto.Quals
	Limit   int64  // at most this many rows; 0 or less for no limit
	Cache   *Cache // this query's cache settings instead of the host's
}

// Request is the plugin call for q on the host's connection.
func (h *Host) Request(q Query) *proto.ExecuteRequest {
	cache := h.cache
	if q.Cache != nil {
		cache = *q.Cache
	}
	return NewRequest(h.connection, q, cache)
}

// NewRequest is the request Steampipe would send for q on connection, with the cache settings Steampipe sends with
// every query.
func NewRequest(connection string, q Query, cache Cache) *proto.ExecuteRequest {
	limit := q.Limit
	if limit <= 0 {
		limit = -1
	}
	data := &proto.ExecuteConnectionData{CacheEnabled: cache.Enabled, CacheTtl: int64(cache.TTL.Seconds())}
	if limit > 0 {
		data.Limit = &proto.NullableInt{Value: limit}
	}
	return &proto.ExecuteRequest{
		Table:                 q.Table,
		Connection:            connection,
		CallId:                sdkgrpc.BuildCallId(),
		QueryContext:          proto.NewQueryContext(q.Columns, q.Quals, limit, nil),
		ExecuteConnectionData: map[string]*proto.ExecuteConnectionData{connection: data},
	}
}

// Stream starts q and returns the stream its rows arrive on: each row, then a nil response after success, or the
// plugin's error. Cancelling ctx stops the scan.
func (h *Host) Stream(ctx context.Context, q Query) *anywhere.LocalPluginStream {
	stream := anywhere.NewLocalPluginStream(ctx)
	h.server.CallExecuteAsync(h.Request(q), stream)
	return stream
}

// Execute runs q synchronously, sending each response to stream, and returns the plugin's error.
func (h *Host) Execute(q Query, stream proto.WrapperPlugin_ExecuteServer) error {
	return h.server.Execute(h.Request(q), stream)
}

// SetRateLimiters replaces the plugin's rate limiter definitions by name, as a `limiter` block in the user's plugin
// configuration does.
func (h *Host) SetRateLimiters(definitions ...*proto.RateLimiterDefinition) error {
	_, err := h.server.SetRateLimiters(&proto.SetRateLimitersRequest{Definitions: definitions})
	return err
}

// IsConfigError reports whether err is a configuration the plugin refused.
func IsConfigError(err error) bool {
	var config ConfigError
	return errors.As(err, &config)
}
