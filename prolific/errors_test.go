package prolific

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

func errorResponse(status int, header http.Header) *http.Response {
	u, _ := url.Parse("https://api.prolific.com/api/v1/data-collection/batches/b1/responses")
	if header == nil {
		header = http.Header{}
	}
	return &http.Response{StatusCode: status, Header: header, Request: &http.Request{Method: http.MethodGet, URL: u}}
}

func noScrub(s string) string { return s }

func TestAPIErrorParsesEveryDocumentedShape(t *testing.T) {
	cases := []struct {
		name, body string
		wantTitle  string
		wantDetail string
		wantCode   int64
	}{
		{"envelope with string detail", `{"error":{"status":400,"error_code":140001,"title":"Bad Request","detail":"workspace_id is required"}}`,
			"Bad Request", "workspace_id is required", 140001},
		{"envelope with field detail", `{"error":{"status":400,"error_code":140001,"title":"Bad Request","detail":{"workspace_id":["This field is required."],"name":["Too long.","Bad."]}}}`,
			"Bad Request", "name: Too long.; Bad.; workspace_id: This field is required.", 140001},
		{"envelope with list detail", `{"error":{"status":422,"error_code":"140022","title":"Invalid","detail":["one","two"]}}`,
			"Invalid", "one; two", 140022},
		{"bare ErrorDetail", `{"status":400,"error_code":140002,"title":"Bad Request","detail":"study is required"}`,
			"Bad Request", "study is required", 140002},
		{"django detail", `{"detail":"Not found."}`, "", "Not found.", 0},
		{"django message", `{"detail":"Throttled.","message":"Try again in 3 seconds."}`, "", "Throttled.; Try again in 3 seconds.", 0},
		{"error string", `{"error":"token expired"}`, "", "token expired", 0},
	}
	for _, tc := range cases {
		e := newAPIError(errorResponse(400, nil), []byte(tc.body), noScrub)
		if e.Title != tc.wantTitle || e.Detail != tc.wantDetail || e.ErrorCode != tc.wantCode || e.Body != "" {
			t.Errorf("%s: got title %q detail %q code %d body %q", tc.name, e.Title, e.Detail, e.ErrorCode, e.Body)
		}
	}
}

func TestAPIErrorKeepsAnExcerptOfUnparsedBodies(t *testing.T) {
	html := "<html>\n<body><h1>502 Bad Gateway</h1>" + strings.Repeat("x", 1000) + "</body></html>"
	e := newAPIError(errorResponse(http.StatusBadGateway, nil), []byte(html), noScrub)
	if !strings.HasPrefix(e.Body, "<html> <body><h1>502 Bad Gateway</h1>") || len([]rune(e.Body)) > 201 {
		t.Fatalf("body excerpt = %q", e.Body)
	}
	if msg := e.Error(); !strings.Contains(msg, "502 Bad Gateway") || !strings.Contains(msg, "/api/v1/data-collection/batches/b1/responses") {
		t.Fatalf("message %q lacks the status or the path", msg)
	}
}

func TestAPIErrorMessageCarriesStatusDetailAndHint(t *testing.T) {
	e := newAPIError(errorResponse(http.StatusUnauthorized, nil), []byte(`{"error":{"status":401,"error_code":140100,"title":"Unauthorized","detail":"Invalid token."}}`), noScrub)
	msg := e.Error()
	for _, want := range []string{"401 Unauthorized", "Invalid token.", "140100", "PROLIFIC_TOKEN"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
}

func TestAPIErrorScrubsSecretsFromTheBody(t *testing.T) {
	c := &Client{token: "s3cret-token"}
	body := `{"detail":"bad header Authorization: Token s3cret-token"}`
	e := newAPIError(errorResponse(400, nil), []byte(body), c.scrub)
	if strings.Contains(e.Error(), "s3cret-token") {
		t.Fatalf("token leaked: %q", e.Error())
	}
	e = newAPIError(errorResponse(400, nil), []byte("<p>Token s3cret-token</p>"), c.scrub)
	if strings.Contains(e.Error(), "s3cret-token") {
		t.Fatalf("token leaked from an excerpt: %q", e.Error())
	}
}

func TestRetryAfterSecondsAndHTTPDate(t *testing.T) {
	now := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)
	cases := map[string]time.Duration{
		"":                              0,
		"3":                             3 * time.Second,
		"0.5":                           500 * time.Millisecond,
		"-1":                            0,
		"soon":                          0,
		"Sun, 29 Nov 2026 12:00:07 GMT": 7 * time.Second,
		"Sun, 29 Nov 2026 11:59:00 GMT": 0,
	}
	for header, want := range cases {
		if got := parseRetryAfter(header, now); got != want {
			t.Errorf("Retry-After %q = %v, want %v", header, got, want)
		}
	}
}

func TestRetryableStatuses(t *testing.T) {
	for status, want := range map[int]bool{429: true, 500: true, 502: true, 503: true, 504: true,
		400: false, 401: false, 403: false, 404: false, 501: false} {
		if got := (&APIError{StatusCode: status}).retryable(); got != want {
			t.Errorf("status %d retryable = %v, want %v", status, got, want)
		}
	}
}

func TestBackoffGrowsWithJitterAndHonoursRetryAfter(t *testing.T) {
	p := retryPolicy{maxRetries: 5, baseDelay: 100 * time.Millisecond, maxWait: time.Minute}
	for retry, step := range []time.Duration{100, 200, 400, 800} {
		step *= time.Millisecond
		seen := map[time.Duration]bool{}
		for range 50 {
			d := p.delay(retry, 0)
			if d < step/2 || d > step {
				t.Fatalf("retry %d: delay %v outside [%v, %v]", retry, d, step/2, step)
			}
			seen[d] = true
		}
		if len(seen) < 2 {
			t.Errorf("retry %d: no jitter in 50 draws", retry)
		}
	}
	if d := p.delay(40, 0); d > maxBackoff {
		t.Errorf("delay %v exceeds the cap %v", d, maxBackoff)
	}
	if d := p.delay(0, 7*time.Second); d != 7*time.Second {
		t.Errorf("delay with Retry-After = %v, want 7s", d)
	}
}

func TestAPIPathEscapesIDs(t *testing.T) {
	path, err := apiPath("/api/v1/data-collection/batches/%s/responses", "../../users/me")
	if err != nil {
		t.Fatal(err)
	}
	if path != "/api/v1/data-collection/batches/..%2F..%2Fusers%2Fme/responses" {
		t.Fatalf("path = %q", path)
	}
	for _, bad := range []string{"", "  ", ".", ".."} {
		if _, err := apiPath("/x/%s", bad); err == nil {
			t.Errorf("id %q accepted", bad)
		}
	}
	path, _ = apiPath("/x/%s", "a b?c#d%e")
	if path != "/x/a%20b%3Fc%23d%25e" {
		t.Errorf("path = %q", path)
	}
}
