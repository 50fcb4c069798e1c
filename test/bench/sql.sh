#!/usr/bin/env bash
# The PostgreSQL part of make bench (needs root): the plugin as the extension, reading a synthetic batch of 100,000
# responses from the fake API. Prints wall times for select count(*) and select * (rows discarded by psql), with
# the plugin's default forced-GC interval (1000 rows) and with the SDK's (100), and the backend's peak RSS.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
VARIANT=patched
PGPORT=${PGPORT:-55442}
APIPORT=${APIPORT:-18183}
log() { echo "bench-sql: $*" >&2; }
die() { echo "bench-sql: ERROR: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || { log "skipped: needs root (it installs the extension and starts PostgreSQL)"; exit 0; }

N=100000
for interval in ${BENCH_SQL_INTERVALS:-plugin-default 100}; do
  WORK=$REPO/build/bench-sql-$interval
  FAKE_ARGS="-synthetic $N"
  PG_ENV=
  [ "$interval" = plugin-default ] || PG_ENV="STEAMPIPE_FREE_MEM_INTERVAL=$interval"
  (
    # shellcheck source=test/sql/lib.sh
    . "$REPO/test/sql/lib.sh" >/dev/null
    for query in "select count(*) from prolific.prolific_batch_response where batch_id = 'bench-$N'" \
                 "select * from prolific.prolific_batch_response where batch_id = 'bench-$N'"; do
      # One session: the query (its rows discarded), then the backend's own peak RSS (VmHWM).
      start=$(date +%s%N)
      peak=$(printf '%s\n' '\o /dev/null' "$query;" '\o' \
               "select (regexp_match(pg_read_file('/proc/self/status'), 'VmHWM:\s+(\d+)'))[1];" |
             "${PSQL[@]}" -At -v ON_ERROR_STOP=1)
      ms=$(( ($(date +%s%N) - start) / 1000000 ))
      printf 'postgres  FREE_MEM_INTERVAL=%-15s %-62s %7d ms  backend peak RSS %4d MB\n' \
        "$interval" "${query:0:62}" "$ms" "$(( peak / 1024 ))"
    done
  )
done
