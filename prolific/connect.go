package prolific

import (
	"context"
	"fmt"
	"sync"

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
	fingerprint := fmt.Sprintf("%s\x00%s\x00%v\x00%+v\x00%d\x00%v", settings.token, settings.baseURL, settings.timeout,
		settings.retry, settings.maxConcurrent, settings.ignoreErrorCodes)
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
	if settings.maxConcurrent > 0 {
		loggerFrom(ctx).Warn("prolific.connect", "deprecated", "max_concurrent_requests", "connection", d.Connection.Name,
			"instead", "the prolific_api limiter's max_concurrency (docs/index.md, \"Errors, retries and limits\")")
	}
	clients.byConnection[d.Connection.Name] = &connectionClient{fingerprint: fingerprint, client: client}
	return client, nil
}
