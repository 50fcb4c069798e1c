package prolific_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pipeworks/steampipe-plugin-prolific/test/fakeapi"
	"github.com/pipeworks/steampipe-plugin-prolific/test/harness"
)

// These tests drive the one API client through prolific_batch_response, so they cover what every table gets.

var shapesPath = fakeapi.ResponsesPath(fakeapi.BatchAllShapes)

func status(code int, retryAfter string) fakeapi.Fault {
	return fakeapi.Fault{Kind: fakeapi.StatusFault, Status: code, RetryAfter: retryAfter}
}

// expectComplete asserts the query returned every row of the all-shapes batch after the given number of requests.
func expectComplete(t *testing.T, api *fakeapi.Server, p *harness.Plugin, wantRequests int) {
	t.Helper()
	rows, err := queryBatch(t, p, fakeapi.BatchAllShapes)
	if err != nil {
		t.Fatalf("err %v, want the full result after retries", err)
	}
	if len(rows) != 12 {
		t.Fatalf("%d rows, want all 12", len(rows))
	}
	if n := api.RequestsTo(shapesPath); n != wantRequests {
		t.Fatalf("%d requests, want %d", n, wantRequests)
	}
}

// expectError asserts the query failed with an error containing every want.
func expectError(t *testing.T, p *harness.Plugin, batchID string, want ...string) {
	t.Helper()
	_ = queryError(t, p, batchID, want...)
}

// queryError is expectError that also returns the error.
func queryError(t *testing.T, p *harness.Plugin, batchID string, want ...string) error {
	t.Helper()
	rows, err := queryBatch(t, p, batchID)
	if err == nil {
		t.Fatalf("no error (%d rows); want one containing %q", len(rows), want)
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q does not contain %q", err, w)
		}
	}
	return err
}

func TestRetries429WithoutRetryAfter(t *testing.T) {
	api, p := startFake(t)
	api.Inject(shapesPath, status(429, ""), status(429, ""))
	expectComplete(t, api, p, 3)
}

func TestRetries429HonouringRetryAfterSeconds(t *testing.T) {
	api, p := startFake(t)
	api.Inject(shapesPath, status(429, "1"))
	start := time.Now()
	expectComplete(t, api, p, 2)
	if elapsed := time.Since(start); elapsed < time.Second {
		t.Fatalf("retried after %v, before the 1 s the server asked for", elapsed)
	}
}

func TestRetries429HonouringRetryAfterHTTPDate(t *testing.T) {
	api, p := startFake(t)
	api.Inject(shapesPath, status(429, time.Now().Add(2*time.Second).UTC().Format(http.TimeFormat)))
	start := time.Now()
	expectComplete(t, api, p, 2)
	if elapsed := time.Since(start); elapsed < time.Second {
		t.Fatalf("retried after %v, before the date the server gave", elapsed)
	}
}

func TestRetriesABurstOf5xx(t *testing.T) {
	api, p := startFake(t)
	api.Inject(shapesPath, status(500, ""), status(502, ""), status(503, ""), status(504, ""))
	expectComplete(t, api, p, 5)
}

func TestRetriesTransientNetworkErrors(t *testing.T) {
	api, p := startFake(t)
	api.Inject(shapesPath, fakeapi.Fault{Kind: fakeapi.DropConnection}, fakeapi.Fault{Kind: fakeapi.DropConnection})
	expectComplete(t, api, p, 3)
}

func TestRetriesStopAfterMaxRetries(t *testing.T) {
	api, p := startFake(t, "max_retries = 2")
	api.Inject(shapesPath, fakeapi.Fault{Kind: fakeapi.StatusFault, Status: 503, Repeat: true})
	expectError(t, p, fakeapi.BatchAllShapes, "503 Service Unavailable", "after 3 attempts")
	if n := api.RequestsTo(shapesPath); n != 3 {
		t.Fatalf("%d requests, want 3 (1 + max_retries)", n)
	}
}

func TestRetriesBoundedByMaxRetryWait(t *testing.T) {
	api, p := startFake(t)
	api.Inject(shapesPath, status(429, "120"))
	start := time.Now()
	expectError(t, p, fakeapi.BatchAllShapes, "429 Too Many Requests", "max_retry_wait")
	// Bounds here are far from what a correct run takes and far below what the fault would cost, so that a loaded
	// machine cannot fail them: waiting out the 120 s Retry-After would take 120 s.
	if elapsed := time.Since(start); elapsed > 60*time.Second {
		t.Fatalf("waited %v although the wait could never fit in max_retry_wait", elapsed)
	}
	if n := api.RequestsTo(shapesPath); n != 1 {
		t.Fatalf("%d requests, want 1", n)
	}
}

func TestClientErrorsAreNotRetriedAndCarryTheAPIMessage(t *testing.T) {
	cases := []struct {
		fault fakeapi.Fault
		want  []string
	}{
		{fakeapi.Fault{Kind: fakeapi.StatusFault, Status: 400,
			Body: `{"error":{"status":400,"error_code":140001,"title":"Bad Request","detail":{"batch_id":["Must be a valid UUID."]}}}`},
			[]string{"400 Bad Request", "batch_id: Must be a valid UUID.", "140001"}},
		{fakeapi.Fault{Kind: fakeapi.StatusFault, Status: 403, Body: `{"detail":"You do not have permission to perform this action."}`},
			[]string{"403 Forbidden", "You do not have permission", "no access"}},
		{fakeapi.Fault{Kind: fakeapi.StatusFault, Status: 401, Body: `{"detail":"Invalid token."}`},
			[]string{"401 Unauthorized", "Invalid token.", "PROLIFIC_TOKEN"}},
	}
	for _, tc := range cases {
		api, p := startFake(t)
		api.Inject(shapesPath, tc.fault)
		expectError(t, p, fakeapi.BatchAllShapes, tc.want...)
		if n := api.RequestsTo(shapesPath); n != 1 {
			t.Errorf("status %d: %d requests, want 1 (no retry)", tc.fault.Status, n)
		}
	}
}

func TestWrongTokenGivesA401ErrorWithoutTheToken(t *testing.T) {
	for _, shape := range []fakeapi.ErrorShape{fakeapi.EnvelopeShape, fakeapi.DetailShape} {
		api := fakeapi.New()
		api.AuthErrorShape = shape
		server := httptest.NewServer(api)
		p := harness.Start(t, harness.Config(server.URL, `token = "wrong-token-value"`))
		err := queryError(t, p, fakeapi.BatchAllShapes, "401 Unauthorized", "Invalid token.")
		if strings.Contains(err.Error(), "wrong-token-value") {
			t.Errorf("the token appears in the error: %v", err)
		}
		server.Close()
	}
}

func TestIncompleteBodiesAreErrorsNotShortResults(t *testing.T) {
	cases := []struct {
		name  string
		fault fakeapi.Fault
		want  string
	}{
		{"truncated", fakeapi.Fault{Kind: fakeapi.TruncatedBody}, "ended before its JSON was complete"},
		{"malformed", fakeapi.Fault{Kind: fakeapi.MalformedJSON}, "not valid JSON"},
		{"reset mid-body", fakeapi.Fault{Kind: fakeapi.ResetMidBody}, "reading the response failed"},
		{"stalled body", fakeapi.Fault{Kind: fakeapi.StalledBody, StallFor: 10 * time.Second}, "stalled: no data for 2s"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			api, p := startFake(t)
			api.Inject(shapesPath, tc.fault)
			rows, err := queryBatch(t, p, fakeapi.BatchAllShapes)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("%d rows, err %v; want an error containing %q", len(rows), err, tc.want)
			}
		})
	}
}

func TestStalledServerFailsWithinTheTimeout(t *testing.T) {
	api, p := startFake(t, `timeout = "500ms"`)
	api.Inject(shapesPath, fakeapi.Fault{Kind: fakeapi.StalledHeaders, StallFor: time.Minute})
	start := time.Now()
	expectError(t, p, fakeapi.BatchAllShapes, "no response within 500ms", "timeout")
	if elapsed := time.Since(start); elapsed > 30*time.Second { // the stall lasts a minute
		t.Fatalf("a stalled server held the query for %v", elapsed)
	}
}

func TestHTMLPageIsAClearError(t *testing.T) {
	api, p := startFake(t)
	api.Inject(shapesPath, fakeapi.Fault{Kind: fakeapi.HTMLPage})
	expectError(t, p, fakeapi.BatchAllShapes, "expected a JSON body", "text/html", "Network login required")
}

func TestRedirectToAnotherHostIsRefusedAndKeepsTheToken(t *testing.T) {
	var sawRequest atomic.Bool
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sawRequest.Store(true)
		if r.Header.Get("Authorization") != "" {
			t.Errorf("the other host received Authorization %q", r.Header.Get("Authorization"))
		}
	}))
	defer other.Close()
	api, p := startFake(t)
	// 127.0.0.2 is another host to the client, though it reaches the same loopback listener.
	target := strings.Replace(other.URL, "127.0.0.1", "localhost", 1) + "/steal"
	api.Inject(shapesPath, fakeapi.Fault{Kind: fakeapi.Redirect, Location: target})
	expectError(t, p, fakeapi.BatchAllShapes, "refusing to follow a redirect")
	if sawRequest.Load() {
		t.Fatal("the plugin followed the redirect to another host")
	}
}

func TestClientIsBuiltOncePerConnection(t *testing.T) {
	api, p := startFake(t)
	for range 3 {
		if _, err := queryBatch(t, p, fakeapi.BatchAllShapes); err != nil {
			t.Fatal(err)
		}
	}
	requests := api.Requests()
	for _, r := range requests[1:] {
		if r.RemoteAddr != requests[0].RemoteAddr {
			t.Fatalf("queries used connections %s and %s: the client (and its connection pool) was rebuilt",
				requests[0].RemoteAddr, r.RemoteAddr)
		}
	}
}

func TestRefusedConnectionFailsAtOnce(t *testing.T) {
	server := httptest.NewServer(http.NotFoundHandler())
	closedURL := server.URL
	server.Close() // nothing listens there any more
	// A retry would wait at least 15 s (half of the 30 s cap on one step), and max_retry_wait leaves room for it.
	p := harness.Start(t, harness.Config(closedURL, `retry_base_delay = "60s"`, `max_retry_wait = "5m"`))
	start := time.Now()
	expectError(t, p, fakeapi.BatchAllShapes, "connection refused")
	if elapsed := time.Since(start); elapsed > 10*time.Second {
		t.Fatalf("a refused connection took %v to fail: it was retried", elapsed)
	}
}
