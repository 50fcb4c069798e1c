package prolific

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"

	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

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
