#!/usr/bin/env bash
# Prepare the patched plugin SDK that every artifact of this repository is built against.
#
#   patches/patched-sdk.sh        create or refresh build/sdk/ and print nothing else when it is up to date
#
# What it makes:
#   build/sdk/steampipe-plugin-sdk/   a writable copy of github.com/turbot/steampipe-plugin-sdk/v5 at the version
#                                     go.mod requires, with every patches/sdk/*.patch applied in name order
#   build/sdk/go.mod, build/sdk/go.sum the repository's go.mod and go.sum plus one `replace` of the SDK by that copy
#
# Builds use it with `go build -modfile=build/sdk/go.mod` (the Makefile sets GOFLAGS for every go command it runs),
# so the committed go.mod carries no replace line: plain `go build` or `go install` still works, with the stock SDK
# and without the fixes. Why -modfile and not -overlay: the go command refuses overlays of files in the module cache.
#
# A patch that no longer applies stops the build with the patch's name and patch's own output: update the patch for
# the new SDK version (each patch's header says what it fixes and why) rather than building without it.
set -euo pipefail

die() { echo "patched-sdk: ERROR: $*" >&2; exit 1; }

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
OUT=$REPO/build/sdk
SDK_MODULE=github.com/turbot/steampipe-plugin-sdk/v5
command -v patch >/dev/null || die "'patch' is not installed (Debian: apt-get install patch)"

# Read the version from go.mod itself: `go list -m` would need the module graph, and a GOFLAGS -modfile pointing at
# a build/sdk/go.mod that is not there yet.
SDK_VERSION=$(sed -n "s#^[[:space:]]*$SDK_MODULE \(v[^ ]*\).*#\1#p" "$REPO/go.mod" | head -1)
[ -n "$SDK_VERSION" ] || die "cannot find $SDK_MODULE in $REPO/go.mod"
shopt -s nullglob
PATCHES=("$REPO"/patches/sdk/*.patch)
shopt -u nullglob

STAMP_TEXT="recipe=1
sdk=$SDK_MODULE@$SDK_VERSION
repo=$REPO
go.mod=$(sha256sum <"$REPO/go.mod" | cut -d' ' -f1)
go.sum=$(sha256sum <"$REPO/go.sum" | cut -d' ' -f1)
$(for p in "${PATCHES[@]}"; do echo "patch=$(basename "$p") $(sha256sum <"$p" | cut -d' ' -f1)"; done)"
STAMP=$OUT/.stamp
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$STAMP_TEXT" ]; then
  exit 0
fi

mkdir -p "$REPO/build"
exec 8>"$REPO/build/.sdk.lock"
flock 8
# Another build may have finished the same work while this one waited for the lock.
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$STAMP_TEXT" ]; then
  exit 0
fi

TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
# `go mod download` runs outside any module and without GOFLAGS, so it neither touches go.mod nor needs build/sdk.
SDK_DIR=$(cd "$TMP" && GOFLAGS= go mod download -json "$SDK_MODULE@$SDK_VERSION" |
          sed -n 's/^[[:space:]]*"Dir": "\(.*\)".*/\1/p')
[ -n "$SDK_DIR" ] && [ -d "$SDK_DIR" ] || die "go mod download $SDK_MODULE@$SDK_VERSION failed"

rm -rf "$OUT"
mkdir -p "$OUT"
cp -R "$SDK_DIR" "$OUT/steampipe-plugin-sdk"
chmod -R u+w "$OUT/steampipe-plugin-sdk"            # the module cache is read-only
for p in "${PATCHES[@]}"; do
  if ! out=$(cd "$OUT/steampipe-plugin-sdk" && patch -p1 --forward --batch --no-backup-if-mismatch <"$p" 2>&1); then
    printf '%s\n' "$out" >&2
    rm -rf "$OUT"
    die "patches/sdk/$(basename "$p") no longer applies to $SDK_MODULE@$SDK_VERSION. Update the patch for this SDK version; do not build without it."
  fi
done
cp "$REPO/go.mod" "$OUT/go.mod"
cp "$REPO/go.sum" "$OUT/go.sum"
(cd "$REPO" && GOFLAGS= go mod edit -replace "$SDK_MODULE=$OUT/steampipe-plugin-sdk" "$OUT/go.mod")
printf '%s' "$STAMP_TEXT" >"$STAMP"                  # written last: an interrupted run is redone
echo "patched-sdk: $SDK_MODULE@$SDK_VERSION with ${#PATCHES[@]} patch(es) from patches/sdk in build/sdk"
