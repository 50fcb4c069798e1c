#!/bin/sh
# Install the PostgreSQL extension steampipe_postgres_prolific from this tarball into a PostgreSQL 15 server.
#   ./install.sh          uses PG_CONFIG, or /usr/lib/postgresql/15/bin/pg_config, or pg_config in PATH
# Needs write access to the server's lib and extension dirs (usually root). The work is done by install-extension.sh,
# the script that installs the extension from a source build too. Then, as a superuser:
#   create extension steampipe_postgres_prolific;
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
EXT=steampipe_postgres_prolific
"$HERE/install-extension.sh" "$HERE"
echo "As a superuser, run:"
echo "  create extension if not exists $EXT;"
echo "  create server steampipe_prolific foreign data wrapper $EXT options (config 'token = \"<your token>\"');"
echo "  create schema prolific; import foreign schema prolific from server steampipe_prolific into prolific;"
