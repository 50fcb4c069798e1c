package prolific

import (
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"net"
	"syscall"
	"time"
)

// retryPolicy is the one retry policy of the plugin. Every request goes through it, so a 429 on any request of a
// query is retried, not only one that comes before the first streamed row (the SDK's own retries stop there).
type retryPolicy struct {
	maxRetries int           // retries after the first attempt
	baseDelay  time.Duration // first back-off; it doubles on each retry
	maxWait    time.Duration // bound on the total time one request spends waiting between attempts
}

// maxBackoff caps a single back-off step that the API did not ask for itself.
const maxBackoff = 30 * time.Second

// delay returns the wait before retry number retry (0-based). A Retry-After from the server wins; otherwise it is
// exponential back-off with "equal jitter": half the step is fixed, half random, so parallel scans spread out.
func (p retryPolicy) delay(retry int, retryAfter time.Duration) time.Duration {
	if retryAfter > 0 {
		return retryAfter
	}
	step := p.baseDelay << min(retry, 20)
	if step > maxBackoff || step <= 0 {
		step = maxBackoff
	}
	half := step / 2
	return half + rand.N(half+1)
}

// sleep waits for d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return context.Cause(ctx)
	case <-timer.C:
		return nil
	}
}

// isTransientNetworkError reports whether a request failed in a way that a new connection may fix: a reset
// connection, a connection closed before the response arrived, or a temporary DNS failure. Two failures are not
// retried, so that a query fails at once with a clear message: a refused connection, which almost always means a
// wrong base_url, and a timeout, where the server is already slow and retrying would multiply the wait.
func isTransientNetworkError(err error) bool {
	if errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return true
	}
	var dnsErr *net.DNSError
	return errors.As(err, &dnsErr) && dnsErr.IsTemporary
}
