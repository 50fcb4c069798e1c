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
	// parent names the workspace or project whose list this is ("workspace <id>"), for ignore_error_codes: when its
	// first page is answered with one of those statuses, the list is zero rows and a warning (Client.skipsParent).
	parent string
	// skipped, when set, is set to true when the parent was left out that way.
	skipped *bool
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
	p, err := newPager(d, client, list, rows)
	if err != nil {
		return err
	}
	for page := 1; ; page++ {
		asked, err := p.prepare(ctx, page)
		if err != nil {
			return err
		}
		if page > 1 { // the SDK waits for the first request; later pages wait for the connection's rate limiter here
			d.WaitForListRateLimit(ctx)
		}
		items, envelope, found, err := readPage[T](ctx, client, list.path, p.query, page)
		if err != nil && page == 1 && list.parent != "" && client.skipsParent(ctx, err, list.parent) {
			if list.skipped != nil {
				*list.skipped = true
			}
			return nil
		}
		if err != nil || !found { // not found: the first page's 404, which is zero rows
			return err
		}
		if err := p.guard.checkItems(page, idsOf(items, idOf)); err != nil {
			return err
		}
		for _, item := range items {
			if !emit(item) {
				return nil
			}
		}
		if more, err := p.advance(ctx, page, asked, int64(len(items)+envelope.skipped), envelope); err != nil || !more {
			return err
		}
	}
}

// pager is the state of eachPage's loop between pages: the query of the next request and how far the list has got.
type pager struct {
	d      *plugin.QueryData
	client *Client
	list   pagedList
	rows   bool       // the items are the query's rows, so the SDK's LIMIT and remaining rows bound the page size
	size   int64      // the page size to ask for
	query  url.Values // the query of the next request
	offset int64      // the items read so far, skipped ones included
	guard  loopGuard
}

// newPager sets up the first request of a paged list: its page size and its paging parameters.
func newPager(d *plugin.QueryData, client *Client, list pagedList, rows bool) (*pager, error) {
	size := list.pageSize
	// Only a list of the query's rows has a LIMIT to follow; a connection key lookup has no QueryContext at all.
	if rows {
		if limit := d.QueryContext.GetLimit(); limit > 0 && limit < size {
			size = limit
		}
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
		return nil, fmt.Errorf("GET %s: unknown paging style %d", list.path, list.style)
	}
	return &pager{d: d, client: client, list: list, rows: rows, size: size, query: query,
		guard: loopGuard{path: list.path, requests: map[string]bool{}}}, nil
}

// prepare completes the query of the next request and puts it past the loop guards. With limitOffsetPaging it sets
// the offset, and a limit lowered to the rows the SDK still needs. It returns how many items the request asks for.
func (p *pager) prepare(ctx context.Context, page int) (int64, error) {
	asked := p.size
	if p.list.style == limitOffsetPaging {
		if p.rows {
			asked = min(p.size, max(p.d.RowsRemaining(ctx), 1))
		}
		p.query.Set("limit", strconv.FormatInt(asked, 10))
		p.query.Set("offset", strconv.FormatInt(p.offset, 10))
	}
	return asked, p.guard.checkRequest(page, p.query)
}

// advance counts a page's items (received, skipped ones included; asked is how many its request asked for) and
// decides whether another page follows. For a page-numbered list it also sets that page's query.
func (p *pager) advance(ctx context.Context, page int, asked, received int64, envelope listEnvelope) (bool, error) {
	p.offset += received
	if p.list.style == limitOffsetPaging {
		return !lastPage(received, asked, p.offset, envelope.count), nil
	}
	switch {
	case envelope.count != nil && p.offset >= *envelope.count:
		// Every row meta.count announced has been read. A third-party client reports that the API can send a
		// non-null next link on the last page (docs/api-evidence.md (A1)); following it would ask for a page past
		// the end, or for the same page again.
		if envelope.next != "" {
			loggerFrom(ctx).Debug("prolific.streamPages", "ignored_next_link", p.list.path, "page", page,
				"reason", "the rows read reach meta.count")
		}
		return false, nil
	case envelope.next != "":
		next, err := p.client.sameEndpointQuery(envelope.next, p.list.path)
		if err != nil {
			return false, fmt.Errorf("GET %s: page %d: %w", p.list.path, page, err)
		}
		p.query = next
		return true, nil
	case envelope.hasLinks: // _links whose next is null or absent: this was the last page
		return false, nil
	case lastPage(received, p.size, p.offset, envelope.count):
		return false, nil
	}
	p.query.Set("page", strconv.Itoa(page+1))
	return true, nil
}

// loopGuard turns an API whose paging loops into an error, never an endless query.
type loopGuard struct {
	path        string
	requests    map[string]bool // every request sent so far
	previousIDs []string        // the item ids of the previous page
}

// checkRequest refuses a page past maxPages, and a request that repeats an earlier one (a next link pointing back).
func (g *loopGuard) checkRequest(page int, query url.Values) error {
	if page > maxPages {
		return fmt.Errorf("GET %s: stopped after %d pages; the list does not end", g.path, maxPages)
	}
	request := g.path + "?" + query.Encode()
	if g.requests[request] {
		return fmt.Errorf("GET %s: page %d asks for %s again; the API's paging loops", g.path, page, request)
	}
	g.requests[request] = true
	return nil
}

// checkItems refuses a page whose item ids are the same as the previous page's. Pages whose items have no ids
// cannot be compared, and pass.
func (g *loopGuard) checkItems(page int, ids []string) error {
	if len(ids) > 0 && !slices.Contains(ids, "") && slices.Equal(ids, g.previousIDs) {
		return fmt.Errorf("GET %s: page %d returned the same items as page %d; the API's paging loops", g.path, page, page-1)
	}
	g.previousIDs = ids
	return nil
}

// idsOf returns the ids of a page's items, for the loop guard.
func idsOf[T any](items []*T, idOf func(*T) string) []string {
	ids := make([]string, len(items))
	for i, item := range items {
		ids[i] = idOf(item)
	}
	return ids
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
