package prolific

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"time"

	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

// streamList makes one GET of a list endpoint and streams each item to the SDK as soon as it is decoded, so memory
// does not grow with the list. It stops reading when the SDK needs no more rows. A 404 means the parent object does
// not exist or the token cannot see it: that is zero rows, not an error. finish completes an item before it is
// streamed (derived fields, the parent id).
func streamList[T any](ctx context.Context, d *plugin.QueryData, path string, query url.Values, finish func(*T)) error {
	return streamListWhere(ctx, d, path, query, func(item *T) bool {
		finish(item)
		return true
	})
}

// streamListWhere is streamList for a table whose request cannot express all of its key-column quals: keep completes
// an item and says whether it is a row. Every engine then gets only rows that match the quals, the export CLI too,
// which filters nothing itself.
func streamListWhere[T any](ctx context.Context, d *plugin.QueryData, path string, query url.Values, keep func(*T) bool) error {
	logger := loggerFrom(ctx)
	client, err := connect(ctx, d)
	if err != nil {
		return err
	}
	streamed, read := 0, 0
	var envelope listEnvelope
	found, err := client.getJSON(ctx, path, query, noRowOn404, func(body io.Reader) error {
		var err error
		envelope, err = decodeList(body, func(item *T) bool {
			read++
			if keep(item) {
				d.StreamListItem(ctx, item)
				streamed++
			}
			return d.RowsRemaining(ctx) > 0
		})
		if err != nil {
			return fmt.Errorf("GET %s: reading the response failed after %d rows: %w", path, streamed, err)
		}
		return nil
	})
	if err != nil || !found {
		return afterStreamedRows(ctx, streamed, err)
	}
	if envelope.skipped > 0 {
		logger.Warn("prolific.streamList", "skipped_items", envelope.skipped, "path", path,
			"reason", "list items that are not JSON objects cannot be rows")
	}
	if envelope.complete && envelope.count != nil && *envelope.count != int64(read+envelope.skipped) {
		logger.Warn("prolific.streamList", "count_mismatch", path, "meta_count", *envelope.count, "rows", read,
			"reason", "the API's meta.count differs from the number of items it returned; the list may be truncated")
	}
	return nil
}

// errorSettleDelay is how long a scan that fails after streaming rows waits before it returns its error.
const errorSettleDelay = 100 * time.Millisecond

// afterStreamedRows returns err, first pausing when rows were already streamed. The stock SDK can lose an error that
// a scan returns while the SDK is still sending that scan's earlier rows: its execute loop may take the end-of-rows
// marker before the queued error (patches/sdk/0001-execute-keeps-errors.patch fixes it). The pause lets that loop
// send the rows and wait, so the error reaches it first. Every build of this repository has the patched SDK, which
// closes the race; the pause is kept for the plugin built with the stock SDK, where it measurably helps over gRPC
// (make stress: 4 of 320 errors lost without it, 0 of 320 with it; docs/index.md, "Errors, retries and limits").
func afterStreamedRows(ctx context.Context, streamed int, err error) error {
	if err != nil && streamed > 0 {
		_ = sleep(ctx, errorSettleDelay)
	}
	return err
}
