package goplugin

import (
	"fmt"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/pipeworks/steampipe-plugin-prolific/test/fakeapi"
	"github.com/pipeworks/steampipe-plugin-prolific/test/harness"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
)

// TestUserLimiterSetsRequestConcurrency: a user's limiter block, sent over go-plugin as Steampipe sends it, is what
// bounds the requests the plugin binary has open at once, above and below the default of 5, and a limiter written
// for one endpoint family bounds that family.
func TestUserLimiterSetsRequestConcurrency(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the plugin binary")
	}
	api := fakeapi.New()
	api.Latency = 20 * time.Millisecond
	server := httptest.NewServer(api)
	defer server.Close()
	remote := harness.Launch(t, harness.BuildPluginBinary(t), harness.Config(server.URL))
	ids := make([]string, 100)
	for i := range ids {
		ids[i] = fmt.Sprintf("00000000-0000-4000-8000-%012d", i) // unknown batches: one request each, no rows
	}
	peakWith := func(limiters ...*proto.RateLimiterDefinition) int {
		remote.SetRateLimiters(t, limiters...)
		api.ResetLog()
		if _, err := remote.Execute(responses([]string{"id"}, harness.In("batch_id", ids...), -1)); err != nil {
			t.Fatal(err)
		}
		return api.MaxInFlight()
	}
	if peak := peakWith(harness.APILimiter(2)); peak != 2 {
		t.Errorf("limiter \"prolific_api\" { max_concurrency = 2 }: the fake saw %d requests at once", peak)
	}
	if peak := peakWith(harness.APILimiter(8)); peak <= 5 || peak > 8 {
		t.Errorf("limiter \"prolific_api\" { max_concurrency = 8 }: the fake saw %d requests at once, want 6 to 8", peak)
	}
	responsesOnly := &proto.RateLimiterDefinition{Name: "prolific_responses", MaxConcurrency: 3,
		Scope: []string{"connection"}, Where: "endpoint = 'responses'"}
	if peak := peakWith(harness.APILimiter(8), responsesOnly); peak != 3 {
		t.Errorf("a limiter of max_concurrency 3 where endpoint = 'responses': the fake saw %d requests at once", peak)
	}
}
