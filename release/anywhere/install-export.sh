#!/bin/sh
# Install the export CLI steampipe_export_prolific from this tarball.
#   ./install.sh [DIR]    DIR defaults to /usr/local/bin as root, otherwise to ~/.local/bin
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
if [ $# -ge 1 ]; then DIR=$1
elif [ "$(id -u)" -eq 0 ]; then DIR=/usr/local/bin
else DIR=$HOME/.local/bin; fi
mkdir -p "$DIR"
install -m 0755 "$HERE/steampipe_export_prolific" "$DIR/steampipe_export_prolific"
echo "Installed $DIR/steampipe_export_prolific ($("$DIR/steampipe_export_prolific" --version 2>/dev/null || echo "version unknown"))"
case ":$PATH:" in *":$DIR:"*) ;; *) echo "Note: $DIR is not in your PATH." ;; esac
echo "Try: PROLIFIC_TOKEN=<your token> steampipe_export_prolific prolific_user"
