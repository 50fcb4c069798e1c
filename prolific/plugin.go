// Package prolific is a Steampipe plugin that turns the Prolific API (https://docs.prolific.com) into SQL tables.
package prolific

import (
	"context"
	"os"

	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
	"github.com/turbot/steampipe-plugin-sdk/v5/query_cache"
	"github.com/turbot/steampipe-plugin-sdk/v5/rate_limiter"
)

// freeMemIntervalEnvVar is the SDK's setting for how often, in streamed rows, it forces a full garbage collection
// and returns memory to the operating system (debug.FreeOSMemory). The SDK's default is every 100 rows; the plugin
// turns it off (0) unless the user has set the variable (docs/index.md, "Memory and speed"). The forced collections
// held RSS down only because the SDK's query cache reserved 50-320 MB of heap at start, which the garbage collector
// paced itself on; with that fixed (patches/sdk/0003) the collector keeps a streaming read flat by itself. make bench,
// plugin over go-plugin at 100,000 responses, plugin process: every 1000 rows 13.7-14.7 s CPU and 47 MB peak RSS;
// off 7.7-8.4 s CPU and 48 MB. Before 0003 it was 30 s at 95 MB (1000) and 11 s at 140 MB (off).
const (
	freeMemIntervalEnvVar  = "STEAMPIPE_FREE_MEM_INTERVAL"
	defaultFreeMemInterval = "0"
)

// cacheMaxTTLEnvVar bounds how long the query cache of an engine that hosts the plugin itself (the PostgreSQL and
// SQLite extensions, the export CLI) keeps a result. Their default is 10 hours, long enough for a dashboard to show
// a batch's answers from the morning all day. The plugin sets Steampipe's own default, 300 seconds, unless the user
// has set the variable (docs/index.md, "Caching"). Steampipe itself sends its cache settings with each query, so
// this does not change what the Steampipe CLI does.
const (
	cacheMaxTTLEnvVar  = "STEAMPIPE_CACHE_MAX_TTL"
	defaultCacheMaxTTL = "300"
)

// apiLimiter bounds the requests one connection makes, whatever the query: an IN list of many batches or a large
// join fans out into many scans, and Prolific's limits are per workspace and unpublished (docs/api-evidence.md
// ("Rate limits")). Its max_concurrency is the one bound on the requests a connection has open at once (Client.acquire,
// patches/sdk/0007). Users override it by name in their plugin block, for example
//
//	plugin "local/prolific" { limiter "prolific_api" { max_concurrency = 10 } }
//
// or add limiters for one endpoint family (limiters.go). docs/index.md ("Errors, retries and limits") documents the
// defaults.
var apiLimiter = &rate_limiter.Definition{
	Name:           "prolific_api",
	MaxConcurrency: 5,  // requests of one connection that may be open at once
	FillRate:       25, // scans or pages started per second, after a burst of BucketSize
	BucketSize:     25,
	Scope:          []string{"connection"},
}

// Plugin returns the plugin definition that main.go serves and the PostgreSQL extension build links in.
func Plugin(ctx context.Context) *plugin.Plugin {
	for name, value := range map[string]string{freeMemIntervalEnvVar: defaultFreeMemInterval, cacheMaxTTLEnvVar: defaultCacheMaxTTL} {
		if _, set := os.LookupEnv(name); !set {
			_ = os.Setenv(name, value)
		}
	}
	p := &plugin.Plugin{
		Name:         "steampipe-plugin-prolific",
		RateLimiters: []*rate_limiter.Definition{apiLimiter},
		ConnectionConfigSchema: &plugin.ConnectionConfigSchema{
			NewInstance: ConfigInstance,
		},
		TableMap: map[string]*plugin.Table{
			"prolific_batch":                    tableProlificBatch(ctx),
			"prolific_batch_export":             tableProlificBatchExport(ctx),
			"prolific_batch_instruction":        tableProlificBatchInstruction(ctx),
			"prolific_batch_response":           tableProlificBatchResponse(ctx),
			"prolific_collection":               tableProlificCollection(ctx),
			"prolific_dataset":                  tableProlificDataset(ctx),
			"prolific_participant_group":        tableProlificParticipantGroup(ctx),
			"prolific_participant_group_member": tableProlificParticipantGroupMember(ctx),
			"prolific_project":                  tableProlificProject(ctx),
			"prolific_study":                    tableProlificStudy(ctx),
			"prolific_submission":               tableProlificSubmission(ctx),
			"prolific_user":                     tableProlificUser(ctx),
			"prolific_workspace":                tableProlificWorkspace(ctx),
		},
	}
	cacheOnlyExactQuals(p.TableMap)
	tagEndpoints(p.TableMap)
	return p
}

// cacheOnlyExactQuals lets the query cache answer a query only from a scan with the same key-column values. The SDK's
// default ("subset") answers `where id = 'x'` from an earlier scan without that qual, filtering its rows, on the
// assumption that a table's list holds every object its get can fetch. Prolific's lists do not: a get by id reaches
// objects no list shows (a workspace the token can open but that is not listed, a study outside the listed projects),
// and a list without workspace_id covers only the workspaces the token lists. A subset match would then return no row
// where the API has one. Found through the Steampipe CLI, whose cache is on by default.
func cacheOnlyExactQuals(tables map[string]*plugin.Table) {
	for _, table := range tables {
		var keyColumns plugin.KeyColumnSlice
		if table.List != nil {
			keyColumns = append(keyColumns, table.List.KeyColumns...)
		}
		if table.Get != nil {
			keyColumns = append(keyColumns, table.Get.KeyColumns...)
		}
		for _, column := range keyColumns {
			column.CacheMatch = query_cache.CacheMatchExact
		}
	}
}
