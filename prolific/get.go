package prolific

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"

	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

// on404 says what a 404 answer means to the caller of getJSON.
type on404 int

const (
	// noRowOn404: the object, or the parent whose list is read, does not exist or the token cannot see it. That is
	// no row (a get) or zero rows (a list), not an error.
	noRowOn404 on404 = iota
	// errorOn404: a later page of a list whose first page was found. The list ended early or a link is wrong, and
	// ending quietly would pass part of the list for all of it.
	errorOn404
)

// getJSON is every read of the API: streamed lists, pages and single objects. It sends the GET (with the client's
// retries), refuses a successful answer that is not JSON, logs Prolific's deprecation headers, hands the body to
// read and closes it. A 404 that rule makes no row gives found=false, without calling read. Keeping these steps in
// one place is what makes every endpoint behave alike, the deprecation warning included.
func (c *Client) getJSON(ctx context.Context, path string, query url.Values, rule on404, read func(body io.Reader) error) (found bool, err error) {
	resp, err := c.get(ctx, path, query)
	if rule == noRowOn404 && isNotFound(err) {
		loggerFrom(ctx).Debug("prolific.getJSON", "not_found", path)
		return false, nil
	}
	if err != nil {
		return false, err
	}
	defer func() { _ = resp.Body.Close() }()
	if err := c.checkJSON(resp); err != nil {
		return false, err
	}
	warnIfDeprecated(ctx, path, resp)
	return true, read(resp.Body)
}

// warnIfDeprecated logs the RFC 8594 headers with which Prolific marks a deprecated endpoint (Deprecation, Sunset),
// so the logs say which reads will stop working. The response is used as usual.
func warnIfDeprecated(ctx context.Context, path string, resp *http.Response) {
	if deprecation := resp.Header.Get("Deprecation"); deprecation != "" {
		loggerFrom(ctx).Warn("prolific.deprecated_endpoint", "path", path, "deprecation", deprecation,
			"sunset", resp.Header.Get("Sunset"))
	}
}

// getObject fetches one object. A 404 means it does not exist or the token cannot see it: that is (nil, nil), which
// the SDK turns into no row.
func getObject[T any](ctx context.Context, d *plugin.QueryData, path string, query url.Values) (*T, error) {
	client, err := connect(ctx, d)
	if err != nil {
		return nil, err
	}
	object := new(T)
	found, err := client.getJSON(ctx, path, query, noRowOn404, func(body io.Reader) error {
		if err := json.NewDecoder(body).Decode(object); err != nil {
			return fmt.Errorf("GET %s: reading the response failed: %w", path, describeDecodeError(err))
		}
		return nil
	})
	if err != nil || !found {
		return nil, err
	}
	return object, nil
}

// getByID GETs one object whose path has its id as the only segment (format is an apiPath format), and logs a failure
// under caller. It returns (nil, nil) when the object does not exist or the token cannot see it.
//
// Every table fetches its single objects through it, so a failure is logged once, where it happens, with the id: a
// Get or column hydrate returns hydrateItem(getByID(...)), or hydrateItem of a fetch function built on getByID, and
// logs nothing itself.
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
