#!/usr/bin/env bash
# Install the extension built by postgres/build-extension.sh into a PostgreSQL installation:
# the .so into `pg_config --pkglibdir`, the .control and --1.0.sql into `pg_config --sharedir`/extension.
#
# Usage: postgres/install-extension.sh [OUT_DIR]
#   OUT_DIR  build output to install (default <repo>/build/postgres; the unpatched variant is
#            <repo>/build/postgres-stock). Both variants install under the same extension name,
#            so installing one replaces the other; reconnect (new backends) after switching.
# Environment:
#   PG_CONFIG     pg_config of the target server (default /usr/lib/postgresql/15/bin/pg_config)
#   PLUGIN_ALIAS  plugin short name (default prolific -> steampipe_postgres_prolific)
#   DESTDIR       optional staging root prepended to the target dirs (packaging)
# Usually needs root (writes to the system PostgreSQL directories).
set -euo pipefail

die() { echo "install-extension: ERROR: $*" >&2; exit 1; }

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
REPO=$(cd "$SCRIPT_DIR/.." && pwd -P)
case "${1:-}" in -h|--help|help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;; esac
[ $# -le 1 ] || die "usage: $0 [OUT_DIR]"
OUT=${1:-$REPO/build/postgres}
EXT=steampipe_postgres_${PLUGIN_ALIAS:-prolific}
if [ -z "${PG_CONFIG:-}" ]; then
  if [ -x /usr/lib/postgresql/15/bin/pg_config ]; then PG_CONFIG=/usr/lib/postgresql/15/bin/pg_config; else PG_CONFIG=pg_config; fi
fi
command -v "$PG_CONFIG" >/dev/null 2>&1 || die "pg_config not found (PG_CONFIG=$PG_CONFIG)"

for f in "$EXT.so" "$EXT.control" "$EXT--1.0.sql"; do
  [ -f "$OUT/$f" ] || die "$OUT/$f is missing; run postgres/build-extension.sh first"
done

# A module built against another major version fails at load time with a magic-block error;
# refuse early instead.
PG_MAJOR=$("$PG_CONFIG" --version | sed -n 's/^PostgreSQL \([0-9]*\).*/\1/p')
BUILT_MAJOR=$(sed -n 's/^pg_major=//p' "$OUT/BUILD_INFO" 2>/dev/null || true)
if [ -n "$BUILT_MAJOR" ] && [ "$BUILT_MAJOR" != "$PG_MAJOR" ]; then
  die "$OUT was built for PostgreSQL $BUILT_MAJOR but $PG_CONFIG is PostgreSQL $PG_MAJOR"
fi

LIBDIR=${DESTDIR:-}$("$PG_CONFIG" --pkglibdir)
EXTDIR=${DESTDIR:-}$("$PG_CONFIG" --sharedir)/extension
[ -z "${DESTDIR:-}" ] || mkdir -p "$LIBDIR" "$EXTDIR"
[ -w "$LIBDIR" ] && [ -w "$EXTDIR" ] || die "cannot write to $LIBDIR and $EXTDIR (run as root)"

install -m 0755 "$OUT/$EXT.so" "$LIBDIR/"
install -m 0644 "$OUT/$EXT.control" "$OUT/$EXT--1.0.sql" "$EXTDIR/"
echo "install-extension: installed $EXT ($(sed -n 's/^variant=//p' "$OUT/BUILD_INFO" 2>/dev/null || echo unknown variant)) from $OUT:"
echo "  $LIBDIR/$EXT.so"
echo "  $EXTDIR/$EXT.control"
echo "  $EXTDIR/$EXT--1.0.sql"
echo "install-extension: new connections load it; existing backends keep the old .so until they reconnect."
