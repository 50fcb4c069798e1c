// Package prolific is a Steampipe plugin that turns the Prolific API (https://docs.prolific.com) into SQL tables.
package prolific

import (
	"context"

	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
	"github.com/turbot/steampipe-plugin-sdk/v5/query_cache"
	"github.com/turbot/steampipe-plugin-sdk/v5/rate_limiter"
)

// apiLimiter bounds the requests one connection makes, whatever the query: an IN list of many batches or a large
// join fans out into many scans, and Prolific's limits are per workspace and unpublished (docs/api-evidence.md
// ("Rate limits")). Its max_concurrency is the one bound on the requests a connection has open at once (Client.acquire,
// patches/sdk/0008). Users override it by name in their plugin block, for example
//
//	plugin "local/prolific" {
//	  limiter "prolific_api" {
//	    max_concurrency = 10
//	    fill_rate       = 25
//	    bucket_size     = 25
//	    scope           = ["connection"]
//	  }
//	}
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

// Plugin returns the plugin definition that main.go serves and the PostgreSQL extension build links in, and that
// internal/host runs for the other engines. It changes nothing outside the definition it returns, the process
// environment included: the engines that link it in (the PostgreSQL and SQLite extensions) run inside another
// program's process. The settings it once wrote there have their own places now: the SDK's forced garbage collection
// is off by default in the patched SDK (patches/sdk/0007-free-mem-interval-off-by-default.patch), and the engines that
// host the plugin themselves keep query results for Steampipe's 300 seconds (internal/host.DefaultCacheTTL;
// patches/fdw/0003-cache-ttl-as-steampipe.patch for the PostgreSQL extension).
func Plugin(ctx context.Context) *plugin.Plugin {
	p := &plugin.Plugin{
		Name:         "steampipe-plugin-prolific",
		RateLimiters: []*rate_limiter.Definition{apiLimiter},
		// workspace_id routes an aggregator's query to the connections that can see the workspace (connection_keys.go).
		ConnectionKeyColumns: connectionKeyColumns(),
		ConnectionConfigSchema: &plugin.ConnectionConfigSchema{
			NewInstance: ConfigInstance,
		},
		TableMap: map[string]*plugin.Table{
			"prolific_batch":                    tableProlificBatch(ctx),
			"prolific_batch_export":             tableProlificBatchExport(ctx),
			"prolific_batch_instruction":        tableProlificBatchInstruction(ctx),
			"prolific_batch_response":           tableProlificBatchResponse(ctx),
			"prolific_collection":               tableProlificCollection(ctx),
			"prolific_collection_export":        tableProlificCollectionExport(ctx),
			"prolific_dataset":                  tableProlificDataset(ctx),
			"prolific_filter":                   tableProlificFilter(ctx),
			"prolific_filter_set":               tableProlificFilterSet(ctx),
			"prolific_hook_event":               tableProlificHookEvent(ctx),
			"prolific_hook_event_type":          tableProlificHookEventType(ctx),
			"prolific_hook_subscription":        tableProlificHookSubscription(ctx),
			"prolific_message":                  tableProlificMessage(ctx),
			"prolific_participant_group":        tableProlificParticipantGroup(ctx),
			"prolific_participant_group_member": tableProlificParticipantGroupMember(ctx),
			"prolific_project":                  tableProlificProject(ctx),
			"prolific_study":                    tableProlificStudy(ctx),
			"prolific_study_cost":               tableProlificStudyCost(ctx),
			"prolific_submission":               tableProlificSubmission(ctx),
			"prolific_survey":                   tableProlificSurvey(ctx),
			"prolific_survey_response":          tableProlificSurveyResponse(ctx),
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
