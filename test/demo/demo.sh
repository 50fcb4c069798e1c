#!/usr/bin/env bash
# make demo: the docs' examples answered by the plugin against the fake Prolific API's sample batches, through the
# lightest engine that runs SQL: the SQLite extension in Python's standard sqlite3 module. No Prolific account, no
# Steampipe, no database server and no root: it needs Go, gcc and SQLite's headers (Debian: libsqlite3-dev) and
# python3. (make demo-postgres runs the same examples through PostgreSQL, as root.)
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
WORK=$REPO/build/demo-sqlite
APIPORT=${APIPORT:-18183}

die() { echo "demo: ERROR: $*" >&2; exit 1; }
# The first python3 whose sqlite3 module can load extensions: Debian's can; some builds (pyenv's, by default) cannot.
can_load() { "$1" -c 'import sqlite3; sqlite3.connect(":memory:").enable_load_extension(True)' 2>/dev/null; }
for candidate in ${PYTHON:-} /usr/bin/python3 python3; do
  if command -v "$candidate" >/dev/null && can_load "$candidate"; then PYTHON=$candidate; break; fi
done
[ -n "${PYTHON:-}" ] && can_load "$PYTHON" ||
  die "no python3 here can load SQLite extensions; install your system's python3 (Debian's can) or set PYTHON"

make -s -C "$REPO" sqlite >&2
mkdir -p "$WORK"
(cd "$REPO" && go build -o "$WORK/fakeprolific" ./test/fakeprolific)
"$WORK/fakeprolific" -addr "127.0.0.1:$APIPORT" >"$WORK/api.log" 2>&1 &
api=$!
trap 'kill $api 2>/dev/null || true' EXIT
for _ in $(seq 600); do (exec 3<>"/dev/tcp/127.0.0.1/$APIPORT") 2>/dev/null && break; sleep 0.1; done

DEMO_EXTENSION=$REPO/build/steampipe_sqlite_prolific.so DEMO_API_URL=http://127.0.0.1:$APIPORT \
  "$PYTHON" "$REPO/test/demo/demo.py"
