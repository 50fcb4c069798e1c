package prolific

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"

	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

// clientCacheKey is where a connection's client lives in the SDK's per-connection cache. The SDK clears that cache
// when the connection's config changes, so a new token or base_url takes effect without a restart.
const clientCacheKey = "prolific.client"

// connect returns the connection's client, building it on first use.
func connect(ctx context.Context, d *plugin.QueryData) (*Client, error) {
	if cached, ok := d.ConnectionCache.Get(ctx, clientCacheKey); ok {
		if client, ok := cached.(*Client); ok {
			return client, nil
		}
	}
	settings, err := resolveSettings(GetConfig(d.Connection), osLookupEnv)
	if err != nil {
		return nil, fmt.Errorf("connection %q: %w", d.Connection.Name, err)
	}
	client := newClient(settings)
	if err := d.ConnectionCache.Set(ctx, clientCacheKey, client); err != nil {
		loggerFrom(ctx).Warn("prolific.connect", "cache_error", err)
	}
	return client, nil
}

// streamList makes one GET of a list endpoint and streams each item to the SDK as soon as it is decoded, so memory
// does not grow with the list. It stops reading when the SDK needs no more rows. A 404 means the parent object does
// not exist or the token cannot see it: that is zero rows, not an error. finish completes an item before it is
// streamed (derived fields, the parent id).
func streamList[T any](ctx context.Context, d *plugin.QueryData, path string, query url.Values, finish func(*T)) error {
	logger := loggerFrom(ctx)
	client, err := connect(ctx, d)
	if err != nil {
		return err
	}
	resp, err := client.get(ctx, path, query)
	if isNotFound(err) {
		logger.Debug("prolific.streamList", "not_found", path)
		return nil
	}
	if err != nil {
		return err
	}
	defer func() { _ = resp.Body.Close() }()
	if err := client.checkJSON(resp); err != nil {
		return err
	}
	warnIfDeprecated(ctx, path, resp)

	streamed := 0
	envelope, err := decodeList(resp.Body, func(item *T) bool {
		finish(item)
		d.StreamListItem(ctx, item)
		streamed++
		return d.RowsRemaining(ctx) > 0
	})
	if err != nil {
		return fmt.Errorf("GET %s: reading the response failed after %d rows: %w", path, streamed, err)
	}
	if envelope.skipped > 0 {
		logger.Warn("prolific.streamList", "skipped_items", envelope.skipped, "path", path,
			"reason", "list items that are not JSON objects cannot be rows")
	}
	if envelope.complete && envelope.count != nil && *envelope.count != int64(streamed+envelope.skipped) {
		logger.Warn("prolific.streamList", "count_mismatch", path, "meta_count", *envelope.count, "rows", streamed,
			"reason", "the API's meta.count differs from the number of items it returned; the list may be truncated")
	}
	return nil
}

// listEnvelope is what a list body says besides its items.
type listEnvelope struct {
	count    *int64 // meta.count, when the body has one
	complete bool   // the whole body was read; false when the reader stopped early
	skipped  int    // items that were not objects and so could not be rows
}

// decodeList reads a list body as a stream: an object {"results": [...], "meta": {"count": n}, ...} or a bare array.
// It calls emit for each item as soon as it is decoded; emit returns false to stop reading. A body that ends before
// its JSON is complete, or is not valid JSON, is an error even after items were emitted, so a cut-off response can
// never pass for a short list.
func decodeList[T any](body io.Reader, emit func(*T) bool) (listEnvelope, error) {
	var envelope listEnvelope
	dec := json.NewDecoder(body)
	first, err := dec.Token()
	if err != nil {
		return envelope, describeDecodeError(err)
	}
	switch first {
	case json.Delim('['):
		stopped, err := decodeItems(dec, emit, &envelope)
		if err != nil || stopped {
			return envelope, err
		}
	case json.Delim('{'):
		for dec.More() {
			key, err := dec.Token()
			if err != nil {
				return envelope, describeDecodeError(err)
			}
			stopped, err := decodeMember(dec, key, emit, &envelope)
			if err != nil || stopped {
				return envelope, err
			}
		}
		if _, err := dec.Token(); err != nil { // the closing brace
			return envelope, describeDecodeError(err)
		}
	default:
		return envelope, fmt.Errorf("expected a JSON object or array, got %v", first)
	}
	envelope.complete = true
	return envelope, nil
}

// decodeMember reads one member of a list object.
func decodeMember[T any](dec *json.Decoder, key json.Token, emit func(*T) bool, envelope *listEnvelope) (bool, error) {
	switch key {
	case "results":
		if !dec.More() {
			return false, describeDecodeError(io.ErrUnexpectedEOF)
		}
		open, err := dec.Token()
		if err != nil {
			return false, describeDecodeError(err)
		}
		if open == nil { // "results": null is a documented empty list
			return false, nil
		}
		if open != json.Delim('[') {
			return false, fmt.Errorf(`"results" is %v, not a list`, open)
		}
		return decodeItems(dec, emit, envelope)
	case "meta":
		var meta struct {
			Count *int64 `json:"count"`
		}
		if err := dec.Decode(&meta); err != nil && !isTypeError(err) {
			return false, describeDecodeError(err)
		}
		envelope.count = meta.Count
	default:
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return false, describeDecodeError(err)
		}
	}
	return false, nil
}

// decodeItems reads array items up to and including the closing bracket. It reports whether emit asked to stop.
func decodeItems[T any](dec *json.Decoder, emit func(*T) bool, envelope *listEnvelope) (bool, error) {
	for dec.More() {
		item := new(T)
		if err := dec.Decode(item); err != nil {
			if isTypeError(err) { // the item was read whole but is not an object: skip it, keep the rest
				envelope.skipped++
				continue
			}
			return false, describeDecodeError(err)
		}
		if !emit(item) {
			return true, nil
		}
	}
	if _, err := dec.Token(); err != nil { // the closing bracket
		return false, describeDecodeError(err)
	}
	return false, nil
}

func isTypeError(err error) bool {
	var typeErr *json.UnmarshalTypeError
	return errors.As(err, &typeErr)
}

// describeDecodeError explains the two ways a body can be incomplete or broken.
func describeDecodeError(err error) error {
	var syntaxErr *json.SyntaxError
	switch {
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return errors.New("the response body ended before its JSON was complete (truncated response)")
	case errors.As(err, &syntaxErr):
		return fmt.Errorf("the response body is not valid JSON at byte %d: %w", syntaxErr.Offset, err)
	}
	return err
}

// getObject fetches one object. A 404 means it does not exist or the token cannot see it: that is (nil, nil), which
// the SDK turns into no row.
func getObject[T any](ctx context.Context, d *plugin.QueryData, path string, query url.Values) (*T, error) {
	client, err := connect(ctx, d)
	if err != nil {
		return nil, err
	}
	resp, err := client.get(ctx, path, query)
	if isNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer func() { _ = resp.Body.Close() }()
	if err := client.checkJSON(resp); err != nil {
		return nil, err
	}
	warnIfDeprecated(ctx, path, resp)
	object := new(T)
	if err := json.NewDecoder(resp.Body).Decode(object); err != nil {
		return nil, fmt.Errorf("GET %s: reading the response failed: %w", path, describeDecodeError(err))
	}
	return object, nil
}

// warnIfDeprecated logs the RFC 8594 headers with which Prolific marks a deprecated endpoint (Deprecation, Sunset),
// so the logs say which reads will stop working. The response is used as usual.
func warnIfDeprecated(ctx context.Context, path string, resp *http.Response) {
	if deprecation := resp.Header.Get("Deprecation"); deprecation != "" {
		loggerFrom(ctx).Warn("prolific.deprecated_endpoint", "path", path, "deprecation", deprecation,
			"sunset", resp.Header.Get("Sunset"))
	}
}
