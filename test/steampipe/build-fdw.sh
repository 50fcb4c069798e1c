#!/usr/bin/env bash
# Build Turbot's generic steampipe-postgres-fdw (the one the Steampipe CLI loads) for Debian's PostgreSQL 15, stock,
# once per machine, into build/tools/steampipe-postgres-fdw/<version>/. Prints that directory on stdout.
#
#   test/steampipe/build-fdw.sh [VERSION]     default v1.13.0
#
# The source comes from the Go module proxy (`go mod download`) into a writable copy; nothing of it is committed.
set -euo pipefail

die() { echo "build-fdw: ERROR: $*" >&2; exit 1; }
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
VERSION=${1:-v1.13.0}
MODULE=github.com/turbot/steampipe-postgres-fdw
OUT=$REPO/build/tools/steampipe-postgres-fdw/$VERSION
PG_BIN=/usr/lib/postgresql/15/bin
unset GOFLAGS

done_already() { [ -f "$OUT/steampipe_postgres_fdw.so" ] && [ -f "$OUT/steampipe_postgres_fdw.control" ]; }
if done_already; then echo "$OUT"; exit 0; fi
mkdir -p "$OUT"
exec 7>"$OUT.lock"
flock 7
if done_already; then echo "$OUT"; exit 0; fi
[ -x "$PG_BIN/pg_config" ] || die "PostgreSQL 15's pg_config is missing (Debian: postgresql-server-dev-15)"

SRC_DIR=$(cd /tmp && go mod download -json "$MODULE@$VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)".*/\1/p')
[ -n "$SRC_DIR" ] && [ -f "$SRC_DIR/Makefile" ] || die "go mod download $MODULE@$VERSION failed"
SRC=$OUT/src
rm -rf "$SRC"
cp -R "$SRC_DIR" "$SRC"
chmod -R u+w "$SRC"
start=$(date +%s)
echo "build-fdw: building $MODULE@$VERSION for PostgreSQL 15 (minutes the first time on a machine)" >&2
if ! PATH="$PG_BIN:$PATH" make -C "$SRC" build >"$OUT/build.log" 2>&1; then
  tail -30 "$OUT/build.log" >&2
  die "make build failed; full log: $OUT/build.log"
fi
for f in steampipe_postgres_fdw.so steampipe_postgres_fdw.control steampipe_postgres_fdw--1.0.sql; do
  install -m 0644 "$SRC/build-$(uname)/$f" "$OUT/$f"
done
rm -rf "$SRC"
echo "build-fdw: built in $(( $(date +%s) - start ))s" >&2
echo "$OUT"
