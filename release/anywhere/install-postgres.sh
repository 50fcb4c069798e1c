#!/bin/sh
# Install the PostgreSQL extension steampipe_postgres_prolific from this tarball into a PostgreSQL 15 server.
#   ./install.sh          uses PG_CONFIG, or /usr/lib/postgresql/15/bin/pg_config, or pg_config in PATH
# Needs write access to the server's lib and extension dirs (usually root). Then, as a superuser:
#   create extension steampipe_postgres_prolific;
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
EXT=steampipe_postgres_prolific
die() { echo "install.sh: ERROR: $*" >&2; exit 1; }
if [ -z "${PG_CONFIG:-}" ]; then
  if [ -x /usr/lib/postgresql/15/bin/pg_config ]; then PG_CONFIG=/usr/lib/postgresql/15/bin/pg_config; else PG_CONFIG=pg_config; fi
fi
command -v "$PG_CONFIG" >/dev/null 2>&1 || die "pg_config not found: install your server's development package (Debian: postgresql-server-dev-15) or set PG_CONFIG"
MAJOR=$("$PG_CONFIG" --version | sed -n 's/^PostgreSQL \([0-9]*\).*/\1/p')
BUILT=$(sed -n 's/^pg_major=//p' "$HERE/BUILD_INFO")
[ "$MAJOR" = "$BUILT" ] || die "this extension is built for PostgreSQL $BUILT, but $PG_CONFIG is PostgreSQL $MAJOR"
LIBDIR=${DESTDIR:-}$("$PG_CONFIG" --pkglibdir)
EXTDIR=${DESTDIR:-}$("$PG_CONFIG" --sharedir)/extension
[ -z "${DESTDIR:-}" ] || mkdir -p "$LIBDIR" "$EXTDIR"
[ -w "$LIBDIR" ] && [ -w "$EXTDIR" ] || die "cannot write to $LIBDIR and $EXTDIR (run as root)"
install -m 0755 "$HERE/$EXT.so" "$LIBDIR/"
install -m 0644 "$HERE/$EXT.control" "$HERE/$EXT--1.0.sql" "$EXTDIR/"
echo "Installed $EXT into $LIBDIR and $EXTDIR. As a superuser, run:"
echo "  create extension if not exists $EXT;"
echo "  create server steampipe_prolific foreign data wrapper $EXT options (config 'token = \"<your token>\"');"
echo "  create schema prolific; import foreign schema prolific from server steampipe_prolific into prolific;"
