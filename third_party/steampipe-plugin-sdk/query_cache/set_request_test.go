package query_cache

import (
	"context"
	"testing"
	"time"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc"
	sdkproto "github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
)

func testRow(n int64) *sdkproto.Row {
	return &sdkproto.Row{Columns: map[string]*sdkproto.Column{"n": {Value: &sdkproto.Column_IntValue{IntValue: n}}}}
}

// A subscriber streams the rows getRowsSince gave it after releasing the request's lock, while the scan goes on: the
// page those rows came from may be written to the cache and the next page started. The rows it holds must stay the
// rows it was given, or it streams some rows twice and others never.
func TestGetRowsSinceKeepsRowsWhenThePageIsWritten(t *testing.T) {
	ctx := context.Background()
	cache, err := NewQueryCache("test", map[string]*grpc.PluginSchema{}, &QueryCacheOptions{Enabled: true, Ttl: time.Minute, MaxSizeMb: 16})
	if err != nil {
		t.Fatal(err)
	}
	req := newSetRequest(&CacheRequest{CallId: "call", ConnectionName: "c", TtlSeconds: 60, resultKeyRoot: "root"}, cache)
	req.subscribe(&setRequestSubscriber{})

	const firstRows = 10
	for n := int64(0); n < firstRows; n++ {
		if err := req.addRow(testRow(n)); err != nil {
			t.Fatal(err)
		}
	}
	streaming, err := req.getRowsSince(ctx, 0)
	if err != nil || len(streaming) != firstRows {
		t.Fatalf("getRowsSince: %d rows, err %v; want %d", len(streaming), err, firstRows)
	}

	// The scan fills the page, the page is written, and the next page starts, while the subscriber still streams.
	for n := int64(firstRows); n < rowBufferSize+firstRows; n++ {
		if err := req.addRow(testRow(n)); err != nil {
			t.Fatal(err)
		}
		if req.bufferIndex == rowBufferSize {
			if err := cache.writePageToCache(ctx, req, false); err != nil {
				t.Fatal(err)
			}
		}
	}

	for i, row := range streaming {
		if got := row.Columns["n"].GetIntValue(); got != int64(i) {
			t.Fatalf("row %d the subscriber holds is now row %d", i, got)
		}
	}
	// The page in the cache holds the rows of the page, not the next page's. (The scan writes its pages to the cache
	// when it ends within the cache's bound on one scan.)
	if err := cache.writePageToCache(ctx, req, true); err != nil {
		t.Fatal(err)
	}
	page, err := req.readPageFromCacheWithRetries(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	for i, row := range page.Rows {
		if got := row.Columns["n"].GetIntValue(); got != int64(i) {
			t.Fatalf("row %d of the cached page is row %d", i, got)
		}
	}
}
