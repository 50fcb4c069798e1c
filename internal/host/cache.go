package host

import (
	"strconv"
	"time"
)

// Cache is the SDK query cache's setting for a query, as Steampipe sends it with each query (ExecuteConnectionData):
// whether a result may be served from, and kept in, the cache, and for how long.
type Cache struct {
	Enabled bool
	TTL     time.Duration
}

// NoCache reads the API on every query: the export CLI's setting (a one-off read gains nothing from a cache, and a
// large batch would sit in memory for nothing), and the harness's unless a test asks for the cache.
var NoCache = Cache{}

// DefaultCacheTTL is how long a cached result is served: Steampipe's own default, 300 seconds. Long enough for every
// panel of a dashboard or every query of a notebook cell to share one read, and short enough that a batch still
// collecting responses shows new answers on the next refresh. Steampipe sends its setting with each query; an engine
// that hosts the plugin itself passes this one unless the user set STEAMPIPE_CACHE_MAX_TTL (CacheFromEnvironment).
// The PostgreSQL extension's FDW has the same default through patches/fdw/0003-cache-ttl-as-steampipe.patch.
const DefaultCacheTTL = 300 * time.Second

// MaxCacheSizeMb caps the query cache of every in-process host, one size for all of them. The cache lives in the
// memory of a process that is not ours (a Python program, the sqlite3 shell), so it is capped well below Steampipe's
// 16 GB: 32 MB holds the results of many small queries, the workspaces, studies and batches a dashboard or notebook
// asks for again and again, while one large batch cannot pin hundreds of MB of someone else's memory (with
// patches/sdk/0010 a scan past an eighth of this, 4 MB of encoded rows, streams through uncached; docs/index.md
// "Caching"); it is read again instead. Capping costs nothing up front: with patches/sdk/0003 the cache reserves no heap
// before it holds entries. Hosts that never cache (the export CLI) set the same size; their queries keep it empty.
const MaxCacheSizeMb = 32

// Cache settings in the environment, read (never written) as Steampipe reads them.
const (
	CacheEnvVar       = "STEAMPIPE_CACHE"         // "false" turns the query cache off
	CacheMaxTTLEnvVar = "STEAMPIPE_CACHE_MAX_TTL" // how long results are kept, in seconds
)

// CacheFromEnvironment is the cache of an engine whose users expect Steampipe's caching (the SQLite extension): on
// unless STEAMPIPE_CACHE is false, for STEAMPIPE_CACHE_MAX_TTL seconds or DefaultCacheTTL. lookup is os.LookupEnv
// or a test's stand-in.
func CacheFromEnvironment(lookup func(string) (string, bool)) Cache {
	cache := Cache{Enabled: true, TTL: DefaultCacheTTL}
	if text, set := lookup(CacheEnvVar); set {
		if enabled, err := strconv.ParseBool(text); err == nil {
			cache.Enabled = enabled
		}
	}
	if text, set := lookup(CacheMaxTTLEnvVar); set {
		if seconds, err := strconv.ParseInt(text, 10, 64); err == nil && seconds > 0 {
			cache.TTL = time.Duration(seconds) * time.Second
		}
	}
	return cache
}
