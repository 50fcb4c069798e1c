#!/usr/bin/env bash
# make release-check: the release is reproducible. It copies the source tree make release built dist/ from to another
# path, builds the plugin and the export CLI there again (release.sh, same VERSION and SOURCE_DATE_EPOCH) with an
# empty Go build cache, and compares every file with dist/'s by sha256. Only the Go toolchain and the module cache
# are shared: the same inputs must give the same bytes.
#
# Environment: DIST (default <repo>/dist), PLATFORMS (default linux/amd64; each platform more costs a full build of
# the dependencies with an empty cache), FRESH_CACHE=0 reuses the Go build cache (quicker; proves path independence).
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
DIST=${DIST:-$REPO/dist}
PLATFORMS=${PLATFORMS:-linux/amd64}
die() { echo "release-check: ERROR: $*" >&2; exit 1; }
[ -f "$DIST/manifest.json" ] || die "$DIST/manifest.json is missing: run make release first"
VERSION=$(sed -n 's/^  "version": "\(.*\)",$/\1/p' "$DIST/manifest.json")
SOURCE_DATE_EPOCH=$(sed -n 's/^  "source_date_epoch": \([0-9]*\),$/\1/p' "$DIST/manifest.json")
[ -n "$VERSION" ] && [ -n "$SOURCE_DATE_EPOCH" ] || die "cannot read version and source_date_epoch from $DIST/manifest.json"

TMP=$(mktemp -d /tmp/prolific-release-check.XXXXXX)
trap 'chmod -R u+w "$TMP" 2>/dev/null; rm -rf "$TMP"' EXIT
# The tree the build sees: tracked and untracked files that git does not ignore (so build/ and dist/ stay out).
(cd "$REPO" && git ls-files -z --cached --others --exclude-standard | xargs -0 tar -cf - --no-recursion) | tar -xf - -C "$TMP" --one-top-level=src
[ "${FRESH_CACHE:-1}" = 0 ] || export GOCACHE=$TMP/gocache
start=$(date +%s)
echo "release-check: rebuilding $VERSION for $PLATFORMS in $TMP/src$([ "${FRESH_CACHE:-1}" = 0 ] || echo ", empty Go build cache")"
VERSION=$VERSION SOURCE_DATE_EPOCH=$SOURCE_DATE_EPOCH DIST=$TMP/dist ARTIFACTS="plugin export" PLATFORMS=$PLATFORMS \
  "$TMP/src/release/release.sh" 2>"$TMP/release.log" || { tail -30 "$TMP/release.log"; die "the rebuild failed"; }
bad=0
n=0
for f in "$TMP"/dist/*; do
  name=$(basename "$f")
  case "$name" in SHA256SUMS|manifest.json) continue ;; esac
  n=$((n + 1))
  a=$(sha256sum <"$f" | cut -d' ' -f1)
  b=$(sha256sum <"$DIST/$name" 2>/dev/null | cut -d' ' -f1 || true)
  if [ "$a" = "$b" ]; then echo "ok   $name $a"
  else echo "FAIL $name: rebuilt $a, dist/ has ${b:-nothing}"; bad=$((bad + 1)); fi
done
echo "release-check: $n artifacts rebuilt in $(( $(date +%s) - start ))s, $bad differ"
[ "$n" -gt 0 ] && [ "$bad" -eq 0 ]
