package harness

import (
	"testing"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
)

// SetRateLimiters sends limiter definitions to the plugin binary over gRPC, as Steampipe does with the `limiter`
// blocks of the user's plugin configuration (the SDK's SetRateLimiters call): each replaces the plugin's definition
// of the same name, or adds a limiter.
func (r *Remote) SetRateLimiters(t testing.TB, definitions ...*proto.RateLimiterDefinition) {
	t.Helper()
	if _, err := r.client.SetRateLimiters(&proto.SetRateLimitersRequest{Definitions: definitions}); err != nil {
		t.Fatalf("SetRateLimiters: %v", err)
	}
}

// APILimiter is the plugin's prolific_api limiter with the given max_concurrency and its request rate lifted, so a
// test of the concurrency bound runs quickly.
func APILimiter(maxConcurrency int64) *proto.RateLimiterDefinition {
	return &proto.RateLimiterDefinition{Name: "prolific_api", FillRate: 10000, BucketSize: 10000,
		MaxConcurrency: maxConcurrency, Scope: []string{"connection"}}
}
