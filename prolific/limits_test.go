package prolific_test

import (
	"fmt"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/pipeworks/steampipe-plugin-prolific/test/fakeapi"
	"github.com/pipeworks/steampipe-plugin-prolific/test/harness"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
)

// inListOf200 runs a 200-value IN list on prolific_batch_response against a fake that answers every request after
// 20 ms, with the given limiter definitions (as a user's limiter blocks), and returns the highest number of requests
// the fake had open at once.
func inListOf200(t *testing.T, limiters []*proto.RateLimiterDefinition, extraConfig ...string) int {
	t.Helper()
	api := fakeapi.New()
	api.Latency = 20 * time.Millisecond
	server := httptest.NewServer(api)
	defer server.Close()
	p := harness.Start(t, harness.Config(server.URL, extraConfig...))
	p.SetRateLimiters(t, limiters...)
	ids := make([]string, 200)
	for i := range ids {
		ids[i] = fmt.Sprintf("00000000-0000-4000-8000-%012d", i) // unknown batches: a 404, so no rows, each
	}
	ids[0], ids[1] = fakeapi.BatchSentiment, fakeapi.BatchSummaries
	rows, err := p.Execute(t, harness.Query{Table: responsesTable, Columns: []string{"batch_id", "id"},
		Quals: harness.In("batch_id", ids...)})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 54+24 {
		t.Fatalf("%d rows, want the 78 responses of the two real batches", len(rows))
	}
	if n := len(api.Requests()); n != 200 {
		t.Fatalf("%d requests, want one per batch id", n)
	}
	return api.MaxInFlight()
}

func TestConcurrencyCapHoldsUnderA200ValueInList(t *testing.T) {
	if peak := inListOf200(t, []*proto.RateLimiterDefinition{harness.APILimiter(5)}); peak > 5 || peak < 2 {
		t.Fatalf("the fake saw %d requests at once; the default cap is 5 (and it should be reached)", peak)
	}
}

// TestLimiterMaxConcurrencyIsTheCap: the prolific_api limiter's max_concurrency, as a user's limiter block sets it,
// is the bound on open requests, below and above the default of 5.
func TestLimiterMaxConcurrencyIsTheCap(t *testing.T) {
	if peak := inListOf200(t, []*proto.RateLimiterDefinition{harness.APILimiter(2)}); peak != 2 {
		t.Errorf("max_concurrency = 2: the fake saw %d requests at once", peak)
	}
	if peak := inListOf200(t, []*proto.RateLimiterDefinition{harness.APILimiter(10)}); peak <= 5 || peak > 10 {
		t.Errorf("max_concurrency = 10: the fake saw %d requests at once, want more than the default 5 and at most 10", peak)
	}
}

// TestEndpointLimiterBoundsItsFamily: a limiter whose where names the endpoint tag bounds that family's requests.
func TestEndpointLimiterBoundsItsFamily(t *testing.T) {
	responses := &proto.RateLimiterDefinition{Name: "prolific_responses", MaxConcurrency: 3, Scope: []string{"connection"},
		Where: "endpoint = 'responses'"}
	if peak := inListOf200(t, []*proto.RateLimiterDefinition{harness.APILimiter(10), responses}); peak != 3 {
		t.Errorf("a limiter of max_concurrency 3 on endpoint 'responses': the fake saw %d requests at once", peak)
	}
	others := &proto.RateLimiterDefinition{Name: "prolific_studies", MaxConcurrency: 1, Scope: []string{"connection"},
		Where: "endpoint = 'studies'"}
	if peak := inListOf200(t, []*proto.RateLimiterDefinition{harness.APILimiter(10), others}); peak <= 5 {
		t.Errorf("a limiter on endpoint 'studies' bounded the responses' requests to %d", peak)
	}
}

// TestDeprecatedMaxConcurrentRequestsStillCaps: the deprecated setting still bounds its connection, on top of the
// limiter, so a configuration that uses it keeps working.
func TestDeprecatedMaxConcurrentRequestsStillCaps(t *testing.T) {
	if peak := inListOf200(t, []*proto.RateLimiterDefinition{harness.APILimiter(10)}, "max_concurrent_requests = 2"); peak != 2 {
		t.Fatalf("the fake saw %d requests at once with max_concurrent_requests = 2", peak)
	}
}

// TestRateLimiterPacesScans checks the default limiter definition: 25 scans a second after a burst of 25, so 60
// scans of one connection cannot start within one second.
func TestRateLimiterPacesScans(t *testing.T) {
	api := fakeapi.New()
	server := httptest.NewServer(api)
	defer server.Close()
	p := harness.Start(t, harness.Config(server.URL))
	ids := make([]string, 60)
	for i := range ids {
		ids[i] = fmt.Sprintf("00000000-0000-4000-8000-%012d", i)
	}
	start := time.Now()
	if _, err := p.Execute(t, harness.Query{Table: responsesTable, Columns: []string{"id"}, Quals: harness.In("batch_id", ids...)}); err != nil {
		t.Fatal(err)
	}
	if elapsed := time.Since(start); elapsed < time.Second {
		t.Fatalf("60 scans took %v: the rate limiter did not pace them", elapsed)
	}
}
