#!/usr/bin/env bash
# Build every release artifact into dist/ (make release VERSION=vX.Y.Z). See docs/releasing.md.
#
#   dist/steampipe-plugin-prolific_<os>_<arch>.gz            the plugin binary, gzipped as Steampipe's OCI installer
#                                                            expects (the gzip header names steampipe-plugin-prolific.plugin)
#   dist/steampipe_export_prolific.<os>_<arch>.tar.gz        the export CLI, with install.sh
#   dist/steampipe_sqlite_prolific.linux_<arch>.tar.gz       the SQLite extension, with install.sh
#   dist/steampipe_postgres_prolific.pg15.linux_amd64.tar.gz the PostgreSQL 15 extension, with install.sh
#   dist/manifest.json                                       version, commit, Go, SDK version and patches, artifacts
#   dist/SHA256SUMS                                          sha256sum -c SHA256SUMS
#
# Every Go artifact is built by the plain go command in this module, so against the patched SDK that go.mod replaces
# the stock one by (patches/README.md); the script checks `go version -m` of each and fails otherwise. The pure-Go
# artifacts (the plugin and the export CLI) are CGO_ENABLED=0, netgo, -trimpath, with a fixed build ID and no VCS
# stamp, packed with fixed timestamps and owners: the same source and Go version give the same bytes
# (release/check-reproducible.sh proves it).
#
# Environment:
#   VERSION      the release version, for example v0.3.0 (the Makefile defaults it to git describe --tags --always --dirty)
#   DIST         output dir (default <repo>/dist); it is emptied first
#   PLATFORMS    plugin and export CLI platforms (default "linux/amd64 linux/arm64 darwin/amd64 darwin/arm64")
#   ARTIFACTS    which to build (default "plugin export sqlite postgres")
#   SQLITE_PLATFORMS  default "linux/amd64 linux/arm64" (arm64 needs Debian's gcc-aarch64-linux-gnu; as root it is
#                installed, otherwise arm64 is skipped with a message)
#   SOURCE_DATE_EPOCH  timestamp of every packed file (default: the commit time of HEAD)
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
log() { echo "release: $*" >&2; }
die() { echo "release: ERROR: $*" >&2; exit 1; }

VERSION=${VERSION:-}
[ -n "$VERSION" ] || die "VERSION is not set (make release sets it from git describe)"
# Steampipe refuses to list a plugin whose version is not a semantic version ("version must be a valid semver").
[[ "$VERSION" =~ ^v[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]] ||
  die "VERSION '$VERSION' must be a semantic version such as v0.3.0 or v0.3.0-rc.1: Steampipe cannot list another"
DIST=${DIST:-$REPO/dist}
PLATFORMS=${PLATFORMS:-linux/amd64 linux/arm64 darwin/amd64 darwin/arm64}
ARTIFACTS=${ARTIFACTS:-plugin export sqlite postgres}
SQLITE_PLATFORMS=${SQLITE_PLATFORMS:-linux/amd64 linux/arm64}
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git -C "$REPO" log -1 --format=%ct 2>/dev/null || echo 0)}
MODULE=github.com/pipeworks/steampipe-plugin-prolific
SDK_MODULE=github.com/turbot/steampipe-plugin-sdk/v5
GO_LDFLAGS="-s -w -buildid= -X $MODULE/prolific.Version=$VERSION"
has() { case " $ARTIFACTS " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }

STAGE=$REPO/build/release/stage
rm -rf "$DIST" "$STAGE"
mkdir -p "$DIST" "$STAGE"
start=$(date +%s)

# check_sdk FILE: the binary must link the patched SDK, the replaced module: go version -m prints
# `=> ./third_party/steampipe-plugin-sdk (devel)`, or the absolute path for the PostgreSQL extension, whose FDW module
# replaces the SDK by this tree's copy (postgres/build-extension.sh).
check_sdk() {
  local line
  line=$(go version -m "$1" | grep -A1 -E "^[[:space:]]+dep[[:space:]]+$SDK_MODULE[[:space:]]" | tr -s '\t ' ' ')
  case "$line" in
    *"=> ./third_party/steampipe-plugin-sdk (devel)"* | *"=> $REPO/third_party/steampipe-plugin-sdk (devel)"*) ;;
    *) die "$1 is not built against the patched SDK; go version -m says: ${line:-no $SDK_MODULE}" ;;
  esac
}
# pack DIR NAME: DIST/NAME.tar.gz of STAGE/DIR, with sorted entries, fixed times and owners (reproducible).
pack() {
  tar --sort=name --mtime="@$SOURCE_DATE_EPOCH" --owner=0 --group=0 --numeric-owner --format=gnu \
    -C "$STAGE" -cf - "$1" | gzip -9 -n >"$DIST/$2.tar.gz"
}
# anywhere DIR KIND: the files every Anywhere tarball has: LICENSE, install.sh and README.md for KIND.
anywhere() {
  install -m 0644 "$REPO/LICENSE" "$1/LICENSE"
  install -m 0755 "$REPO/release/anywhere/install-$2.sh" "$1/install.sh"
  sed "s/@VERSION@/$VERSION/g" "$REPO/release/anywhere/README-$2.md" >"$1/README.md"
}
gobuild() { # gobuild GOOS GOARCH OUT PACKAGE
  (cd "$REPO" && CGO_ENABLED=0 GOOS=$1 GOARCH=$2 GOFLAGS= go build -trimpath -buildvcs=false -tags netgo \
    -ldflags "$GO_LDFLAGS" -o "$3" "$4")
  check_sdk "$3"
}

for p in $PLATFORMS; do
  os=${p%/*} arch=${p#*/}
  if has plugin; then
    log "plugin $os/$arch"
    d=$STAGE/plugin_${os}_$arch
    mkdir -p "$d"
    gobuild "$os" "$arch" "$d/steampipe-plugin-prolific.plugin" .
    # Steampipe's installer (pipe-fittings ociinstaller.Ungzip) writes the file under the name in the gzip header:
    # gzip stores the source file's name and mtime, so both are fixed.
    touch -d "@$SOURCE_DATE_EPOCH" "$d/steampipe-plugin-prolific.plugin"
    (cd "$d" && gzip -9 -c steampipe-plugin-prolific.plugin) >"$DIST/steampipe-plugin-prolific_${os}_$arch.gz"
  fi
  if has export; then
    log "export CLI $os/$arch"
    name=steampipe_export_prolific.${os}_$arch
    mkdir -p "$STAGE/$name"
    gobuild "$os" "$arch" "$STAGE/$name/steampipe_export_prolific" ./cmd/steampipe_export_prolific
    anywhere "$STAGE/$name" export
    pack "$name" "$name"
  fi
done

if has sqlite; then
  for p in $SQLITE_PLATFORMS; do
    arch=${p#*/}
    [ "${p%/*}" = linux ] || die "SQLITE_PLATFORMS: only linux/* is built, not $p"
    cc=gcc
    if [ "$arch" != "$(go env GOHOSTARCH)" ]; then
      case "$arch" in arm64) cc=aarch64-linux-gnu-gcc; pkgs="gcc-aarch64-linux-gnu libc6-dev-arm64-cross" ;;
                      amd64) cc=x86_64-linux-gnu-gcc; pkgs="gcc-x86-64-linux-gnu libc6-dev-amd64-cross" ;;
                      *) die "no cross compiler known for linux/$arch" ;; esac
      # shellcheck disable=SC2086 # a list of package names
      "$REPO/test/tools/apt-install.sh" $pkgs
      command -v "$cc" >/dev/null || { log "skipping the SQLite extension for linux/$arch: $cc not installed (apt-get install $pkgs)"; continue; }
    fi
    log "SQLite extension linux/$arch ($cc)"
    name=steampipe_sqlite_prolific.linux_$arch
    mkdir -p "$STAGE/$name"
    # sqlite/build.sh runs go build -buildmode=c-shared; GOFLAGS carries -trimpath to it, CC and GOARCH the target.
    CC=$cc GOOS=linux GOARCH=$arch GOFLAGS="-trimpath -buildvcs=false" LDFLAGS="-buildid= -X $MODULE/prolific.Version=$VERSION" \
      OUT="$STAGE/$name/steampipe_sqlite_prolific.so" "$REPO/sqlite/build.sh" >&2
    check_sdk "$STAGE/$name/steampipe_sqlite_prolific.so"
    anywhere "$STAGE/$name" sqlite
    pack "$name" "$name"
  done
fi

if has postgres; then
  log "PostgreSQL 15 extension linux/$(go env GOHOSTARCH)"
  name=steampipe_postgres_prolific.pg15.linux_$(go env GOHOSTARCH)
  mkdir -p "$STAGE/$name"
  # The FDW's own build (postgres/build-extension.sh): the patched FDW linked with this tree and the patched SDK.
  OUT_DIR="$STAGE/$name" "$REPO/postgres/build-extension.sh" >&2
  # The FDW's Makefile keeps the DWARF: 116 MB instead of 73 MB for a library that is loaded, not debugged.
  strip --strip-debug "$STAGE/$name/steampipe_postgres_prolific.so"
  check_sdk "$STAGE/$name/steampipe_postgres_prolific.so"
  anywhere "$STAGE/$name" postgres
  install -m 0755 "$REPO/postgres/install-extension.sh" "$STAGE/$name/install-extension.sh" # install.sh runs it
  pack "$name" "$name"
fi

# --- manifest and checksums --------------------------------------------------------------------------------------------
SDK_VERSION=$(cd "$REPO" && go list -m -f '{{.Version}}' "$SDK_MODULE")
json_str() { printf '"%s"' "$(printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g')"; }
patch_list() { # patch_list DIR: [{"file":..,"sha256":..}, ...]
  local first=1
  printf '['
  for f in "$REPO"/patches/"$1"/*.patch; do
    [ $first = 1 ] || printf ','; first=0
    printf '\n      {"file": %s, "sha256": "%s"}' "$(json_str "patches/$1/$(basename "$f")")" "$(sha256sum "$f" | cut -d' ' -f1)"
  done
  printf '\n    ]'
}
commit=$(git -C "$REPO" rev-parse HEAD 2>/dev/null || echo unknown)
dirty=false
[ -z "$(git -C "$REPO" status --porcelain --untracked-files=no 2>/dev/null)" ] || dirty=true
{
  printf '{\n'
  printf '  "name": "steampipe-plugin-prolific",\n'
  printf '  "version": %s,\n' "$(json_str "$VERSION")"
  printf '  "commit": "%s",\n  "dirty": %s,\n' "$commit" "$dirty"
  printf '  "source_date_epoch": %s,\n' "$SOURCE_DATE_EPOCH"
  printf '  "go": %s,\n' "$(json_str "$(go env GOVERSION)")"
  printf '  "sdk": {\n    "module": "%s",\n    "version": "%s",\n' "$SDK_MODULE" "$SDK_VERSION"
  printf '    "replaced_by": "./third_party/steampipe-plugin-sdk",\n'
  printf '    "patches": %s\n  },\n' "$(patch_list sdk)"
  if has postgres; then
    printf '  "fdw": {\n    "module": "github.com/turbot/steampipe-postgres-fdw",\n    "version": %s,\n' \
      "$(json_str "$(sed -n 's/^fdw=.*@//p' "$STAGE"/steampipe_postgres_prolific.pg15.*/BUILD_INFO)")"
    printf '    "postgres": %s,\n' "$(json_str "$(sed -n 's/^pg_version=//p' "$STAGE"/steampipe_postgres_prolific.pg15.*/BUILD_INFO)")"
    printf '    "patches": %s\n  },\n' "$(patch_list fdw)"
  fi
  printf '  "artifacts": ['
  first=1
  for f in $(cd "$DIST" && ls); do
    [ "$f" != manifest.json ] || continue
    [ $first = 1 ] || printf ','; first=0
    printf '\n    {"file": "%s", "size": %s, "sha256": "%s"}' "$f" "$(stat -c %s "$DIST/$f")" "$(sha256sum "$DIST/$f" | cut -d' ' -f1)"
  done
  printf '\n  ]\n}\n'
} >"$DIST/manifest.json"
(cd "$DIST" && sha256sum $(ls | grep -v '^SHA256SUMS$') >SHA256SUMS)

log "built $VERSION into $DIST in $(( $(date +%s) - start ))s:"
(cd "$DIST" && ls -l | sed 1d | awk '{printf "  %10d  %s\n", $5, $9}') >&2
