#!/usr/bin/env bash
# The SQLite stage (make test-sqlite): build/steampipe_sqlite_prolific.so (make sqlite) loaded by Debian's python3
# through the standard sqlite3 module, and by the sqlite3 shell, against the fake Prolific API (test/fakeprolific).
# test_extension.py holds the cases: the issue's done-when check, errors after rows, the fault cases, configuration,
# pushdown, types, every golden statement of the SQL stage that SQLite can run, every sql+sqlite docs example
# against its sql+postgres twin's golden rows, and joins checked against local copies.
#
# It installs the Debian packages it lacks (as root), starts the fake API on 127.0.0.1:$APIPORT (default 18282) and
# stops it on exit. Extra arguments go to unittest, e.g. test/sqlite/run.sh Errors.test_429_then_success_is_retried
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
WORK=$REPO/build/sqlite-test
APIPORT=${APIPORT:-18282}
EXTENSION=$REPO/build/steampipe_sqlite_prolific.so
PYTHON=/usr/bin/python3 # Debian's: its sqlite3 module can load extensions

die() { echo "test-sqlite: ERROR: $*" >&2; exit 1; }

"$REPO/test/tools/apt-install.sh" sqlite3 python3
[ -x "$PYTHON" ] || die "$PYTHON is missing: install Debian's python3"
command -v sqlite3 >/dev/null || die "the sqlite3 shell is missing: install Debian's sqlite3"
[ -f "$EXTENSION" ] || die "$EXTENSION is missing: run make sqlite first"

rm -rf "$WORK"
mkdir -p "$WORK"
cleanup() { if [ -f "$WORK/api.pid" ]; then kill "$(cat "$WORK/api.pid")" 2>/dev/null || true; fi; }
trap cleanup EXIT

(cd "$REPO" && go build -o "$WORK/fakeprolific" ./test/fakeprolific)
"$WORK/fakeprolific" -addr "127.0.0.1:$APIPORT" >"$WORK/api.log" 2>&1 &
echo $! >"$WORK/api.pid"
for _ in $(seq 600); do (exec 3<>"/dev/tcp/127.0.0.1/$APIPORT") 2>/dev/null && break; sleep 0.1; done

cd "$REPO/test/sqlite"
tests=(test_extension)
[ $# -eq 0 ] || tests=("${@/#/test_extension.}")
# The cache is off as in the SQL stage, so every query reaches the fake; the cache test turns it on for itself.
SQLITE_EXTENSION=$EXTENSION PROLIFIC_FAKE_URL=http://127.0.0.1:$APIPORT STEAMPIPE_CACHE=false \
  "$PYTHON" -m unittest -v "${tests[@]}"
