package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"
	"sync"

	"github.com/pipeworks/steampipe-plugin-prolific/internal/host"
	"github.com/turbot/steampipe-plugin-sdk/v5/anywhere"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
)

// engine is the plugin, run in this process by the in-process host (internal/host). One engine serves every SQLite
// connection of the process.
type engine struct {
	host   *host.Host
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
//
// The query cache works as in Steampipe: on, for 300 seconds, unless STEAMPIPE_CACHE or STEAMPIPE_CACHE_MAX_TTL say
// otherwise (read once, here: Go does not see later changes to the environment of the program that loaded it). The
// plugin logs only errors unless the user chose a level: the logs go to the standard error of that program (a
// notebook, the sqlite3 shell), where the SDK's warnings would repeat every error, which SQLite already reports,
// several times over. Neither setting is written to the environment, which belongs to the program that loaded the
// extension.
func getEngine() (*engine, error) {
	engineOnce.Do(func() {
		e := &engine{host: host.Start(host.Options{Cache: host.CacheFromEnvironment(os.LookupEnv), LogLevel: "error"})}
		if err := e.configure(""); err != nil {
			theEngineErr = err
			return
		}
		schema, err := e.host.Schema()
		if err != nil {
			theEngineErr = fmt.Errorf("prolific: %w", err)
			return
		}
		e.tables = newTables(schema)
		theEngine = e
	})
	return theEngine, theEngineErr
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

// setConfig sends a configuration to the plugin, which also sets up a new, empty query cache.
func (e *engine) setConfig(config string) error {
	if err := e.host.Configure(config); err != nil {
		return fmt.Errorf("prolific: the configuration is not valid: %w", err)
	}
	return nil
}

// argumentStart finds a space before "name =" that follows a quoted string or a number: where a line break
// belongs between two HCL arguments written on one line.
var argumentStart = regexp.MustCompile(`(["0-9])\s+([A-Za-z_][A-Za-z0-9_]*\s*=)`)

func oneArgumentPerLine(config string) string {
	return argumentStart.ReplaceAllString(config, "$1\n$2")
}

// execute starts one scan and returns the stream its rows arrive on. Cancelling ctx stops the scan.
func (e *engine) execute(ctx context.Context, t *table, columns []string, quals map[string]*proto.Quals, limit int64) *anywhere.LocalPluginStream {
	return e.host.Stream(ctx, host.Query{Table: t.name, Columns: columns, Quals: quals, Limit: limit})
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
