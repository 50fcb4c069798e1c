#!/usr/bin/env bash
# Push dist/ as the OCI plugin image Steampipe installs (make publish REGISTRY=ghcr.io): IMAGE:<version without v>
# and IMAGE:latest, with the docs, a default prolific.spc and the LICENSE. See docs/releasing.md.
#
# Environment:
#   IMAGE        repository, default ghcr.io/pipeworks/prolific (make publish sets it from REGISTRY)
#   DIST         the release to push (default <repo>/dist, built by make release); its manifest.json names the version
#   TAGS         further tags, comma-separated (default latest; empty for none)
#   PLAIN_HTTP=1 a registry without TLS (Steampipe itself only installs over HTTPS)
#   REGISTRY_USERNAME, REGISTRY_PASSWORD  credentials; without them, the Docker config's (docker/oras login)
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
die() { echo "publish: ERROR: $*" >&2; exit 1; }
IMAGE=${IMAGE:-ghcr.io/pipeworks/prolific}
DIST=${DIST:-$REPO/dist}
TAGS=${TAGS-latest}
[ -f "$DIST/manifest.json" ] || die "$DIST/manifest.json is missing: run make release first"
VERSION=$(sed -n 's/^  "version": "\(.*\)",$/\1/p' "$DIST/manifest.json")
[ -n "$VERSION" ] || die "no version in $DIST/manifest.json"
(cd "$DIST" && sha256sum --quiet -c SHA256SUMS) || die "$DIST does not match its SHA256SUMS"
SOURCE_DATE_EPOCH=$(sed -n 's/^  "source_date_epoch": \([0-9]*\),$/\1/p' "$DIST/manifest.json")
export SOURCE_DATE_EPOCH

# The pusher: release/ocipush, its own module (oras-go is only its dependency), built into build/tools.
TOOL=$REPO/build/tools/ocipush/ocipush
(cd "$REPO/release/ocipush" && GOFLAGS=-buildvcs=false go build -o "$TOOL" .)

STAGE=$REPO/build/release/image
rm -rf "$STAGE"
mkdir -p "$STAGE/docs/tables" "$STAGE/config"
cp "$REPO/docs/index.md" "$STAGE/docs/"
cp "$REPO"/docs/tables/*.md "$STAGE/docs/tables/"
# The default connection names the plugin by this image, which is how Steampipe resolves it; Steampipe adds the
# @constraint when a user installs another stream than latest. It copies the file only when the user has none.
sed 's|^\([[:space:]]*plugin[[:space:]]*=[[:space:]]*\)"local/prolific"|\1"'"$IMAGE"'"|' "$REPO/config/prolific.spc" >"$STAGE/config/prolific.spc"
grep -q "plugin = \"$IMAGE\"" "$STAGE/config/prolific.spc" || die "config/prolific.spc has no plugin = \"local/prolific\" line to rewrite"
find "$STAGE" -exec touch -d "@$SOURCE_DATE_EPOCH" {} +

ARGS=(-dist "$DIST" -image "$IMAGE" -version "$VERSION" -tags "$TAGS" -docs "$STAGE/docs" -spc "$STAGE/config"
  -license "$REPO/LICENSE")
[ "${PLAIN_HTTP:-0}" != 1 ] || ARGS+=(-plain-http)
"$TOOL" "${ARGS[@]}"
