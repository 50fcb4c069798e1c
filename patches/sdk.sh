#!/usr/bin/env bash
# The patched plugin SDK in third_party/steampipe-plugin-sdk: the stock module at the version go.mod requires, with
# every patches/sdk/*.patch applied in name order. go.mod replaces the SDK by that directory, so every go command in
# the repository (go build, go test ./..., gopls, a debugger) builds against the patched SDK. See patches/README.md.
#
#   patches/sdk.sh check   fail unless third_party/steampipe-plugin-sdk is exactly the stock module plus the patches
#   patches/sdk.sh write   rebuild third_party/steampipe-plugin-sdk from the stock module and the patches (after
#                          changing a patch or the SDK version in go.mod); commit the result with the patch
#   patches/sdk.sh test    run the SDK tests that each patch's header lists ("Tests:" lines) against the patched
#                          copy, under the race detector, and fail unless every listed test ran and passed
#                          (patches/run-patch-tests.sh)
#   patches/sdk.sh stock   write build/stock-sdk/go.mod: go.mod without the replace, for measuring the stock SDK
#                          (make stress); prints the path
#
# Patches are applied with --fuzz=0: a hunk whose context lines do not match exactly fails, rather than landing in
# changed code without a word.
set -euo pipefail

die() { echo "patches/sdk.sh: ERROR: $*" >&2; exit 1; }

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT
SDK_MODULE=github.com/turbot/steampipe-plugin-sdk/v5
VENDORED=third_party/steampipe-plugin-sdk

# go.mod's require line is the one place that names the SDK version; everything else reads it from there.
sdk_version() {
  local version
  version=$(sed -n "s#^[[:space:]]*$SDK_MODULE \(v[^ ]*\).*#\1#p" "$REPO/go.mod" | head -1)
  [ -n "$version" ] || die "cannot find the require line of $SDK_MODULE in go.mod"
  echo "$version"
}

# patched_copy DIR: the stock module, downloaded through the Go module proxy (checksum-verified), with every patch
# applied, in DIR.
patched_copy() {
  local dir=$1 version stock p out
  version=$(sdk_version)
  command -v patch >/dev/null || die "'patch' is not installed (Debian: apt-get install patch)"
  # Outside any module and without GOFLAGS, so it neither reads nor touches go.mod.
  stock=$(cd "$WORK" && GOFLAGS= go mod download -json "$SDK_MODULE@$version" |
          sed -n 's/^[[:space:]]*"Dir": "\(.*\)".*/\1/p')
  [ -n "$stock" ] && [ -d "$stock" ] || die "go mod download $SDK_MODULE@$version failed"
  cp -R "$stock/." "$dir/"
  chmod -R u+w "$dir"                                  # the module cache is read-only
  for p in "$REPO"/patches/sdk/*.patch; do
    if ! out=$(cd "$dir" && patch -p1 --fuzz=0 --forward --batch --no-backup-if-mismatch <"$p" 2>&1); then
      printf '%s\n' "$out" >&2
      die "patches/sdk/$(basename "$p") does not apply to $SDK_MODULE@$version. Update the patch for this SDK version; do not build without it."
    fi
  done
}

check() {
  local tmp=$WORK/patched
  mkdir "$tmp"
  patched_copy "$tmp"
  [ -d "$REPO/$VENDORED" ] || die "$VENDORED is missing: run patches/sdk.sh write"
  if ! diff -r "$tmp" "$REPO/$VENDORED" >&2; then
    die "$VENDORED is not the stock $SDK_MODULE@$(sdk_version) plus patches/sdk/*.patch (diff above). Change the SDK only through a patch, then run patches/sdk.sh write."
  fi
  echo "patches/sdk.sh: $VENDORED is $SDK_MODULE@$(sdk_version) plus $(ls "$REPO"/patches/sdk/*.patch | wc -l) patches"
}

write() {
  local tmp=$WORK/patched
  mkdir "$tmp"
  patched_copy "$tmp"
  rm -rf "${REPO:?}/$VENDORED"
  mkdir -p "$(dirname "$REPO/$VENDORED")"
  cp -R "$tmp" "$REPO/$VENDORED"
  echo "patches/sdk.sh: wrote $VENDORED ($SDK_MODULE@$(sdk_version) plus $(ls "$REPO"/patches/sdk/*.patch | wc -l) patches)"
}

stock() {
  local out=$REPO/build/stock-sdk
  mkdir -p "$out"
  cp "$REPO/go.mod" "$out/go.mod"
  cp "$REPO/go.sum" "$out/go.sum"
  (cd "$REPO" && GOFLAGS= go mod edit -dropreplace "$SDK_MODULE" "$out/go.mod" &&
    GOFLAGS="-modfile=$out/go.mod" go mod download "$SDK_MODULE")
  echo "$out/go.mod"
}

case "${1:-}" in
  check) check ;;
  write) write ;;
  test) exec "$REPO/patches/run-patch-tests.sh" "$REPO/patches/sdk" "$REPO" "$SDK_MODULE/" -race ;;
  stock) stock ;;
  *) die "usage: patches/sdk.sh check|write|test|stock" ;;
esac
