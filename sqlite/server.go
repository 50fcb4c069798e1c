package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/pipeworks/steampipe-plugin-prolific/prolific"
	"github.com/turbot/steampipe-plugin-sdk/v5/anywhere"
	sdkgrpc "github.com/turbot/steampipe-plugin-sdk/v5/grpc"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/logging"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

// connectionName is the one connection the extension serves; the plugin's errors name it.
const connectionName = "prolific"

// Cache settings, read as Steampipe reads them: STEAMPIPE_CACHE=false turns the query cache off, and
// STEAMPIPE_CACHE_MAX_TTL sets how long results are kept, in seconds (300 by default, as in Steampipe).
const (
	cacheEnvVar     = "STEAMPIPE_CACHE"
	cacheTTLEnvVar  = "STEAMPIPE_CACHE_MAX_TTL"
	defaultCacheTTL = 300
	cacheSizeMb     = 32
)

// engine is the plugin, run in this process through the SDK's in-process server: the same server and code path as
// the Steampipe CLI's gRPC calls, without gRPC. One engine serves every SQLite connection of the process.
type engine struct {
	server *sdkgrpc.PluginServer
	tables []*table
	mu     sync.Mutex // serialises configuration changes
	config string     // the configuration in force
}

var (
	theEngine    *engine
	theEngineErr error
	engineOnce   sync.Once
)

// getEngine starts the plugin on first use with an empty configuration, so that PROLIFIC_TOKEN and PROLIFIC_URL
// work without a call to steampipe_configure_prolific.
func getEngine() (*engine, error) {
	engineOnce.Do(func() {
		quietLogs()
		e := &engine{server: plugin.Server(&plugin.ServeOpts{PluginFunc: prolific.Plugin})}
		if err := e.configure(""); err != nil {
			theEngineErr = err
			return
		}
		resp, err := e.server.GetSchema(&proto.GetSchemaRequest{Connection: connectionName})
		if err != nil {
			theEngineErr = fmt.Errorf("prolific: reading the plugin's schema failed: %w", err)
			return
		}
		e.tables = newTables(resp.GetSchema().GetSchema())
		theEngine = e
	})
	return theEngine, theEngineErr
}

// quietLogs sets the plugin's log level to error unless the user chose one. The logs go to the standard error of
// the program that loaded the extension (a notebook, the sqlite3 shell), where the SDK's warnings would repeat
// every error, which SQLite already reports, several times over.
func quietLogs() {
	for _, name := range append([]string{logging.EnvLogLevel}, logging.LegacyLogLevelEnvVars...) {
		if _, set := os.LookupEnv(name); set {
			return
		}
	}
	_ = os.Setenv(logging.EnvLogLevel, "error")
}

// configure replaces the connection's configuration (HCL, as in a connection block of prolific.spc) and empties
// the query cache, so that no result read with the previous configuration is served. A configuration that is not
// valid leaves the previous one in place.
func (e *engine) configure(config string) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	err := e.setConfig(config)
	if err != nil && !strings.Contains(config, "\n") {
		// HCL wants one argument per line; accept 'token = "..." base_url = "..."' on one line too.
		if split := oneArgumentPerLine(config); split != config && e.setConfig(split) == nil {
			e.config = split
			return nil
		}
	}
	if err != nil {
		if restoreErr := e.setConfig(e.config); restoreErr != nil {
			return fmt.Errorf("%w (restoring the previous configuration failed too: %v)", err, restoreErr)
		}
		return err
	}
	e.config = config
	return nil
}

// setConfig sends a configuration to the plugin, then sets up a new, empty query cache.
func (e *engine) setConfig(config string) error {
	resp, err := e.server.SetAllConnectionConfigs(&proto.SetAllConnectionConfigsRequest{
		Configs: []*proto.ConnectionConfig{{
			Connection: connectionName, Plugin: "prolific", PluginShortName: "prolific",
			PluginInstance: "prolific", Config: config,
		}},
		MaxCacheSizeMb: -1, // the cache is set up below
	})
	if failed := resp.GetFailedConnections()[connectionName]; failed != "" {
		return fmt.Errorf("prolific: the configuration is not valid: %s", failed)
	}
	if err != nil {
		return fmt.Errorf("prolific: the configuration is not valid: %w", err)
	}
	_, err = e.server.SetCacheOptions(&proto.SetCacheOptionsRequest{Enabled: cacheEnabled(), Ttl: cacheTTL(), MaxSizeMb: cacheSizeMb})
	return err
}

// argumentStart finds a space before "name =" that follows a quoted string or a number: where a line break
// belongs between two HCL arguments written on one line.
var argumentStart = regexp.MustCompile(`(["0-9])\s+([A-Za-z_][A-Za-z0-9_]*\s*=)`)

func oneArgumentPerLine(config string) string {
	return argumentStart.ReplaceAllString(config, "$1\n$2")
}

func cacheEnabled() bool {
	enabled, err := strconv.ParseBool(os.Getenv(cacheEnvVar))
	return err != nil || enabled
}

func cacheTTL() int64 {
	ttl, err := strconv.ParseInt(os.Getenv(cacheTTLEnvVar), 10, 64)
	if err != nil || ttl <= 0 {
		return defaultCacheTTL
	}
	return ttl
}

// execute starts one scan and returns the stream its rows arrive on. Cancelling ctx stops the scan.
func (e *engine) execute(ctx context.Context, t *table, columns []string, quals map[string]*proto.Quals, limit int64) *anywhere.LocalPluginStream {
	data := &proto.ExecuteConnectionData{CacheEnabled: cacheEnabled(), CacheTtl: cacheTTL()}
	if limit >= 0 {
		data.Limit = &proto.NullableInt{Value: limit}
	}
	req := &proto.ExecuteRequest{
		Table:                 t.name,
		QueryContext:          proto.NewQueryContext(columns, quals, limit, nil),
		CallId:                sdkgrpc.BuildCallId(),
		Connection:            connectionName,
		ExecuteConnectionData: map[string]*proto.ExecuteConnectionData{connectionName: data},
	}
	stream := anywhere.NewLocalPluginStream(ctx)
	e.server.CallExecuteAsync(req, stream)
	return stream
}

// pluginError turns a scan's error into the message SQLite shows: the table, then the plugin's own words, without
// the gRPC wrapping that in-process calls do not need.
func pluginError(t *table, err error) string {
	message := err.Error()
	for _, prefix := range []string{"rpc error: code = Internal desc = ", "rpc error: code = Unknown desc = "} {
		message = strings.TrimPrefix(message, prefix)
	}
	if errors.Is(err, context.Canceled) {
		message = "the query was cancelled"
	}
	return t.name + ": " + message
}
