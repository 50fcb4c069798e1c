#!/usr/bin/env bash
# Builds Powerpipe (github.com/turbot/powerpipe, default v1.5.2) from the Go module proxy into
# <repo>/build/tools/powerpipe/<version>/powerpipe, for make test-dashboards, and prints the binary's path.
# The binary is kept and rebuilt only for another version; the Go module and build caches make a rebuild of a new
# clone take about a minute instead of about six (cold, 2 cores). A lock makes concurrent callers wait for one build.
#
# Why a wrapper module: the proxy refuses `@v/list` for this module, so `go install module@version` fails. The
# wrapper takes powerpipe's own go.mod requirements and go.sum, because the checksum database lacks some of its
# dependencies' versions; the go.sum we copy is the one powerpipe's release was built with, and the powerpipe module
# itself is still checked against the checksum database when it is downloaded.
#
# Usage: test/dashboards/build-powerpipe.sh
# Environment: POWERPIPE_VERSION (default v1.5.2)
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
VERSION=${POWERPIPE_VERSION:-v1.5.2}
DIR=$REPO/build/tools/powerpipe/$VERSION
BIN=$DIR/powerpipe
MODULE=github.com/turbot/powerpipe

log() { echo "build-powerpipe: $*" >&2; }
die() { echo "build-powerpipe: ERROR: $*" >&2; exit 1; }

mkdir -p "$DIR"
exec 9>"$DIR.lock"
flock 9
if [ -x "$BIN" ]; then
  echo "$BIN"
  exit 0
fi

# The repo's GOFLAGS (such as -modfile=build/sdk/go.mod) belong to the plugin, not to this wrapper.
export GOFLAGS=-buildvcs=false GOWORK=off
src=$(cd /tmp && go mod download -json "$MODULE@$VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
[ -n "$src" ] && [ -f "$src/go.mod" ] || die "could not download $MODULE@$VERSION from the Go module proxy"

wrap=$DIR/wrapper
rm -rf "$wrap"
mkdir -p "$wrap"
sed "s|^module .*|module wrap|" "$src/go.mod" >"$wrap/go.mod"
cp "$src/go.sum" "$wrap/go.sum"
(cd "$wrap" && go mod edit -require="$MODULE@$VERSION")
log "building $MODULE@$VERSION into $DIR (cold: about 6 minutes on 2 cores; warm Go caches: about a minute)"
start=$(date +%s)
(cd "$wrap" && GOFLAGS="-mod=mod -buildvcs=false" go build -ldflags "-X main.version=${VERSION#v}" -o "$BIN.tmp" "$MODULE") || die "go build of $MODULE@$VERSION failed"
mv "$BIN.tmp" "$BIN"
rm -rf "$wrap"
log "built $BIN in $(( $(date +%s) - start )) s"
echo "$BIN"
