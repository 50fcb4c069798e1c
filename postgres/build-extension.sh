#!/usr/bin/env bash
# Build the plugin as a standalone PostgreSQL FDW extension, steampipe_postgres_prolific
# (.so, .control, --1.0.sql), from the Go module github.com/turbot/steampipe-postgres-fdw
# linked against the plugin working tree this script lives in.
#
# Usage: postgres/build-extension.sh [build|install|clean] [--stock]
#   build    (default) build into <repo>/build/postgres/ (or build/postgres-stock/ with --stock)
#   install  build, then copy the 3 files into PostgreSQL (postgres/install-extension.sh; needs root)
#   clean    remove this variant's FDW source copy and output dir (Go caches are left alone)
#   --stock  same as FDW_PATCH=none
#
# Environment:
#   FDW_PATCH     all (default): apply every patches/fdw/*.patch, in name order
#                 none: build the unpatched upstream FDW into build/postgres-stock/ (to show the
#                 join-condition bug, see the header of patches/fdw/0001-keep-join-conditions.patch)
#   FDW_VERSION   steampipe-postgres-fdw module version (default v1.13.0; the patches are made for it)
#   PG_CONFIG     pg_config of the target server (default /usr/lib/postgresql/15/bin/pg_config)
#   OUT_DIR       output dir (default <repo>/build/postgres or <repo>/build/postgres-stock)
#   PLUGIN_ALIAS  plugin short name (default prolific -> extension steampipe_postgres_prolific)
#
# Nothing of the FDW is committed: it is fetched with `go mod download` and copied into
# <repo>/build/fdw-src[-stock]/ (git-ignored). That copy is kept across runs, at a fixed path,
# so a rebuild after a plugin change reuses the Go build cache (~15 s instead of minutes).
# It is only re-created when the FDW version, the patch, pg_config or the repo path changes.
#
# Both variants are built against the patched plugin SDK in third_party/steampipe-plugin-sdk (patches/README.md),
# like every other artifact of this repository: the stock variant leaves out only the FDW's patches.
set -euo pipefail
# The FDW copy is its own module: a -modfile meant for this repository's go.mod must not reach its go commands.
unset GOFLAGS

die() { echo "build-extension: ERROR: $*" >&2; exit 1; }
log() { echo "build-extension: $*"; }

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
REPO=$(cd "$SCRIPT_DIR/.." && pwd -P)

MODE=build
FDW_PATCH=${FDW_PATCH:-all}
for arg in "$@"; do
  case "$arg" in
    build|install|clean) MODE=$arg ;;
    --stock) FDW_PATCH=none ;;
    -h|--help|help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$arg' (try --help)" ;;
  esac
done

FDW_MODULE=github.com/turbot/steampipe-postgres-fdw
FDW_VERSION=${FDW_VERSION:-v1.13.0}
PLUGIN_ALIAS=${PLUGIN_ALIAS:-prolific}
EXT=steampipe_postgres_$PLUGIN_ALIAS
PG_MAJOR_WANTED=15
if [ -z "${PG_CONFIG:-}" ]; then
  if [ -x /usr/lib/postgresql/$PG_MAJOR_WANTED/bin/pg_config ]; then
    PG_CONFIG=/usr/lib/postgresql/$PG_MAJOR_WANTED/bin/pg_config
  else
    PG_CONFIG=pg_config
  fi
fi

case "$FDW_PATCH" in
  none|stock) VARIANT=stock; PATCH_FILES=(); SRC=$REPO/build/fdw-src-stock; DEFAULT_OUT=$REPO/build/postgres-stock ;;
  all|"")
    VARIANT=patched; PATCH_FILES=("$REPO"/patches/fdw/*.patch)
    SRC=$REPO/build/fdw-src; DEFAULT_OUT=$REPO/build/postgres ;;
  *) die "FDW_PATCH must be 'all' (default) or 'none', not '$FDW_PATCH'" ;;
esac
OUT=${OUT_DIR:-$DEFAULT_OUT}
LOGFILE=$REPO/build/fdw-build-$VARIANT.log

if [ "$MODE" = clean ]; then
  rm -rf "$SRC" "$OUT" "$LOGFILE"
  log "removed $SRC $OUT"
  exit 0
fi

# --- tools -----------------------------------------------------------------------------------
# Debian packages the build needs (make/gcc/libc6-dev for cgo and PGXS, rsync and gettext
# for the FDW Makefile, patch for our patch). As root, install what is missing.
PKGS="postgresql-$PG_MAJOR_WANTED postgresql-server-dev-$PG_MAJOR_WANTED rsync gettext patch make gcc libc6-dev"
if [ "$(id -u)" -eq 0 ]; then
  # shellcheck disable=SC2086 # a list of package names
  "$REPO/test/tools/apt-install.sh" $PKGS
fi
for c in go make gcc rsync gettext patch sha256sum; do
  command -v "$c" >/dev/null 2>&1 || die "'$c' not found in PATH"
done
command -v "$PG_CONFIG" >/dev/null 2>&1 || die "pg_config not found (PG_CONFIG=$PG_CONFIG)"
PG_CONFIG=$(command -v "$PG_CONFIG")
PG_VERSION=$("$PG_CONFIG" --version)                 # e.g. "PostgreSQL 15.20 (Debian 15.20-0+deb12u1)"
PG_MAJOR=$(echo "$PG_VERSION" | sed -n 's/^PostgreSQL \([0-9]*\).*/\1/p')
[ "$PG_MAJOR" = "$PG_MAJOR_WANTED" ] ||
  log "warning: $PG_CONFIG is $PG_VERSION; this build is only tested with PostgreSQL $PG_MAJOR_WANTED"
for f in ${PATCH_FILES[@]+"${PATCH_FILES[@]}"}; do [ -f "$f" ] || die "patch file $f is missing"; done

PLUGIN_MODULE=$(cd "$REPO" && go mod edit -json | sed -n 's/^[[:space:]]*"Path": "\(.*\)".*/\1/p' | head -1)
[ -n "$PLUGIN_MODULE" ] || die "cannot read the module path from $REPO/go.mod"
[ -d "$REPO/$PLUGIN_ALIAS" ] || die "$REPO/$PLUGIN_ALIAS is missing (the FDW generator imports $PLUGIN_MODULE/$PLUGIN_ALIAS)"

mkdir -p "$REPO/build"
exec 9>"$REPO/build/.fdw-build-$VARIANT.lock"
flock -n 9 || { log "another $VARIANT build is running; waiting for it"; flock 9; }

# The plugin SDK with every patch of patches/sdk, the copy every other build uses (see patches/README.md).
SDK_MODULE=github.com/turbot/steampipe-plugin-sdk/v5
SDK_SRC=$REPO/third_party/steampipe-plugin-sdk

# --- FDW source: module cache -> writable copy, patched ------------------------------------
# `go mod download` must run outside any module, or it would touch that module's go.mod.
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
FDW_DIR=$(cd "$TMP" && go mod download -json "$FDW_MODULE@$FDW_VERSION" |
          sed -n 's/^[[:space:]]*"Dir": "\(.*\)".*/\1/p')
[ -n "$FDW_DIR" ] && [ -f "$FDW_DIR/Makefile" ] || die "go mod download $FDW_MODULE@$FDW_VERSION failed"

STAMP_TEXT="recipe=1
fdw=$FDW_MODULE@$FDW_VERSION
patch=$( [ ${#PATCH_FILES[@]} -gt 0 ] && cat "${PATCH_FILES[@]}" | sha256sum | cut -d' ' -f1 || echo none)
pg_config=$PG_CONFIG $PG_VERSION
plugin=$PLUGIN_MODULE=$REPO
sdk=$SDK_SRC"
STAMP=$SRC/.build-extension.stamp
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$STAMP_TEXT" ]; then
  log "reusing FDW source copy $SRC"
else
  log "creating FDW source copy $SRC from $FDW_DIR"
  rm -rf "$SRC"
  mkdir -p "$SRC"
  cp -R "$FDW_DIR/." "$SRC/"
  chmod -R u+w "$SRC"                               # the module cache is read-only
  for f in ${PATCH_FILES[@]+"${PATCH_FILES[@]}"}; do
    if ! out=$(cd "$SRC" && patch -p1 --fuzz=0 --forward --batch --no-backup-if-mismatch <"$f" 2>&1); then
      rm -rf "$SRC"
      printf '%s\n' "$out" >&2
      die "$(basename "$f") no longer applies to $FDW_MODULE@$FDW_VERSION (after the patches before it).
  Update the patch for this FDW version (or build the stock FDW with FDW_PATCH=none)."
    fi
    log "applied $(basename "$f")"
  done
  (cd "$SRC" && go mod edit -replace "$SDK_MODULE=$SDK_SRC")
  # Absolute, version-less replace: go.mod is rsynced into work/, so a relative path breaks,
  # and with plugin_version=v0.0.0 `go get <module>@v0.0.0` resolves to the working tree.
  (cd "$SRC" && go mod edit -replace "$PLUGIN_MODULE=$REPO")
  printf '%s' "$STAMP_TEXT" >"$STAMP"                # written last: an interrupted copy is redone
fi

# --- build -----------------------------------------------------------------------------------
# The FDW Makefile calls plain `pg_config`; put the chosen one first in PATH.
# plugin_version must be set, or the generator's positional args shift and plugin_github_url
# is ignored (it then fetches github.com/turbot/steampipe-plugin-<alias>).
rm -rf "$SRC/build-Linux"                          # else `make standalone` rsyncs it into work/
log "building $EXT ($VARIANT, $FDW_MODULE@$FDW_VERSION, $PG_VERSION); log: $LOGFILE"
start=$(date +%s)
if ! PATH="$(dirname "$PG_CONFIG"):$PATH" make -C "$SRC" standalone \
       plugin="$PLUGIN_ALIAS" plugin_version=v0.0.0 plugin_github_url="$PLUGIN_MODULE" \
       >"$LOGFILE" 2>&1; then
  tail -40 "$LOGFILE" >&2
  die "make standalone failed; full log: $LOGFILE"
fi
B=$SRC/build-$(uname)
for f in "$EXT.so" "$EXT.control" "$EXT--1.0.sql"; do
  [ -f "$B/$f" ] || die "build finished but $B/$f is missing; see $LOGFILE"
done

# The generated install.sh/README.md are not copied: install.sh is interactive and not executable.
mkdir -p "$OUT"
rm -f "$OUT/$EXT.so" "$OUT/$EXT.control" "$OUT/$EXT--1.0.sql"
install -m 0755 "$B/$EXT.so" "$OUT/"
install -m 0644 "$B/$EXT.control" "$B/$EXT--1.0.sql" "$OUT/"
rm -rf "$B"
cat >"$OUT/BUILD_INFO" <<EOF
extension=$EXT
variant=$VARIANT
fdw=$FDW_MODULE@$FDW_VERSION
patches=$( [ ${#PATCH_FILES[@]} -gt 0 ] && (cd "$REPO" && ls patches/fdw/*.patch | tr '\n' ' ') || echo none)
pg_config=$PG_CONFIG
pg_version=$PG_VERSION
pg_major=$PG_MAJOR
plugin=$PLUGIN_MODULE ($REPO, commit $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown), uncommitted changes included)
built=$(date -u +%Y-%m-%dT%H:%M:%SZ) in $(( $(date +%s) - start ))s
EOF

log "done in $(( $(date +%s) - start ))s ($VARIANT). Outputs in $OUT:"
(cd "$OUT" && ls -l "$EXT.so" "$EXT.control" "$EXT--1.0.sql" BUILD_INFO | sed 's/^/  /')

if [ "$MODE" = install ]; then
  PG_CONFIG=$PG_CONFIG PLUGIN_ALIAS=$PLUGIN_ALIAS "$SCRIPT_DIR/install-extension.sh" "$OUT"
else
  log "install with (as root): $SCRIPT_DIR/install-extension.sh $OUT"
fi
