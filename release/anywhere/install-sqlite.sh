#!/bin/sh
# Install the SQLite extension steampipe_sqlite_prolific.so from this tarball.
#   ./install.sh [DIR]    DIR defaults to /usr/local/lib as root, otherwise to ~/.local/lib
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
if [ $# -ge 1 ]; then DIR=$1
elif [ "$(id -u)" -eq 0 ]; then DIR=/usr/local/lib
else DIR=$HOME/.local/lib; fi
mkdir -p "$DIR"
install -m 0755 "$HERE/steampipe_sqlite_prolific.so" "$DIR/steampipe_sqlite_prolific.so"
echo "Installed $DIR/steampipe_sqlite_prolific.so"
echo "Load it in the sqlite3 shell with:  .load $DIR/steampipe_sqlite_prolific"
echo "then configure it:                  select steampipe_configure_prolific('token = \"<your token>\"');"
