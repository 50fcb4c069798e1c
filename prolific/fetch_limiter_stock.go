//go:build stocksdk

package prolific

import "context"

// The plugin built with the stock SDK (-tags stocksdk, with go.mod's replace removed: make stress and the Steampipe
// stage build it to measure what the SDK patches change). The stock SDK gives a get or list call no limiter to bound
// its requests with (patches/sdk/0008), so the client bounds them itself, at prolific_api's default max_concurrency.

type requestLimiter interface {
	Acquire(ctx context.Context) (release func(), err error)
}

func fetchLimiter(context.Context) requestLimiter { return nil }

// stockSDKSlots is the client's own request bound in a stock SDK build.
const stockSDKSlots = 5
