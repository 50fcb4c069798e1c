package prolific

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/hashicorp/go-hclog"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin/context_key"
)

// Version is the plugin version sent in the User-Agent. Release builds set it with -ldflags.
var Version = "v0.0.1"

// Client is the one Prolific API client. It is built once per connection (see connect) and shared by every table.
type Client struct {
	baseURL    *url.URL
	token      string
	timeout    time.Duration
	retry      retryPolicy
	httpClient *http.Client
	userAgent  string
	// slots, when the deprecated max_concurrent_requests is set, holds one token per open request, on top of the
	// rate limiters' max_concurrency (see send). nil otherwise.
	slots chan struct{}
	// ignoreErrorCodes are the statuses with which a workspace or project is left out of a listing (skipsParent).
	ignoreErrorCodes []int
}

// newClient builds a client from resolved settings. The transport bounds every wait that happens before a body
// arrives; the body itself is guarded by stallGuard, because a whole-request deadline would cut long streamed bodies.
func newClient(settings clientSettings) *Client {
	dialer := &net.Dialer{Timeout: settings.timeout, KeepAlive: 30 * time.Second}
	transport := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           dialer.DialContext,
		TLSHandshakeTimeout:   settings.timeout,
		ResponseHeaderTimeout: settings.timeout,
		ExpectContinueTimeout: time.Second,
		IdleConnTimeout:       90 * time.Second,
		MaxIdleConnsPerHost:   16,
		ForceAttemptHTTP2:     true,
	}
	c := &Client{
		baseURL:          settings.baseURL,
		token:            settings.token,
		timeout:          settings.timeout,
		retry:            settings.retry,
		ignoreErrorCodes: settings.ignoreErrorCodes,
		userAgent:        "steampipe-plugin-prolific/" + Version + " (+https://github.com/pipeworks/steampipe-plugin-prolific)",
	}
	if slots := max(settings.maxConcurrent, stockSDKSlots); slots > 0 {
		c.slots = make(chan struct{}, slots)
	}
	c.httpClient = &http.Client{Transport: transport, CheckRedirect: c.checkRedirect}
	return c
}

// checkRedirect follows a redirect only to the same scheme and host: the token must never reach another server.
func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) >= 5 {
		return errors.New("stopped after 5 redirects")
	}
	if req.URL.Scheme != c.baseURL.Scheme || !strings.EqualFold(req.URL.Host, c.baseURL.Host) {
		return fmt.Errorf("refusing to follow a redirect to %s://%s: the API token is only sent to %s", req.URL.Scheme, req.URL.Host, c.baseURL.Host)
	}
	return nil
}

// scrub removes the token from text that may be shown or logged, such as an error body that echoes headers.
func (c *Client) scrub(text string) string {
	if c.token == "" || !strings.Contains(text, c.token) {
		return text
	}
	return strings.ReplaceAll(text, c.token, "[REDACTED]")
}

// maxIDLength bounds an id in a query. Prolific's ids are 24 hex digits or UUIDs; a much longer value is a mistake,
// and sending it would only earn an unhelpful "414 URI Too Long".
const maxIDLength = 256

// apiPath builds a request path from a format whose %s verbs are filled with path segments. Each segment is escaped,
// so an id such as "../../users/me" stays one segment of the intended endpoint. Ids that cannot be one are refused
// with an error that says why: empty, dot segments (servers resolve them before routing), control characters, or
// longer than maxIDLength.
func apiPath(format string, segments ...string) (string, error) {
	escaped := make([]any, len(segments))
	for i, segment := range segments {
		if err := checkID(segment); err != nil {
			return "", err
		}
		escaped[i] = url.PathEscape(segment)
	}
	return fmt.Sprintf(format, escaped...), nil
}

// checkID explains why an id from a query cannot be sent to the API, or returns nil.
func checkID(id string) error {
	switch {
	case strings.TrimSpace(id) == "":
		return errors.New("an id in the query is empty: give the id of an existing Prolific object")
	case id == "." || id == "..":
		return fmt.Errorf("%q is not a valid id", id)
	case len(id) > maxIDLength:
		return fmt.Errorf("an id in the query is %d characters long; Prolific ids are at most %d (check the value)", len(id), maxIDLength)
	case strings.IndexFunc(id, unicode.IsControl) >= 0:
		return fmt.Errorf("the id %q contains control characters; Prolific ids never do (check the value)", id)
	}
	return nil
}

// get sends a GET for path (which apiPath built) and returns a successful response. It retries 429, 5xx and
// transient network errors with the connection's retry policy. The caller must close the body.
func (c *Client) get(ctx context.Context, path string, query url.Values) (*http.Response, error) {
	logger := loggerFrom(ctx)
	var waited time.Duration
	for attempt := 1; ; attempt++ {
		resp, err := c.send(ctx, path, query)
		var retryAfter time.Duration
		retryable := false
		switch {
		case err == nil && resp.StatusCode >= 200 && resp.StatusCode < 300:
			return resp, nil
		case err == nil:
			apiErr := c.readAPIError(resp)
			apiErr.Attempts = attempt
			err, retryable, retryAfter = apiErr, apiErr.retryable(), apiErr.RetryAfter
		default:
			retryable = ctx.Err() == nil && isTransientNetworkError(err)
			err = describeNetworkError(path, err, c.timeout)
		}
		if !retryable || attempt > c.retry.maxRetries {
			return nil, err
		}
		delay := c.retry.delay(attempt-1, retryAfter)
		if waited+delay > c.retry.maxWait {
			return nil, fmt.Errorf("%w (stopped retrying: the next wait of %s would pass max_retry_wait %s)",
				err, delay.Round(time.Millisecond), c.retry.maxWait)
		}
		logger.Warn("prolific.Client.get", "retrying", path, "attempt", attempt, "delay", delay.String(), "error", err.Error())
		if err := sleep(ctx, delay); err != nil {
			return nil, err
		}
		waited += delay
	}
}

// send makes one request within the connection's concurrency bound. The body of a successful response is wrapped in
// a stall guard tied to the request; the request's slot is freed when that body is closed, or at once on an error.
func (c *Client) send(ctx context.Context, path string, query url.Values) (*http.Response, error) {
	release, err := c.acquire(ctx)
	if err != nil {
		return nil, err
	}
	reqCtx, cancel := context.WithCancelCause(ctx)
	target := c.baseURL.String() + path
	if len(query) > 0 {
		target += "?" + query.Encode()
	}
	req, err := http.NewRequestWithContext(reqCtx, http.MethodGet, target, nil)
	if err != nil {
		cancel(nil)
		release()
		return nil, err
	}
	req.Header.Set("Authorization", "Token "+c.token)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.userAgent)
	resp, err := c.httpClient.Do(req)
	if err != nil {
		cancel(nil)
		release()
		return nil, err
	}
	resp.Body = newStallGuard(resp.Body, c.timeout, cancel, reqCtx, release)
	return resp, nil
}

// acquire waits for room for one more open request and returns the function that frees it. The bound is the rate
// limiters' max_concurrency (prolific_api, and any limiter of the user's that matches the call's endpoint tag): a
// get or list call carries its limiters in ctx (patches/sdk/0008), and takes a slot for each request, so a call
// holds none while its rows wait for column hydrates. A column hydrate's ctx carries none, because the SDK holds a
// slot of the same limiters for the whole call. The deprecated max_concurrent_requests adds its own bound.
func (c *Client) acquire(ctx context.Context) (release func(), err error) {
	release = func() {}
	if limiter := fetchLimiter(ctx); limiter != nil {
		if release, err = limiter.Acquire(ctx); err != nil {
			return nil, context.Cause(ctx)
		}
	}
	if c.slots == nil {
		return release, nil
	}
	select {
	case c.slots <- struct{}{}:
	case <-ctx.Done():
		release()
		return nil, context.Cause(ctx)
	}
	limiterRelease := release
	return func() { <-c.slots; limiterRelease() }, nil
}

// describeNetworkError names the request and, for a timeout, the setting that bounds it. The cause is kept as text
// only: the SDK replaces the message of any error that wraps context.DeadlineExceeded (as net/http's timeouts do)
// with a bare "exceeded allowed timeout", which would hide what timed out and how to fix it.
func describeNetworkError(path string, err error, timeout time.Duration) error {
	var netErr net.Error
	if errors.As(err, &netErr) && netErr.Timeout() {
		return fmt.Errorf("GET %s: no response within %s (raise 'timeout' if Prolific is slow): %s", path, timeout, err)
	}
	return fmt.Errorf("GET %s: %s", path, err)
}

// readAPIError reads a bounded part of an error response and closes it.
func (c *Client) readAPIError(resp *http.Response) *APIError {
	defer func() { _ = resp.Body.Close() }()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	return newAPIError(resp, body, c.scrub)
}

// checkJSON refuses a 2xx body that is not JSON, such as a proxy's HTML page, with an excerpt of what came instead.
func (c *Client) checkJSON(resp *http.Response) error {
	contentType := resp.Header.Get("Content-Type")
	if contentType == "" {
		return nil
	}
	mediaType, _, err := mime.ParseMediaType(contentType)
	if err == nil && (mediaType == "application/json" || strings.HasSuffix(mediaType, "+json")) {
		return nil
	}
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
	return fmt.Errorf("GET %s: expected a JSON body but got %q: %s. Check base_url",
		resp.Request.URL.EscapedPath(), contentType, c.scrub(excerpt(body, 200)))
}

// errStalled is the cause given to a request whose body stopped arriving.
var errStalled = errors.New("stalled")

// stallGuard fails a body read that waits longer than timeout for data, and releases the request when closed.
type stallGuard struct {
	body    io.ReadCloser
	timeout time.Duration
	timer   *time.Timer
	cancel  context.CancelCauseFunc
	ctx     context.Context
	closed  func() // frees the request's slot
	once    sync.Once
}

func newStallGuard(body io.ReadCloser, timeout time.Duration, cancel context.CancelCauseFunc, ctx context.Context, closed func()) *stallGuard {
	g := &stallGuard{body: body, timeout: timeout, cancel: cancel, ctx: ctx, closed: closed}
	g.timer = time.AfterFunc(timeout, func() { cancel(errStalled) })
	g.timer.Stop()
	return g
}

// Read arms the timer only while a read is waiting, so a slow consumer (the SDK applying back-pressure) never trips it.
func (g *stallGuard) Read(p []byte) (int, error) {
	g.timer.Reset(g.timeout)
	n, err := g.body.Read(p)
	g.timer.Stop()
	if err != nil && !errors.Is(err, io.EOF) && errors.Is(context.Cause(g.ctx), errStalled) {
		return n, fmt.Errorf("the response stalled: no data for %s (raise 'timeout' if Prolific is slow)", g.timeout)
	}
	return n, err
}

func (g *stallGuard) Close() error {
	g.timer.Stop()
	err := g.body.Close()
	g.once.Do(func() {
		g.cancel(nil)
		g.closed()
	})
	return err
}

// loggerFrom returns the SDK's logger (plugin.Logger), or a silent one where a context carries none (direct unit
// tests), because plugin.Logger panics on a bare context.
func loggerFrom(ctx context.Context) hclog.Logger {
	if ctx.Value(context_key.Logger) == nil {
		return hclog.NewNullLogger()
	}
	return plugin.Logger(ctx)
}
