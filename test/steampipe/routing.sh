# Sourced by test/steampipe/run.sh while the service runs: how Steampipe's own knobs reach the plugin.
#
#   routing   an aggregator over two accounts, one of which sees only the Vision workspace: a query with
#             workspace_id = the NLP workspace reaches only the account that lists it (the fake counts requests per
#             token), and one on Vision reaches both. The same aggregator of the plugin built with the stock SDK,
#             which has no connection key column (prolific/connection_keys_stock.go), asks both accounts and fails
#             on the Vision-only account's 403.
#   limiter   a plugin block with `limiter "prolific_api" { max_concurrency = 2 }`: its connection never has more than
#             2 requests open at the fake, where a connection of the plugin without the block has more.
#
# It writes its connections into the stage's config (routing_config, called before the service starts) and uses the
# tokens below, which the fake accepts, the Vision-only one limited to that workspace (routing_fake_flags).

TOKEN_ROUTE_ALL=steampipe-token-route-all
TOKEN_ROUTE_VISION=steampipe-token-route-vision
TOKEN_LIMITED=steampipe-token-limited
TOKEN_UNLIMITED=steampipe-token-unlimited
NLP=65f0c2a1b4e8d9a7c3f10a22
VISION=65f0c2a1b4e8d9a7c3f10a33

routing_tokens() { echo "$TOKEN_ROUTE_ALL,$TOKEN_ROUTE_VISION,$TOKEN_LIMITED,$TOKEN_UNLIMITED"; }
routing_fake_flags() { echo "-visible $TOKEN_ROUTE_VISION=$VISION"; }

routing_connection() { # NAME PLUGIN TOKEN
  cat <<EOC

connection "$1" {
  plugin   = $2
  token    = "$3"
  base_url = "http://127.0.0.1:$APIPORT"
  timeout  = "5s"
}
EOC
}

routing_config() {
  install -d "$INSTALL/plugins/local/prolific_limited"
  cp "$INSTALL/plugins/local/prolific/prolific.plugin" "$INSTALL/plugins/local/prolific_limited/prolific_limited.plugin"
  for build in prolific prolific_stock; do
    routing_connection "${build}_route_all" "\"local/$build\"" "$TOKEN_ROUTE_ALL"
    routing_connection "${build}_route_vision" "\"local/$build\"" "$TOKEN_ROUTE_VISION"
    cat <<EOC

connection "${build}_route" {
  type        = "aggregator"
  plugin      = "local/$build"
  connections = ["${build}_route_all", "${build}_route_vision"]
}
EOC
  done
  # The plugin binary installed a second time, as local/prolific_limited: a plugin block with source =
  # "local/prolific" would become the only instance of local/prolific, and every connection of the stage would get
  # its limiter.
  cat <<EOC

plugin "local/prolific_limited" {
  limiter "prolific_api" {
    max_concurrency = 2
    scope           = ["connection"]
  }
}
EOC
  routing_connection prolific_limited '"local/prolific_limited"' "$TOKEN_LIMITED"
  routing_connection prolific_unlimited '"local/prolific"' "$TOKEN_UNLIMITED"
}

sp_query_to_stdout() { as_user "$STEAMPIPE" query --output csv "$1" 2>&1 || true; }

fake_log() { # PREFIX TOKEN FIELD: the fake's count or max_in_flight of the token's requests under PREFIX
  curl -fsS "http://127.0.0.1:$APIPORT/_fake/requests?prefix=$1&token=$2" | sed "s/.*\"$3\":\([0-9]*\).*/\1/"
}

routing_checks() {
  local out=$WORK/out/routing.out batches=/api/v1/data-collection/batches
  curl -fsS -X DELETE "http://127.0.0.1:$APIPORT/_fake/requests" >/dev/null
  {
    sp_query_to_stdout "select sp_connection_name, workspace_id, count(*) as batches from prolific_route.prolific_batch where workspace_id = '$NLP' group by 1, 2 order by 1, 2"
    echo "batch list requests: all-workspaces account $(fake_log $batches $TOKEN_ROUTE_ALL count), Vision-only account $(fake_log $batches $TOKEN_ROUTE_VISION count)"
    sp_query_to_stdout "select sp_connection_name, workspace_id, count(*) as batches from prolific_route.prolific_batch where workspace_id = '$VISION' group by 1, 2 order by 1, 2"
    echo "batch list requests: all-workspaces account $(fake_log $batches $TOKEN_ROUTE_ALL count), Vision-only account $(fake_log $batches $TOKEN_ROUTE_VISION count)"
  } >"$out"
  check "routing: workspace_id on an aggregator reaches only the accounts that list the workspace" "$HERE/expected/routing.out" "$out"
  sp_query "select count(*) from prolific_stock_route.prolific_batch where workspace_id = '$NLP'" routing-stock
  expect_error "routing: without a connection key column (stock SDK build) the Vision-only account is asked and fails" \
    "$WORK/out/routing-stock.out" "403"

  local ids
  ids=$(for i in $(seq 1 200); do printf "'00000000-0000-4000-8000-%012d'," "$i"; done)
  ids="${ids%,}"
  curl -fsS -X POST "http://127.0.0.1:$APIPORT/_fake/latency?ms=20" >/dev/null
  for connection in prolific_limited prolific_unlimited; do
    sp_query "select count(*) from $connection.prolific_batch_response where batch_id in ($ids)" "$connection"
  done
  curl -fsS -X POST "http://127.0.0.1:$APIPORT/_fake/latency?ms=0" >/dev/null
  local limited unlimited
  limited=$(fake_log /api/v1/data-collection/batches/ "$TOKEN_LIMITED" max_in_flight)
  unlimited=$(fake_log /api/v1/data-collection/batches/ "$TOKEN_UNLIMITED" max_in_flight)
  if [ "$limited" = 2 ] && [ "$unlimited" -gt 2 ]; then
    ok "limiter: a plugin block's max_concurrency = 2 holds its connection to $limited requests at once (the default: $unlimited)"
  else
    failed "limiter: at most $limited requests at once with max_concurrency = 2, $unlimited without; want 2 and more than 2" "$WORK/out/prolific_limited.out"
  fi
}
