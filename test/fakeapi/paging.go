package fakeapi

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
)

// PageQuirk makes a page-numbered list misbehave, for the plugin's loop guards.
type PageQuirk int

const (
	// PageNormal pages correctly.
	PageNormal PageQuirk = iota
	// PageNextRepeats answers every page with a next link to page 2, so page 2 links to itself.
	PageNextRepeats
	// PageSameItems answers every page with the first page's items and a next link to the following page.
	PageSameItems
	// PageForeignNext links to the next page on another host.
	PageForeignNext
	// PageNoLinks sends no _links, only the items and meta.count.
	PageNoLinks
	// PageStaleNext sends a non-null next link on the last page, naming the page after it (which answers 404), as a
	// third-party client reports the real API occasionally does (docs/api-evidence.md (A1)).
	PageStaleNext
	// PageStaleSelf sends a non-null next link on the last page that names the last page itself (the "same-href
	// cycle" of the same report).
	PageStaleSelf
)

// Paged writes one page of a page-numbered list (docs/api-evidence.md ("Paging")): page (1-based, default 1) and
// page_size (default defaultSize, capped by maxSize when above zero and by MaxPageSize), with HAL-style _links whose
// hrefs are absolute URLs on the request's host (next and previous are null at the ends) and meta.count. A page past
// the last is a 404, as Django REST Framework answers "Invalid page.".
func Paged[T any](s *Server, w http.ResponseWriter, r *http.Request, items []T, defaultSize, maxSize int, quirk PageQuirk) {
	page, size, ok := s.pageAndSize(w, r, defaultSize, maxSize)
	if !ok {
		return
	}
	pages := max(1, (len(items)+size-1)/size)
	if page > pages {
		writeError(w, http.StatusNotFound, EnvelopeShape, "Not Found", "Invalid page.")
		return
	}
	from := (page - 1) * size
	if quirk == PageSameItems {
		from = 0
	}
	results := items[from:min(from+size, len(items))]
	body := map[string]any{"results": results, "meta": map[string]int{"count": len(items)}}
	if quirk != PageNoLinks {
		body["_links"] = pageLinks(r, page, pages, quirk)
	}
	writeJSON(w, http.StatusOK, body)
}

// pageAndSize reads page and page_size, or writes the API's error for a bad one and returns false.
func (s *Server) pageAndSize(w http.ResponseWriter, r *http.Request, defaultSize, maxSize int) (page, size int, ok bool) {
	query := r.URL.Query()
	page, size = 1, defaultSize
	if v := query.Get("page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			writeError(w, http.StatusNotFound, EnvelopeShape, "Not Found", "Invalid page.")
			return 0, 0, false
		}
		page = n
	}
	if v := query.Get("page_size"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			writeError(w, http.StatusBadRequest, EnvelopeShape, "Bad Request", "page_size must be a positive integer.")
			return 0, 0, false
		}
		size = n
	}
	if s.MaxPageSize > 0 {
		size = min(size, s.MaxPageSize)
	}
	if maxSize > 0 {
		size = min(size, maxSize)
	}
	return page, size, true
}

// pageLinks builds a page's _links: self, next, previous and last, null past either end, with the quirks that the
// paging tests inject (a next link that repeats, goes stale, points at another host).
func pageLinks(r *http.Request, page, pages int, quirk PageQuirk) map[string]any {
	href := func(n int, title string) map[string]any {
		q := url.Values{}
		for k, v := range r.URL.Query() {
			q[k] = v
		}
		q.Set("page", strconv.Itoa(n))
		host := r.Host
		if quirk == PageForeignNext && title == "Next" {
			host = "elsewhere.example.org"
		}
		return map[string]any{"href": fmt.Sprintf("http://%s%s/?%s", host, r.URL.Path, q.Encode()), "title": title}
	}
	next := page + 1
	if quirk == PageNextRepeats {
		next = 2
		pages = max(pages, 2)
	}
	link := func(n int, title string) map[string]any {
		if n < 1 || n > pages {
			return map[string]any{"href": nil, "title": title}
		}
		return href(n, title)
	}
	nextLink := link(next, "Next")
	switch {
	case page == pages && quirk == PageStaleNext:
		nextLink = href(page+1, "Next")
	case page == pages && quirk == PageStaleSelf:
		nextLink = href(page, "Next")
	}
	return map[string]any{
		"self": link(page, "Current"), "next": nextLink, "previous": link(page-1, "Previous"),
		"last": link(pages, "Last"),
	}
}

// LimitOffset writes a list that honours limit and offset when they are given, as the CLI assumes for workspaces,
// projects and participant groups (docs/api-evidence.md (A4); the spec documents no paging for them). Without limit
// the whole list comes back. meta.count is the size of the whole list.
func LimitOffset[T any](s *Server, w http.ResponseWriter, r *http.Request, items []T) {
	limitOffsetPage(s, w, r, items, len(items), 0)
}

// limitOffsetPage writes one page of a limit/offset list: offset (default 0) and limit (default defaultLimit, capped
// by maxLimit when above zero and by MaxPageSize), with meta.count the size of the whole list.
func limitOffsetPage[T any](s *Server, w http.ResponseWriter, r *http.Request, items []T, defaultLimit, maxLimit int) {
	query := r.URL.Query()
	offset, limit := 0, defaultLimit
	if v := query.Get("offset"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			writeError(w, http.StatusBadRequest, EnvelopeShape, "Bad Request", "offset must be a non-negative integer.")
			return
		}
		offset = n
	}
	if v := query.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			writeError(w, http.StatusBadRequest, EnvelopeShape, "Bad Request", "limit must be a positive integer.")
			return
		}
		limit = n
		if s.MaxPageSize > 0 {
			limit = min(limit, s.MaxPageSize)
		}
	}
	if maxLimit > 0 {
		limit = min(limit, maxLimit)
	}
	from := min(offset, len(items))
	results := items[from:min(from+limit, len(items))]
	writeJSON(w, http.StatusOK, map[string]any{"results": results, "meta": map[string]int{"count": len(items)}})
}

// badRequest writes the documented 400 envelope with per-field validation messages.
func badRequest(w http.ResponseWriter, field, message string) {
	writeJSON(w, http.StatusBadRequest, map[string]any{"error": map[string]any{
		"status": http.StatusBadRequest, "error_code": 140001, "title": "Bad Request",
		"detail": map[string][]string{field: {message}},
	}})
}
