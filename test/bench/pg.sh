#!/usr/bin/env bash
# The PostgreSQL contenders of make bench (test/bench/main.go starts this script; it needs root): builds and installs
# the extension, starts a throwaway PostgreSQL 15 whose server steampipe_prolific reads the bench's own fake API on
# 127.0.0.1:APIPORT, and prints one line "ready <psql command>". It keeps PostgreSQL running until its stdin closes,
# then stops it.
#
#   test/bench/pg.sh APIPORT
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
VARIANT=patched
PGPORT=${PGPORT:-15443}
APIPORT=${1:?usage: test/bench/pg.sh APIPORT}
FAKE_EXTERNAL=1
WORK=$REPO/build/bench/pg
log() { echo "bench-pg: $*" >&2; }
die() { echo "bench-pg: ERROR: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || die "needs root (it installs the extension and starts PostgreSQL)"

# shellcheck source=test/sql/lib.sh
. "$REPO/test/sql/lib.sh" >&2
echo "ready ${PSQL[*]} -At"
cat >/dev/null # until the bench closes stdin; lib.sh's EXIT trap then stops PostgreSQL
