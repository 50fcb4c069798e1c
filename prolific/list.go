package prolific

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

// clients holds one client per connection. A map of our own rather than the SDK's connection cache: that cache may
// drop or delay entries, and the scans of an IN list all connect at once, so it could hand out several clients,
// each with its own bound on open requests. A client is replaced when its connection's settings change (the config
// file or the environment), and the old one's idle connections are closed.
var clients = struct {
	sync.Mutex
	byConnection map[string]*connectionClient
}{byConnection: map[string]*connectionClient{}}

type connectionClient struct {
	fingerprint string // the resolved settings the client was built from; never logged
	client      *Client
}

// connect returns the connection's client, building it on first use or after its settings changed.
func connect(ctx context.Context, d *plugin.QueryData) (*Client, error) {
	settings, err := resolveSettings(GetConfig(d.Connection), osLookupEnv)
	if err != nil {
		return nil, fmt.Errorf("connection %q: %w", d.Connection.Name, err)
	}
	fingerprint := fmt.Sprintf("%s\x00%s\x00%v\x00%+v\x00%d", settings.token, settings.baseURL, settings.timeout,
		settings.retry, settings.maxConcurrent)
	clients.Lock()
	defer clients.Unlock()
	current := clients.byConnection[d.Connection.Name]
	if current != nil && current.fingerprint == fingerprint {
		return current.client, nil
	}
	if current != nil {
		current.client.httpClient.CloseIdleConnections()
	}
	client := newClient(settings)
	clients.byConnection[d.Connection.Name] = &connectionClient{fingerprint: fingerprint, client: client}
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
		return afterStreamedRows(ctx, streamed, fmt.Errorf("GET %s: reading the response failed after %d rows: %w", path, streamed, err))
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
	hasLinks bool   // the body has a _links object (page-numbered lists)
	next     string // _links.next.href; empty when it is null or absent
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
	case "_links":
		var links struct {
			Next *struct {
				Href *string `json:"href"`
			} `json:"next"`
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return false, describeDecodeError(err)
		}
		// Only an object counts as links; null or another type is read as if the member were absent.
		if len(raw) > 0 && raw[0] == '{' && json.Unmarshal(raw, &links) == nil {
			envelope.hasLinks = true
			if links.Next != nil && links.Next.Href != nil {
				envelope.next = *links.Next.Href
			}
		}
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

// getByID GETs one object whose path has its id as the only segment (format is an apiPath format), and logs a failure
// under caller. It returns (nil, nil) when the object does not exist or the token cannot see it.
func getByID[T any](ctx context.Context, d *plugin.QueryData, caller, format, id string) (*T, error) {
	path, err := apiPath(format, id)
	if err != nil {
		return nil, err
	}
	object, err := getObject[T](ctx, d, path, nil)
	if err != nil {
		loggerFrom(ctx).Error(caller, "api_error", err, "id", id)
		return nil, err
	}
	return object, nil
}

// hydrateItem turns a fetched object into a hydrate result. A missing object becomes an untyped nil, so the SDK
// sees no row rather than a typed nil pointer.
func hydrateItem[T any](object *T, err error) (any, error) {
	if err != nil || object == nil {
		return nil, err
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

// pagingStyle is how a list endpoint splits its items into pages (../shared/prolific-api.md §1.5).
type pagingStyle int

const (
	// pageNumberPaging sends page (1-based) and page_size, and follows the body's _links.next.href.
	pageNumberPaging pagingStyle = iota + 1
	// limitOffsetPaging sends limit and offset.
	limitOffsetPaging
)

// maxPages bounds every paged list, whatever the API's links and counts say.
const maxPages = 1000

// pagedList is the first request of a paged list endpoint.
type pagedList struct {
	path     string      // built with apiPath
	query    url.Values  // filters; the paging parameters are added by streamPages
	style    pagingStyle // how the endpoint pages
	pageSize int64       // the page size to ask for, before the query's LIMIT lowers it
}

// streamPages reads a paged list endpoint page by page and streams each item to the SDK. Its contract:
//
//   - The page size is pageSize, lowered to the query's LIMIT when that is smaller. With limitOffsetPaging each
//     page's limit is also lowered to the rows the SDK still needs; page numbers keep one size, because changing
//     it between pages would shift the pages' boundaries.
//   - pageNumberPaging follows _links.next.href while it is set, until the items read reach meta.count: a next link
//     on the last page is ignored. The link is only used for its query string, and only when it names the same
//     endpoint; whatever host it names, the request goes to the connection's base URL through client.get, so the
//     token never follows a link elsewhere. A body whose _links.next is null ends the list. A body without _links
//     asks for the next page number until the list ends (see lastPage).
//   - limitOffsetPaging asks for the next offset until the list ends: an empty page, the items read reaching
//     meta.count, or without meta.count a page shorter than asked for (see lastPage).
//   - It stops as soon as the SDK needs no more rows (RowsRemaining is 0).
//   - Loop guards: a request that repeats an earlier one (a next link pointing back), a page whose item ids are the
//     same as the previous page's, and more than maxPages pages are errors, never an endless query.
//   - A 404 on the first page is zero rows, as in streamList; on a later page it is an error.
//
// Each page is decoded whole before its items are streamed (pages are small), so a repeated page is caught before
// any of its rows are returned. idOf gives an item's id for the loop guard; finish completes an item before it is
// streamed.
func streamPages[T any](ctx context.Context, d *plugin.QueryData, list pagedList, idOf func(*T) string, finish func(*T)) error {
	streamed := 0
	err := eachPage(ctx, d, list, true, idOf, func(item *T) bool {
		finish(item)
		d.StreamListItem(ctx, item)
		streamed++
		return d.RowsRemaining(ctx) > 0
	})
	return afterStreamedRows(ctx, streamed, err)
}

// errorSettleDelay is how long a scan that fails after streaming rows waits before it returns its error.
const errorSettleDelay = 100 * time.Millisecond

// afterStreamedRows returns err, first pausing when rows were already streamed. SDK v5.14.1 can lose an error that a
// scan returns while the SDK is still sending that scan's earlier rows: its execute loop may take the end-of-rows
// marker before the queued error (patches/sdk/0001-execute-keeps-errors.patch fixes it). The pause lets that loop
// send the rows and wait, so the error reaches it first. Every build of this repository has the patched SDK, which
// closes the race; the pause is kept for plugins built with a plain go build, where it measurably helps over gRPC
// (make stress: 4 of 320 errors lost without it, 0 of 320 with it; docs/index.md, "Errors, retries and limits").
func afterStreamedRows(ctx context.Context, streamed int, err error) error {
	if err != nil && streamed > 0 {
		_ = sleep(ctx, errorSettleDelay)
	}
	return err
}

// collectPages reads every page of a paged list with streamPages' rules and loop guards, and returns the items. It
// is for lists a hydrate iterates (such as the workspaces or projects a child table lists under), so the query's
// LIMIT, which counts the child's rows, does not change its page size.
func collectPages[T any](ctx context.Context, d *plugin.QueryData, list pagedList, idOf func(*T) string) ([]*T, error) {
	var items []*T
	err := eachPage(ctx, d, list, false, idOf, func(item *T) bool {
		items = append(items, item)
		return true
	})
	return items, err
}

// eachPage is the paging loop of streamPages and collectPages. emit returns false to stop. With rows set, the page
// size follows the SDK's LIMIT and remaining rows.
func eachPage[T any](ctx context.Context, d *plugin.QueryData, list pagedList, rows bool, idOf func(*T) string, emit func(*T) bool) error {
	client, err := connect(ctx, d)
	if err != nil {
		return err
	}
	size := list.pageSize
	if limit := d.QueryContext.GetLimit(); rows && limit > 0 && limit < size {
		size = limit
	}
	query := url.Values{}
	for k, v := range list.query {
		query[k] = append([]string(nil), v...)
	}
	switch list.style {
	case pageNumberPaging:
		query.Set("page", "1")
		query.Set("page_size", strconv.FormatInt(size, 10))
	case limitOffsetPaging:
		query.Set("offset", "0")
	default:
		return fmt.Errorf("GET %s: unknown paging style %d", list.path, list.style)
	}

	seen := map[string]bool{}
	var previousIDs []string
	var offset int64 // items read so far
	for page := 1; ; page++ {
		if page > maxPages {
			return fmt.Errorf("GET %s: stopped after %d pages; the list does not end", list.path, maxPages)
		}
		asked := size
		if list.style == limitOffsetPaging {
			if rows {
				asked = min(size, max(d.RowsRemaining(ctx), 1))
			}
			query.Set("limit", strconv.FormatInt(asked, 10))
			query.Set("offset", strconv.FormatInt(offset, 10))
		}
		request := list.path + "?" + query.Encode()
		if seen[request] {
			return fmt.Errorf("GET %s: page %d asks for %s again; the API's paging loops", list.path, page, request)
		}
		seen[request] = true

		if page > 1 { // the SDK waits for the first request; later pages wait for the connection's rate limiter here
			d.WaitForListRateLimit(ctx)
		}
		items, envelope, err := readPage[T](ctx, client, list.path, query)
		if isNotFound(err) && page == 1 {
			loggerFrom(ctx).Debug("prolific.streamPages", "not_found", list.path)
			return nil
		}
		if err != nil {
			return fmt.Errorf("%w (page %d)", err, page)
		}
		ids := make([]string, len(items))
		for i, item := range items {
			ids[i] = idOf(item)
		}
		if len(ids) > 0 && !slices.Contains(ids, "") && slices.Equal(ids, previousIDs) {
			return fmt.Errorf("GET %s: page %d returned the same items as page %d; the API's paging loops", list.path, page, page-1)
		}
		for _, item := range items {
			if !emit(item) {
				return nil
			}
		}
		previousIDs = ids
		received := int64(len(items) + envelope.skipped)

		offset += received
		switch list.style {
		case pageNumberPaging:
			switch {
			case envelope.count != nil && offset >= *envelope.count:
				// Every row meta.count announced has been read. A third-party client reports that the API can send a
				// non-null next link on the last page (../shared/api-evidence.md A1); following it would ask for a
				// page past the end, or for the same page again.
				if envelope.next != "" {
					loggerFrom(ctx).Debug("prolific.streamPages", "ignored_next_link", list.path, "page", page,
						"reason", "the rows read reach meta.count")
				}
				return nil
			case envelope.next != "":
				next, err := client.sameEndpointQuery(envelope.next, list.path)
				if err != nil {
					return fmt.Errorf("GET %s: page %d: %w", list.path, page, err)
				}
				query = next
				continue
			case envelope.hasLinks:
				return nil
			}
			if lastPage(received, size, offset, envelope.count) {
				return nil
			}
			query.Set("page", strconv.Itoa(page+1))
		case limitOffsetPaging:
			if lastPage(received, asked, offset, envelope.count) {
				return nil
			}
		}
	}
}

// lastPage decides, without a next link, whether a page was the last: an empty page is; otherwise meta.count, when
// the body has it, says whether items remain (a server may cap the page size below what was asked); without it, a
// page shorter than asked is the last.
func lastPage(received, asked, seen int64, count *int64) bool {
	switch {
	case received == 0:
		return true
	case count != nil:
		return seen >= *count
	default:
		return received < asked
	}
}

// readPage GETs one page and decodes all of it.
func readPage[T any](ctx context.Context, client *Client, path string, query url.Values) ([]*T, listEnvelope, error) {
	resp, err := client.get(ctx, path, query)
	if err != nil {
		return nil, listEnvelope{}, err
	}
	defer func() { _ = resp.Body.Close() }()
	if err := client.checkJSON(resp); err != nil {
		return nil, listEnvelope{}, err
	}
	var items []*T
	envelope, err := decodeList(resp.Body, func(item *T) bool {
		items = append(items, item)
		return true
	})
	if err != nil {
		return nil, envelope, fmt.Errorf("GET %s: reading the response failed: %w", path, err)
	}
	if envelope.skipped > 0 {
		loggerFrom(ctx).Warn("prolific.streamPages", "skipped_items", envelope.skipped, "path", path,
			"reason", "list items that are not JSON objects cannot be rows")
	}
	return items, envelope, nil
}

// sameEndpointQuery checks that a next link names the endpoint being paged, and returns its query string. Only the
// query is used: the next request is built from the base URL and endpoint, so a link can never send the token to
// another server or endpoint. The link's host is not checked: it cannot change where the request goes, and the API
// may name itself by another host than the base URL's (a legacy domain, a proxy), which must not fail a query
// (../shared/api-evidence.md A1c).
func (c *Client) sameEndpointQuery(href, endpoint string) (url.Values, error) {
	link, err := url.Parse(href)
	if err != nil {
		return nil, fmt.Errorf("the next page link %q is not a URL: %w", href, err)
	}
	path := strings.TrimPrefix(link.EscapedPath(), strings.TrimSuffix(c.baseURL.EscapedPath(), "/"))
	if strings.TrimSuffix(path, "/") != strings.TrimSuffix(endpoint, "/") {
		return nil, fmt.Errorf("refusing to follow the next page link %q: it is not the endpoint %s", href, endpoint)
	}
	return link.Query(), nil
}
