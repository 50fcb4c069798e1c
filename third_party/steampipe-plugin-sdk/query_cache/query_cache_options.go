package query_cache

import (
	"os"
	"strconv"
	"time"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
)

type QueryCacheOptions struct {
	Enabled   bool
	Ttl       time.Duration
	MaxSizeMb int
	// MaxScanMb bounds the encoded rows one scan may write to the cache: 0 takes STEAMPIPE_CACHE_MAX_SCAN_MB or the
	// default (scanBoundMb), a negative value sets no bound
	MaxScanMb int
}

func NewQueryCacheOptions(req *proto.SetCacheOptionsRequest) *QueryCacheOptions {
	return &QueryCacheOptions{
		Enabled:   req.Enabled,
		Ttl:       time.Duration(req.Ttl) * time.Second,
		MaxSizeMb: int(req.MaxSizeMb),
	}
}

// EnvCacheMaxScanMb bounds, in MB of encoded rows, what a single scan may hold in the query cache; 0 sets no bound.
const EnvCacheMaxScanMb = "STEAMPIPE_CACHE_MAX_SCAN_MB"

// defaultMaxScanMb is the bound of a scan unless the cache is smaller than 8 times as much: one large scan then holds
// at most an eighth of the cache. A scan's encoded rows take about twice as much heap once in the cache, and the
// garbage collector lets the heap grow to about twice what is live.
const defaultMaxScanMb = 8

// scanBoundMb is the bound, in MB, of the rows a scan may hold in the cache; 0 for none.
func scanBoundMb(opts *QueryCacheOptions) int {
	if opts.MaxScanMb != 0 {
		return max(opts.MaxScanMb, 0)
	}
	if text, ok := os.LookupEnv(EnvCacheMaxScanMb); ok {
		if mb, err := strconv.Atoi(text); err == nil {
			return max(mb, 0)
		}
	}
	bound := defaultMaxScanMb
	if opts.MaxSizeMb > 0 && opts.MaxSizeMb/8 < bound {
		bound = max(opts.MaxSizeMb/8, 1)
	}
	return bound
}
