#!/usr/bin/env bash
# The Steampipe CLI stage (make test-steampipe): the real Steampipe CLI v1.1.3 runs the plugin binary that `make`
# builds, against the fake Prolific API, as a Steampipe user runs it.
#
# Nothing is downloaded at run time: test/steampipe/lib.sh (shared with make bench) builds Steampipe and Turbot's
# generic FDW from the Go module proxy once per machine and lays out an install dir that already holds what Steampipe
# would download. The FDW is Turbot's stock build, because that is what Steampipe users run; queries that need our FDW
# patches are not run here, or have their own golden file. Steampipe runs as the unprivileged user prolific-steampipe.
#
# Checks, each printed as ok/FAIL, ending with "N passed, M failed":
#   cases        every test/sql/cases/*.sql through psql on the Steampipe service, compared with the SQL stage's
#                golden output (test/sql/expected), or with test/steampipe/expected/<case>.out where Steampipe's
#                output rightly differs (its error prefixes, for example)
#   docs         every ```sql+postgres example of docs/tables/*.md through `steampipe query --output csv`,
#                compared with test/steampipe/expected/docs/<table>-<n>.csv
#   errors       missing qual, 404, 401 (the token never appears), truncated and malformed bodies: `steampipe query`
#                must print the error (v1.1.3 exits 0 when a scan fails after rows, so the output is what counts)
#   aggregator   prolific_all over two connections with their own tokens, with sp_connection_name
#   cache        with the service's cache on, a table's list columns and then a column with its own hydrate: the
#                hydrated values, not NULL, and the list columns again from the cache
#   routing      workspace_id on an aggregator reaches only the accounts that list the workspace, and a limiter
#   limiter      block's max_concurrency holds its connection's requests at the fake (test/steampipe/routing.sh)
#   forbidden    a workspace that answers 403: the strict aggregator fails, the one with ignore_error_codes = [403]
#                returns the other workspace's rows, and the plugin log names the workspace it left out
#   dashboards   every dashboard and the benchmark of dashboards/, by Powerpipe through the service, against the
#                golden files of make test-dashboards
#   stress       every failing scan of test/stress, under CPU load: none may lose its error (and, measured only,
#                the loss rate of the same plugin built with the stock SDK)
#   service      `steampipe service start`, psql on its port, `steampipe service stop`; and one `steampipe query`
#                with no service running, which starts and stops the database itself
#   hcl          every ```hcl block of README.md and docs/, and config/prolific.spc, as the whole configuration of
#                a `steampipe query`, which must print no warning (test/steampipe/hcl.sh)
#
# Environment: UPDATE=1 rewrites this stage's expected files (review the diff); APIPORT (default 18191).
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
HERE=$REPO/test/steampipe
WORK=$REPO/build/steampipe-test
APIPORT=${APIPORT:-18191}
UPDATE=${UPDATE:-0}
TOKEN_A=steampipe-token-a
TOKEN_B=steampipe-token-b

log() { echo "test-steampipe: $*"; }
die() { echo "test-steampipe: ERROR: $*" >&2; exit 1; }

# shellcheck source=test/steampipe/lib.sh
. "$HERE/lib.sh"
# shellcheck source=test/steampipe/routing.sh
. "$HERE/routing.sh"
mkdir -p "$WORK/out/docs"

# And the same plugin built with the stock SDK (go.mod without its replace), to measure what the patches change.
mkdir -p "$INSTALL/plugins/local/prolific_stock"
STOCK_MODFILE=$("$REPO/patches/sdk.sh" stock)
(cd "$REPO" && GOFLAGS="-modfile=$STOCK_MODFILE -tags=stocksdk" go build -o "$INSTALL/plugins/local/prolific_stock/prolific_stock.plugin" .)
cat >"$INSTALL/config/prolific.spc" <<EOF
connection "prolific" {
  plugin   = "local/prolific"
  token    = "$TOKEN_A"
  base_url = "http://127.0.0.1:$APIPORT"
  timeout  = "2s"
}

connection "prolific_b" {
  plugin   = "local/prolific"
  token    = "$TOKEN_B"
  base_url = "http://127.0.0.1:$APIPORT"
  timeout  = "2s"
}

connection "prolific_bad_token" {
  plugin   = "local/prolific"
  token    = "wrong-token-1f2e3d"
  base_url = "http://127.0.0.1:$APIPORT"
}

connection "prolific_stock" {
  plugin   = "local/prolific_stock"
  token    = "$TOKEN_A"
  base_url = "http://127.0.0.1:$APIPORT"
  timeout  = "2s"
}

connection "prolific_all" {
  type        = "aggregator"
  plugin      = "local/prolific"
  connections = ["prolific", "prolific_b"]
}
EOF
# A connection that only the cache check reads, so that nothing before it has cached its rows.
cat >>"$INSTALL/config/prolific.spc" <<EOF

connection "prolific_cache" {
  plugin   = "local/prolific"
  token    = "$TOKEN_A"
  base_url = "http://127.0.0.1:$APIPORT"
  timeout  = "2s"
}
EOF
# Connections of their own for the forbidden-workspace checks, so that no earlier query's cached rows answer them:
# two accounts each strict (the default) and each with ignore_error_codes = [403], and an aggregator over each pair.
for mode in strict ignore; do
  for account in a b; do
    token=$TOKEN_A; [ "$account" = a ] || token=$TOKEN_B
    setting=; [ "$mode" = strict ] || setting='ignore_error_codes = [403]'
    cat >>"$INSTALL/config/prolific.spc" <<EOF

connection "prolific_${mode}_$account" {
  plugin   = "local/prolific"
  token    = "$token"
  base_url = "http://127.0.0.1:$APIPORT"
  timeout  = "2s"
  $setting
}
EOF
  done
  cat >>"$INSTALL/config/prolific.spc" <<EOF

connection "prolific_${mode}_all" {
  type        = "aggregator"
  plugin      = "local/prolific"
  connections = ["prolific_${mode}_a", "prolific_${mode}_b"]
}
EOF
done
routing_config >>"$INSTALL/config/prolific.spc"
chown -R "$SP_USER" "$WORK"
chmod 755 "$REPO/build" "$WORK"

log "starting the fake Prolific API on 127.0.0.1:$APIPORT"
(cd "$REPO" && go build -o "$WORK/fakeprolific" ./test/fakeprolific)
# 9>&-: servers must not inherit the stage's lock, or one left behind by a killed run would hold it for ever.
# shellcheck disable=SC2046 # routing_fake_flags is flags, split on purpose
"$WORK/fakeprolific" -addr "127.0.0.1:$APIPORT" -token "$TOKEN_A,$TOKEN_B,$(routing_tokens)" $(routing_fake_flags) >"$WORK/api.log" 2>&1 9>&- &
echo $! >"$WORK/api.pid"

# --- checks ----------------------------------------------------------------------------------------------------------
pass=0
fail=0
ok() { echo "ok   $1"; pass=$((pass + 1)); }
failed() { echo "FAIL $1"; [ -z "${2:-}" ] || sed 's/^/  /' "$2" | head -40; fail=$((fail + 1)); }
# check NAME EXPECTED ACTUAL: compare, or rewrite EXPECTED with UPDATE=1.
check() {
  if [ "$UPDATE" = 1 ]; then
    mkdir -p "$(dirname "$2")"; cp "$3" "$2"; echo "updated $1"; pass=$((pass + 1))
  elif [ -f "$2" ] && diff -u "$2" "$3" >"$3.diff"; then ok "$1"
  else failed "$1" "$([ -f "$2" ] && echo "$3.diff" || echo "$3")"
  fi
}
# expect_error NAME OUTPUT FRAGMENT: the output carries the error, and never the token.
expect_error() {
  if ! grep -q -- "$3" "$2"; then failed "$1: no error containing '$3'" "$2"
  elif grep -q -e "$TOKEN_A" -e "$TOKEN_B" "$2"; then failed "$1: the output shows a token" "$2"
  else ok "$1"; fi
}

log "steampipe query with no service running (it starts and stops the database itself)"
as_user "$STEAMPIPE" query --output csv \
  "select count(*) as responses from prolific_batch_response where batch_id = '7c2e9a41-3b5d-4f68-8a1e-2d9c4b7f0e13'" \
  >"$WORK/out/first-query.csv" 2>&1 || true
check "steampipe query without a service" "$HERE/expected/first-query.csv" "$WORK/out/first-query.csv"

log "steampipe service start"
as_user "$STEAMPIPE" service start --database-password steampipe-test >"$WORK/out/service-start.log" 2>&1 ||
  { cat "$WORK/out/service-start.log"; die "steampipe service start failed"; }
ok "steampipe service start"
PSQL=(psql "postgresql://steampipe:steampipe-test@127.0.0.1:$SPPORT/steampipe" -X -q -P pager=off -v ON_ERROR_STOP=0)
# The local table the SQL stage's join cases read beside the plugin's tables (as in test/sql/setup.sql), created as
# Steampipe's database superuser, which it trusts from the same host.
psql "postgresql://root@127.0.0.1:$SPPORT/steampipe" -X -q -v ON_ERROR_STOP=1 >/dev/null <<'SQL'
create table public.batch_window (batch_id text primary key, label text, since timestamptz);
insert into public.batch_window values
  ('7c2e9a41-3b5d-4f68-8a1e-2d9c4b7f0e13', 'sentiment', '2026-09-14 09:30:00+00'),
  ('8d3fab52-4c6e-4079-9b2f-3eac5c8f1f24', 'summaries', '2026-09-20 14:05:00+00');
grant select on public.batch_window to steampipe;
SQL

# The SQL stage's cases, through psql on the service: the same output as our own extension gives.
for case_file in "$REPO"/test/sql/cases/*.sql; do
  name=$(basename "$case_file" .sql)
  { echo "set search_path = prolific, public;"; cat "$case_file"; } | "${PSQL[@]}" -a 2>&1 | sed '1d' >"$WORK/out/$name.out" || true
  # Steampipe's own golden file only where its output rightly differs from our extension's.
  if [ "$UPDATE" = 1 ] && cmp -s "$REPO/test/sql/expected/$name.out" "$WORK/out/$name.out"; then
    rm -f "$HERE/expected/$name.out"; ok "case $name (same as the SQL stage)"; continue
  fi
  expected=$HERE/expected/$name.out
  [ -f "$expected" ] || [ "$UPDATE" = 1 ] || expected=$REPO/test/sql/expected/$name.out
  check "case $name" "$expected" "$WORK/out/$name.out"
done

# The docs' examples, through the steampipe CLI itself.
for doc in "$REPO"/docs/tables/*.md; do
  table=$(basename "$doc" .md)
  n=0
  while IFS= read -r -d '' block; do
    n=$((n + 1))
    as_user "$STEAMPIPE" query --output csv "$block" >"$WORK/out/docs/$table-$n.csv" 2>&1 || true
    check "docs/tables/$table.md example $n" "$HERE/expected/docs/$table-$n.csv" "$WORK/out/docs/$table-$n.csv"
  done < <("$REPO/test/tools/docs-examples.sh" "$doc")
done

# Errors: steampipe query must print each one.
sp_query() { as_user "$STEAMPIPE" query --output csv "$1" >"$WORK/out/$2.out" 2>&1 || true; }
sp_query "select id from prolific_batch_response" missing-qual
expect_error "missing qual" "$WORK/out/missing-qual.out" "missing 1 required qual"
sp_query "select id from prolific_batch_response where batch_id = 'fault-truncated'" truncated
expect_error "truncated body" "$WORK/out/truncated.out" "reading the response failed after"
sp_query "select id from prolific_batch_response where batch_id = 'fault-malformed'" malformed
expect_error "malformed body" "$WORK/out/malformed.out" "reading the response failed after"
sp_query "select id from prolific_batch_response where batch_id = 'fault-forbidden'" forbidden
expect_error "403" "$WORK/out/forbidden.out" "403"
sp_query "select id from prolific_batch_response where batch_id = '00000000-0000-4000-8000-000000000000'" not-found
check "404 is no rows" "$HERE/expected/not-found.csv" "$WORK/out/not-found.out"
as_user "$STEAMPIPE" query --output csv --search-path prolific_bad_token \
  "select id from prolific_batch_response where batch_id = '7c2e9a41-3b5d-4f68-8a1e-2d9c4b7f0e13'" >"$WORK/out/unauthorized.out" 2>&1 || true
expect_error "401" "$WORK/out/unauthorized.out" "401"
grep -q "wrong-token-1f2e3d" "$WORK/out/unauthorized.out" && failed "401: the output shows the token" "$WORK/out/unauthorized.out"

# A join from prolific_batch to prolific_batch_response (batch_id supplied by the join).
sp_query "select b.name, count(r.id) as responses from prolific_batch b join prolific_batch_response r on r.batch_id = b.id group by b.name order by b.name" join
check "join prolific_batch to prolific_batch_response" "$HERE/expected/join.csv" "$WORK/out/join.out"

# The aggregator: every row once per connection, told apart by sp_connection_name.
sp_query "select sp_connection_name, count(*) as responses from prolific_all.prolific_batch_response where batch_id = '7c2e9a41-3b5d-4f68-8a1e-2d9c4b7f0e13' group by sp_connection_name order by sp_connection_name" aggregator
check "aggregator over two connections" "$HERE/expected/aggregator.csv" "$WORK/out/aggregator.out"

# The query cache (on in the service) after a read of a table's list columns: the same rows with a column that needs
# its own hydrate (a workspace's balance, a collection's detail) come back hydrated, not NULL (upstream SDK #897,
# patches/sdk/0006's header), by new requests to those endpoints; the list columns again are a cache hit.
requests() { curl -fsS "http://127.0.0.1:$APIPORT/_fake/requests?prefix=$1" | sed 's/.*"count":\([0-9]*\).*/\1/'; }
cache_query() { "${PSQL[@]}" -A -F, -P footer=off -c "$1" 2>&1; }
{
  cache_query "select id, title from prolific_cache.prolific_workspace order by id"
  before=$(requests /api/v1/workspaces/)
  cache_query "select id, title, balance_currency_code, total_balance from prolific_cache.prolific_workspace order by id"
  echo "requests (the list, and the balance of each workspace): $(($(requests /api/v1/workspaces/) - before))"
  cache_query "select id, name from prolific_cache.prolific_collection order by id"
  before=$(requests /api/v1/data-collection/collections/)
  cache_query "select id, name, jsonb_array_length(collection_items) as pages from prolific_cache.prolific_collection order by id"
  echo "collection detail requests: $(($(requests /api/v1/data-collection/collections/) - before))"
  before=$(requests /api/v1/)
  cache_query "select id, name from prolific_cache.prolific_collection order by id" >/dev/null
  echo "requests for the list columns again: $(($(requests /api/v1/) - before))"
} >"$WORK/out/cache-hydrated.out"
check "cache: hydrated columns after a cached read of the list columns" "$HERE/expected/cache-hydrated.out" "$WORK/out/cache-hydrated.out"

# A workspace that answers 403 (the Vision workspace, to its batch and project lists): the strict aggregator fails,
# the one with ignore_error_codes = [403] returns the NLP workspace's rows of each account.
VISION=65f0c2a1b4e8d9a7c3f10a33
FORBIDDEN_PATHS=(/api/v1/data-collection/batches "/api/v1/workspaces/$VISION/projects")
curl -fsS -X POST "http://127.0.0.1:$APIPORT/_fake/faults?status=403&repeat=1&path=${FORBIDDEN_PATHS[0]}&match=workspace_id%3D$VISION" >/dev/null
curl -fsS -X POST "http://127.0.0.1:$APIPORT/_fake/faults?status=403&repeat=1&path=${FORBIDDEN_PATHS[1]}" >/dev/null
for table in prolific_batch prolific_project; do
  sp_query "select count(*) from prolific_strict_all.$table" "forbidden-strict-$table"
  expect_error "403 workspace fails the strict aggregator on $table" "$WORK/out/forbidden-strict-$table.out" "403 Forbidden"
  sp_query "select sp_connection_name, workspace_id, count(*) as listed from prolific_ignore_all.$table group by 1, 2 order by 1, 2" "forbidden-ignored-$table"
  check "ignore_error_codes skips the 403 workspace in the aggregator on $table" "$HERE/expected/forbidden-ignored-$table.csv" "$WORK/out/forbidden-ignored-$table.out"
done
if ! grep -q "leaves this workspace $VISION out" "$INSTALL"/logs/plugin-*.log; then
  failed "no warning naming the skipped workspace in the plugin log"
elif grep -q -e "$TOKEN_A" -e "$TOKEN_B" "$INSTALL"/logs/plugin-*.log; then failed "the plugin log shows a token"
else ok "the plugin log names the skipped workspace, and no token"; fi
for path in "${FORBIDDEN_PATHS[@]}"; do curl -fsS -X DELETE "http://127.0.0.1:$APIPORT/_fake/faults?path=$path" >/dev/null; done

routing_checks

# The Powerpipe mod through the service, against the same golden files as on our extension (test/dashboards).
if DATABASE_URL="postgres://steampipe:steampipe-test@127.0.0.1:$SPPORT/steampipe?sslmode=disable" \
    UPDATE=0 "$REPO/test/dashboards/run.sh" >"$WORK/out/dashboards.log" 2>&1; then
  ok "dashboards and benchmark through the Steampipe service ($(tail -1 "$WORK/out/dashboards.log"))"
else
  failed "dashboards and benchmark through the Steampipe service" "$WORK/out/dashboards.log"
fi

# Every failing scan, repeated under CPU load, through the service: each must end in an error.
# shellcheck source=test/stress/stress.sh
. "$REPO/test/stress/stress.sh"
if stress_sql steampipe env PGOPTIONS="-c search_path=prolific" "${PSQL[@]}"; then ok "stress: no error lost through Steampipe"
else failed "stress: errors lost through Steampipe"; fi
# The same with the plugin built with the stock SDK: its loss rate is measured, not judged.
STRESS_REPORT=1 stress_sql "steampipe, stock SDK" env PGOPTIONS="-c search_path=prolific_stock" "${PSQL[@]}"

log "steampipe service stop"
if as_user "$STEAMPIPE" service stop >"$WORK/out/service-stop.log" 2>&1; then ok "steampipe service stop"
else failed "steampipe service stop" "$WORK/out/service-stop.log"; fi
if "${PSQL[@]}" -c 'select 1' >/dev/null 2>&1; then failed "the service still answers after service stop"; else ok "the service is stopped"; fi

# shellcheck source=test/steampipe/hcl.sh
. "$HERE/hcl.sh"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
