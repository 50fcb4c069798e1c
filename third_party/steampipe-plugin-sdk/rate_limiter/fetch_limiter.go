package rate_limiter

import (
	"context"
	"slices"
	"strings"
	"sync"
)

// A fetch call (a table's get, list, parent list or child list function) runs with the MultiLimiter the SDK resolved
// for it in its context. The SDK applies max_concurrency to column hydrate calls only: a fetch call waits for the
// limiters' rate but holds no concurrency slot, because it may run for as long as its rows stream, and a column
// hydrate of one of those rows could then wait on it for ever. The plugin can bound what a fetch call does at a finer
// grain, each request it makes, with FetchLimiter(ctx).Acquire, so that a user's max_concurrency bounds fetch calls
// too. A column hydrate's context carries no fetch limiter, as the SDK already holds a slot for the whole call.

type fetchLimiterKey struct{}

// WithFetchLimiter returns ctx carrying the fetch call's limiter.
func WithFetchLimiter(ctx context.Context, m *MultiLimiter) context.Context {
	if m == nil {
		return ctx
	}
	return context.WithValue(ctx, fetchLimiterKey{}, m)
}

// FetchLimiter returns the limiter of the fetch call ctx belongs to, or nil outside a fetch call.
func FetchLimiter(ctx context.Context) *MultiLimiter {
	m, _ := ctx.Value(fetchLimiterKey{}).(*MultiLimiter)
	return m
}

// Acquire waits until each limiter's max_concurrency has room, takes one slot of each, and returns the function that
// gives them back. Limiters without max_concurrency are passed by. The slots are taken in name order, so that two
// callers cannot each hold a slot the other waits for. If ctx ends first, Acquire returns its error and holds nothing.
func (m *MultiLimiter) Acquire(ctx context.Context) (release func(), err error) {
	limiters := slices.Clone(m.Limiters)
	slices.SortFunc(limiters, func(a, b *HydrateLimiter) int { return strings.Compare(a.Name, b.Name) })
	var held []*HydrateLimiter
	var once sync.Once
	release = func() {
		once.Do(func() {
			for _, l := range held {
				l.releaseSemaphore()
			}
		})
	}
	for _, l := range limiters {
		if err := l.acquireSemaphore(ctx); err != nil {
			release()
			return func() {}, err
		}
		held = append(held, l)
	}
	return release, nil
}
