package prolific

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

// pagingStyle is how a list endpoint splits its items into pages (docs/api-evidence.md ("Paging")).
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
		items, envelope, found, err := readPage[T](ctx, client, list.path, query, page)
		if err != nil || !found { // not found: the first page's 404, which is zero rows
			return err
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
				// non-null next link on the last page (docs/api-evidence.md (A1)); following it would ask for a
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

// readPage GETs one page and decodes all of it. A 404 on the first page is zero rows (found is false); on a later
// page it is an error.
func readPage[T any](ctx context.Context, client *Client, path string, query url.Values, page int) ([]*T, listEnvelope, bool, error) {
	rule := noRowOn404
	if page > 1 {
		rule = errorOn404
	}
	var items []*T
	var envelope listEnvelope
	found, err := client.getJSON(ctx, path, query, rule, func(body io.Reader) error {
		var err error
		envelope, err = decodeList(body, func(item *T) bool {
			items = append(items, item)
			return true
		})
		if err != nil {
			return fmt.Errorf("GET %s: reading the response failed: %w", path, err)
		}
		return nil
	})
	if err != nil {
		return nil, envelope, found, fmt.Errorf("%w (page %d)", err, page)
	}
	if envelope.skipped > 0 {
		loggerFrom(ctx).Warn("prolific.streamPages", "skipped_items", envelope.skipped, "path", path,
			"reason", "list items that are not JSON objects cannot be rows")
	}
	return items, envelope, found, nil
}

// sameEndpointQuery checks that a next link names the endpoint being paged, and returns its query string. Only the
// query is used: the next request is built from the base URL and endpoint, so a link can never send the token to
// another server or endpoint. The link's host is not checked: it cannot change where the request goes, and the API
// may name itself by another host than the base URL's (a legacy domain, a proxy), which must not fail a query
// (docs/api-evidence.md (A1c)).
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
