connection "prolific" {
  plugin = "local/prolific"

  # Your Prolific API token. Required.
  # Create one in the Prolific web app under Settings > API tokens; see
  # https://docs.prolific.com/documentation/get-started/api-fundamentals
  # The token carries your researcher account's permissions and does not expire, so keep this file private.
  # Can also be set with the PROLIFIC_TOKEN environment variable; this file wins when both are set.
  # token = "Xq7vRk2mB9tLw4ZpN8cYhJ3sDf6GaE1uQo5iKnMb0VrTl"

  # The Prolific API's base URL. Optional. Defaults to "https://api.prolific.com".
  # Plain http:// is accepted only for localhost, 127.0.0.0/8 and [::1], so the token never crosses a network unencrypted.
  # Can also be set with the PROLIFIC_URL environment variable; this file wins when both are set.
  # base_url = "https://api.prolific.com"

  # How long to wait for Prolific to start answering a request, and for each further part of a long response.
  # Optional. A Go duration such as "30s" or "2m". Defaults to "30s".
  # timeout = "30s"

  # How many times to retry a request that failed with 429, 500, 502, 503, 504 or a dropped connection.
  # Optional. 0 turns retries off. Defaults to 5.
  # max_retries = 5

  # The first wait before a retry. Each further retry doubles it (with random jitter, at most 30s a step).
  # A Retry-After header from Prolific takes precedence. Optional. Defaults to "1s".
  # retry_base_delay = "1s"

  # The longest total time one request may spend waiting between its retries. A retry that would pass it is not
  # made, and the query fails with the last error. Optional. Defaults to "60s".
  # max_retry_wait = "60s"

  # Deprecated: set max_concurrency of the rate limiter "prolific_api" instead (see docs/index.md, "Errors, retries
  # and limits"), which bounds the requests of each connection (5 by default). When set, this still bounds this
  # connection's open requests as well, and the plugin logs a warning. It will be removed in a later release.
  # max_concurrent_requests = 5

  # HTTP statuses with which a workspace or project is left out of a listing instead of failing the query, such as
  # [403] for a workspace the token is listed in but cannot read. A listing across workspaces or projects (batches,
  # collections, projects, studies, participant groups, and an aggregator over them) then returns the other ones'
  # rows, and the plugin log names each one left out; the rows are incomplete without an error, so leave it unset
  # to be told. Optional. A list of statuses from 400 to 599. Defaults to [] (every error fails the query).
  # ignore_error_codes = [403]
}
