#!/usr/bin/env bash
# The SQLite part of make bench: the extension (make sqlite) loaded by Debian's python3, reading a synthetic batch of
# 100,000 responses from the fake API. Each query runs in a fresh python3, which prints its wall time and its peak
# RSS (getrusage: the whole process, so the interpreter, SQLite, the Go runtime and the plugin together). select *
# fetches every row in Python, as a notebook would, and drops it.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
APIPORT=${APIPORT:-18184}
N=${BENCH_SQLITE_ROWS:-100000}
EXTENSION=$REPO/build/steampipe_sqlite_prolific.so
WORK=$REPO/build/bench-sqlite
die() { echo "bench-sqlite: ERROR: $*" >&2; exit 1; }
[ -f "$EXTENSION" ] || die "$EXTENSION is missing: run make sqlite first"
[ -x /usr/bin/python3 ] || die "/usr/bin/python3 (Debian's python3) is missing"

mkdir -p "$WORK"
(cd "$REPO" && go build -o "$WORK/fakeprolific" ./test/fakeprolific)
"$WORK/fakeprolific" -addr "127.0.0.1:$APIPORT" -synthetic "$N" >"$WORK/api.log" 2>&1 &
api=$!
trap 'kill $api 2>/dev/null || true' EXIT
for _ in $(seq 600); do (exec 3<>"/dev/tcp/127.0.0.1/$APIPORT") 2>/dev/null && break; sleep 0.1; done

for query in "select count(*) from prolific_batch_response where batch_id = 'bench-$N'" \
             "select * from prolific_batch_response where batch_id = 'bench-$N'"; do
  STEAMPIPE_CACHE=false /usr/bin/python3 - "$EXTENSION" "http://127.0.0.1:$APIPORT" "$query" <<'PY'
import resource, sqlite3, sys, time
extension, url, query = sys.argv[1:]
db = sqlite3.connect(":memory:")
db.enable_load_extension(True)
db.load_extension(extension)
db.execute("select steampipe_configure_prolific(?)", (f'token = "test-token"\nbase_url = "{url}"',))
start = time.monotonic()
rows = 0
for _ in db.execute(query):
    rows += 1
ms = (time.monotonic() - start) * 1000
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"sqlite    {query[:62]:<62} {rows:>7} rows {ms:7.0f} ms  python3 peak RSS {peak_mb:4.0f} MB")
PY
done
