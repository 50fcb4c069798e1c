#!/usr/bin/env bash
# Build a Go program at a pinned version from the Go module proxy, once per machine, into build/tools/<name>/<version>/.
#
#   test/tools/go-tool.sh NAME MODULE VERSION [PACKAGE] [--replace OLD=NEW]...
#   prints the path of the binary on stdout (progress goes to stderr)
#
# Why a wrapper module: the proxy refuses `@v/list` for several of the modules we need (Steampipe, Powerpipe), so
# `go install module@version` fails while it looks up deprecations. We build inside a throwaway module that requires
# MODULE@VERSION instead, seeded with MODULE's own go.sum: the checksum database lacks some versions its graph uses
# (for example github.com/turbot/pipe-fittings/v2 v2.3.6), and those sums are the ones MODULE's authors recorded.
# Replace lines in MODULE's go.mod do not apply to a dependency, so they are repeated with --replace.
# The binary is reused when it exists; delete build/tools/NAME to rebuild.
set -euo pipefail

die() { echo "go-tool: ERROR: $*" >&2; exit 1; }
[ $# -ge 3 ] || die "usage: $0 NAME MODULE VERSION [PACKAGE] [--replace OLD=NEW]..."
NAME=$1 MODULE=$2 VERSION=$3; shift 3
PACKAGE=$MODULE
if [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; then PACKAGE=$1; shift; fi
REPLACES=()
while [ $# -gt 0 ]; do
  case "$1" in
    --replace) [ $# -ge 2 ] || die "--replace needs OLD=NEW"; REPLACES+=("$2"); shift 2 ;;
    *) die "unknown argument '$1'" ;;
  esac
done

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
OUT=$REPO/build/tools/$NAME/$VERSION
BIN=$OUT/$NAME
if [ -x "$BIN" ]; then echo "$BIN"; exit 0; fi

mkdir -p "$OUT"
exec 7>"$OUT.lock"
flock 7
if [ -x "$BIN" ]; then echo "$BIN"; exit 0; fi

export GOFLAGS=-mod=mod          # the wrapper's go.mod is ours to rewrite; no -modfile from the caller
WRAP=$OUT/wrap
rm -rf "$WRAP"; mkdir -p "$WRAP"
SRC=$(cd "$WRAP" && go mod download -json "$MODULE@$VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)".*/\1/p')
[ -n "$SRC" ] && [ -f "$SRC/go.mod" ] || die "go mod download $MODULE@$VERSION failed"
GO_LINE=$(sed -n 's/^go \(.*\)/\1/p' "$SRC/go.mod" | head -1)
printf 'module wrap\n\ngo %s\n' "${GO_LINE:-1.26}" >"$WRAP/go.mod"
cp "$SRC/go.sum" "$WRAP/go.sum"
for r in "${REPLACES[@]}"; do (cd "$WRAP" && go mod edit -replace "$r"); done
printf 'package wrap\n\nimport _ "%s"\n' "$PACKAGE" >"$WRAP/tools.go"
start=$(date +%s)
echo "go-tool: building $NAME ($PACKAGE@$VERSION); this takes minutes the first time on a machine" >&2
(cd "$WRAP" && go get "$MODULE@$VERSION" >&2 && go build -o "$BIN.tmp" "$PACKAGE" >&2) ||
  die "building $PACKAGE@$VERSION failed"
mv "$BIN.tmp" "$BIN"
echo "go-tool: built $BIN in $(( $(date +%s) - start ))s" >&2
echo "$BIN"
