#!/usr/bin/env bash
# Build the plugin as the loadable SQLite extension build/steampipe_sqlite_prolific.so (make sqlite).
#
# It needs a C compiler and SQLite's headers (Debian: gcc, libc6-dev, libsqlite3-dev); as root it installs the ones
# that are missing. Like every go build here it uses the patched SDK (go.mod's replace). Environment: OUT (default
# <repo>/build/steampipe_sqlite_prolific.so), LDFLAGS (extra -X flags, such as the version).
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
OUT=${OUT:-$REPO/build/steampipe_sqlite_prolific.so}

die() { echo "sqlite/build.sh: ERROR: $*" >&2; exit 1; }

"$REPO/test/tools/apt-install.sh" gcc libc6-dev libsqlite3-dev
[ -f /usr/include/sqlite3ext.h ] || die "SQLite's headers are missing: install them with 'apt-get install libsqlite3-dev' (as root), then run make sqlite again"

mkdir -p "$(dirname "$OUT")"
start=$(date +%s)
# -s -w: no symbol table or DWARF, which would add a third to the size of a library that is loaded, not debugged.
(cd "$REPO" && CGO_ENABLED=1 go build -buildmode=c-shared -ldflags "${LDFLAGS:-} -s -w" -o "$OUT" ./sqlite)
rm -f "${OUT%.so}.h" # the C header of the Go exports: only extension.c needs it, and it has its own copy
echo "sqlite/build.sh: built $OUT in $(( $(date +%s) - start ))s"
