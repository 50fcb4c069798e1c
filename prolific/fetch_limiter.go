//go:build !stocksdk

package prolific

import (
	"context"

	"github.com/turbot/steampipe-plugin-sdk/v5/rate_limiter"
)

// requestLimiter is what Client.acquire needs of the SDK's limiters: a slot of each max_concurrency per request.
type requestLimiter interface {
	Acquire(ctx context.Context) (release func(), err error)
}

// fetchLimiter returns the rate limiters of the get or list call that ctx belongs to (patches/sdk/0008), or nil in a
// column hydrate, whose slot the SDK holds for the whole call.
func fetchLimiter(ctx context.Context) requestLimiter {
	if limiter := rate_limiter.FetchLimiter(ctx); limiter != nil {
		return limiter
	}
	return nil
}

// stockSDKSlots is the request bound of a build with the stock SDK (fetch_limiter_stock.go); none here.
const stockSDKSlots = 0
