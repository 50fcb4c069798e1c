#!/usr/bin/env bash
# make test-install: the release installed the way users install it, against the fake Prolific API (root).
#
#   registry   a real OCI registry (github.com/distribution/distribution/v3 v3.0.0, built from the Go module proxy
#              into build/tools) on https://127.0.0.1:443 with a throwaway CA. Steampipe only talks HTTPS, and its image
#              reference parser (pipe-fittings ociinstaller.getFullImageRef) splits on ':', so a registry with a port
#              cannot be named: hence 443, and a machine-wide lock.
#   publish    make publish's script pushes dist/ (from make release; built here if missing) as
#              127.0.0.1/pipeworks/prolific:<version> and :latest
#   install    the real Steampipe CLI v1.1.3 (test/steampipe/lib.sh) runs
#              `steampipe plugin install 127.0.0.1/pipeworks/prolific@<version>`: the binary, docs and the image's
#              prolific.spc land where Steampipe puts them, and the demo batch is queried through that connection
#   update     a second version is built and published as :latest. Steampipe v1.1.3's `plugin update` refuses every
#              plugin not on hub.steampipe.io ("uninstall then reinstall"); the stage checks that it still says so,
#              then does what it says for the latest stream and checks the new version answers
#   anywhere   each tarball of dist/ unpacked and its install.sh run: the export CLI, the SQLite extension from
#              python3, the PostgreSQL 15 extension in a throwaway cluster; one query each
#
# Prints ok/FAIL per check and "N passed, M failed". Environment: DIST (default <repo>/dist), APIPORT (18391),
# PGPORT (15491).
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
WORK=$REPO/build/install-test
DIST=${DIST:-$REPO/dist}
APIPORT=${APIPORT:-18391}
PGPORT=${PGPORT:-15491}
TOKEN=install-test-token
BATCH=7c2e9a41-3b5d-4f68-8a1e-2d9c4b7f0e13
IMAGE=127.0.0.1/pipeworks/prolific
REGISTRY_VERSION=v3.0.0
ARCH=$(go env GOARCH)
stage_start=$(date +%s)

log() { echo "test-install: $*"; }
die() { echo "test-install: ERROR: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || die "run as root: it starts a registry on port 443, installs packages and runs Steampipe as its own user"

# --- the release under test --------------------------------------------------------------------------------------------
if [ ! -f "$DIST/manifest.json" ]; then
  log "no $DIST/manifest.json: running make release"
  make -C "$REPO" release DIST="$DIST"
fi
(cd "$DIST" && sha256sum --quiet -c SHA256SUMS) || die "$DIST does not match its SHA256SUMS"
V1=$(sed -n 's/^  "version": "\(.*\)",$/\1/p' "$DIST/manifest.json")
V2=$V1-update-test
TAG1=${V1#v} TAG2=${V2#v}

# --- Steampipe, as test-steampipe sets it up, without the local plugin -------------------------------------------------
SP_LOCAL_PLUGIN=0
# shellcheck source=test/steampipe/lib.sh
. "$REPO/test/steampipe/lib.sh"
"$REPO/test/tools/apt-install.sh" openssl curl python3 tar gzip
REGISTRY_BIN=$("$REPO/test/tools/go-tool.sh" registry github.com/distribution/distribution/v3 "$REGISTRY_VERSION" \
  github.com/distribution/distribution/v3/cmd/registry)

# One registry on 127.0.0.1:443 per machine (fd 7; lib.sh holds 9 for the Steampipe stages).
exec 7>/tmp/steampipe-plugin-prolific-registry-443.lock
flock -n 7 || { log "another stage uses the registry port 443; waiting for it"; flock 7; }
stop_all() {
  cleanup
  for f in registry api pg; do
    [ -f "$WORK/$f.pid" ] || continue
    if [ "$f" = pg ]; then runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$WORK/pg/data" -m immediate -w stop >/dev/null 2>&1 || true
    else kill "$(cat "$WORK/$f.pid")" 2>/dev/null || true; fi
  done
}
trap stop_all EXIT

pass=0
fail=0
ok() { echo "ok   $1"; pass=$((pass + 1)); }
failed() { echo "FAIL $1"; [ -z "${2:-}" ] || sed 's/^/  /' "$2" | head -40; fail=$((fail + 1)); }
# expect NAME FILE FRAGMENT: FILE contains FRAGMENT (colours aside).
expect() { if sed 's/\x1b\[[0-9;]*m//g' "$2" 2>/dev/null | grep -qF -- "$3"; then ok "$1"; else failed "$1 (no '$3')" "$2"; fi; }

# --- a throwaway CA and the registry -----------------------------------------------------------------------------------
CA=$WORK/ca
mkdir -p "$CA" "$WORK/registry"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=prolific install-test CA" \
  -keyout "$CA/ca.key" -out "$CA/ca.pem" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout "$CA/server.key" -out "$CA/server.csr" 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' >"$CA/ext"
openssl x509 -req -in "$CA/server.csr" -CA "$CA/ca.pem" -CAkey "$CA/ca.key" -CAcreateserial -days 2 \
  -extfile "$CA/ext" -out "$CA/server.pem" 2>/dev/null
chmod 644 "$CA/ca.pem"
cat >"$WORK/registry.yml" <<EOF
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $WORK/registry
http:
  addr: 127.0.0.1:443
  tls:
    certificate: $CA/server.pem
    key: $CA/server.key
EOF
log "starting the OCI registry (distribution $REGISTRY_VERSION) on https://127.0.0.1:443"
# No telemetry: the registry's OpenTelemetry exporters stay off, so nothing leaves 127.0.0.1.
OTEL_SDK_DISABLED=true OTEL_TRACES_EXPORTER=none OTEL_METRICS_EXPORTER=none OTEL_LOGS_EXPORTER=none \
  "$REGISTRY_BIN" serve "$WORK/registry.yml" >"$WORK/registry.log" 2>&1 7>&- 9>&- &
echo $! >"$WORK/registry.pid"
for _ in $(seq 100); do curl -fsS --cacert "$CA/ca.pem" https://127.0.0.1/v2/ >/dev/null 2>&1 && break; sleep 0.2; done
curl -fsS --cacert "$CA/ca.pem" https://127.0.0.1/v2/ >/dev/null || { cat "$WORK/registry.log"; die "the registry does not answer"; }
# Every Go client here (ocipush, Steampipe) trusts the throwaway CA through SSL_CERT_FILE; nothing is installed system-wide.
export SSL_CERT_FILE=$CA/ca.pem

log "starting the fake Prolific API on 127.0.0.1:$APIPORT"
(cd "$REPO" && go build -o "$WORK/fakeprolific" ./test/fakeprolific)
"$WORK/fakeprolific" -addr "127.0.0.1:$APIPORT" -token "$TOKEN" >"$WORK/api.log" 2>&1 7>&- 9>&- &
echo $! >"$WORK/api.pid"
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$APIPORT") 2>/dev/null && break; sleep 0.1; done

# --- publish and install -----------------------------------------------------------------------------------------------
log "make publish of $V1 to $IMAGE"
t=$(date +%s)
if IMAGE=$IMAGE DIST=$DIST "$REPO/release/publish.sh" >"$WORK/out/publish-1.log" 2>&1; then ok "publish $V1 ($(( $(date +%s) - t ))s)"
else failed "publish $V1" "$WORK/out/publish-1.log"; fi
curl -fsS --cacert "$CA/ca.pem" -H 'Accept: application/vnd.oci.image.manifest.v1+json' \
  "https://127.0.0.1/v2/pipeworks/prolific/manifests/$TAG1" >"$WORK/out/manifest-1.json" || true
expect "image manifest has the $ARCH plugin layer" "$WORK/out/manifest-1.json" "application/vnd.turbot.steampipe.plugin.linux-$ARCH.layer.v1+gzip"
expect "image config media type" "$WORK/out/manifest-1.json" "application/vnd.turbot.steampipe.config.v1+json"

# Steampipe runs as its own user: it needs the CA (SSL_CERT_FILE), the token and the fake's URL (the image's default
# prolific.spc leaves both to the environment, as it documents).
SP_ENV+=(SSL_CERT_FILE="$CA/ca.pem" PROLIFIC_TOKEN="$TOKEN" PROLIFIC_URL="http://127.0.0.1:$APIPORT")
chown -R "$SP_USER" "$WORK/install" "$WORK/out"
chmod 755 "$REPO/build" "$WORK"

sp() { as_user "$STEAMPIPE" "$@"; }
log "steampipe plugin install $IMAGE@$V1"
t=$(date +%s)
sp plugin install "$IMAGE@$V1" >"$WORK/out/install-1.log" 2>&1 || true
log "  ($(( $(date +%s) - t ))s)"
expect "steampipe plugin install $IMAGE@$V1" "$WORK/out/install-1.log" "Installed plugin: prolific@$TAG1"
PDIR=$INSTALL/plugins/127.0.0.1/pipeworks/prolific@$TAG1
if [ -x "$PDIR/steampipe-plugin-prolific.plugin" ] && grep -qaF "$V1" "$PDIR/steampipe-plugin-prolific.plugin"; then
  ok "the $V1 binary is installed in $PDIR"
else failed "no $V1 binary in $PDIR"; ls -la "$PDIR" 2>&1 | sed 's/^/  /'; fi
# The binary Steampipe installed is dist/'s, byte for byte.
if [ -f "$PDIR/steampipe-plugin-prolific.plugin" ] &&
   [ "$(gzip -dc "$DIST/steampipe-plugin-prolific_linux_$ARCH.gz" | sha256sum)" = "$(sha256sum <"$PDIR/steampipe-plugin-prolific.plugin")" ]; then
  ok "the installed binary is dist/steampipe-plugin-prolific_linux_$ARCH.gz's"
else failed "the installed binary differs from dist/'s"; fi
[ -f "$PDIR/docs/index.md" ] && [ -f "$PDIR/docs/tables/prolific_batch_response.md" ] && ok "the docs are installed" ||
  failed "the docs are not installed in $PDIR/docs"
expect "the image's prolific.spc is installed, pinned to the stream" "$INSTALL/config/prolific.spc" "plugin = \"$IMAGE@$TAG1\""
sp plugin list >"$WORK/out/plugin-list-1.txt" 2>&1 || true
expect "steampipe plugin list shows $TAG1" "$WORK/out/plugin-list-1.txt" "$IMAGE@$TAG1"

QUERY="select count(*) as responses from prolific_batch_response where batch_id = '$BATCH'"
printf 'responses\n54\n' >"$WORK/out/expected-count.csv"
log "the demo query through the installed plugin"
sp query --output csv "$QUERY" >"$WORK/out/query-1.csv" 2>&1 || true
if diff -u "$WORK/out/expected-count.csv" "$WORK/out/query-1.csv" >"$WORK/out/query-1.diff"; then ok "demo query through $IMAGE@$TAG1"
else failed "demo query through $IMAGE@$TAG1" "$WORK/out/query-1.diff"; fi
sp query --output csv "select participant_id, answer_values ->> 0 as sentiment from prolific_batch_response where batch_id = '$BATCH' and instruction_id = '9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a' order by created_at, id limit 3" \
  >"$WORK/out/query-readme.csv" 2>&1 || true
expect "the README example through $IMAGE@$TAG1" "$WORK/out/query-readme.csv" "5f4dcc3b5aa765d61d8327de,positive"

# The latest stream, at $V1 for now, with a connection of its own.
sp plugin install "$IMAGE" >"$WORK/out/install-latest-1.log" 2>&1 || true
expect "steampipe plugin install $IMAGE (latest, $V1)" "$WORK/out/install-latest-1.log" "Installed plugin: prolific@latest"
cat >"$INSTALL/config/prolific_latest.spc" <<EOF
connection "prolific_latest" {
  plugin = "$IMAGE"
}
EOF
chown "$SP_USER" "$INSTALL/config/prolific_latest.spc"

# --- a second version --------------------------------------------------------------------------------------------------
log "building and publishing $V2 (the plugin for linux/$ARCH only) as :latest"
rm -rf "$WORK/dist-2"
t=$(date +%s)
if VERSION=$V2 DIST=$WORK/dist-2 ARTIFACTS=plugin PLATFORMS=linux/$ARCH "$REPO/release/release.sh" >"$WORK/out/release-2.log" 2>&1 &&
   IMAGE=$IMAGE DIST=$WORK/dist-2 "$REPO/release/publish.sh" >"$WORK/out/publish-2.log" 2>&1; then
  ok "release and publish $V2 ($(( $(date +%s) - t ))s)"
else failed "release and publish $V2" "$WORK/out/publish-2.log"; tail -20 "$WORK/out/release-2.log"; fi

sp plugin update "$IMAGE" >"$WORK/out/update.log" 2>&1 || true
# Steampipe v1.1.3 (cmd/plugin.go, runPluginUpdateCmd) checks updates only for hub.steampipe.io plugins. Should a
# later version update from any registry, this check fails: then test that the update itself installs $V2.
expect "steampipe plugin update $IMAGE: v1.1.3 refuses a registry other than the hub, as documented" \
  "$WORK/out/update.log" "uninstall then reinstall"
log "what Steampipe says instead: steampipe plugin uninstall, then install"
sp plugin uninstall "$IMAGE" >"$WORK/out/uninstall.log" 2>&1 || true
expect "steampipe plugin uninstall $IMAGE" "$WORK/out/uninstall.log" "Uninstalled plugin"
sp plugin install "$IMAGE" >"$WORK/out/install-latest-2.log" 2>&1 || true
expect "steampipe plugin install $IMAGE gets $TAG2" "$WORK/out/install-latest-2.log" "Installed plugin: prolific@latest v$TAG2"
LDIR=$INSTALL/plugins/127.0.0.1/pipeworks/prolific@latest
if grep -qaF "$V2" "$LDIR/steampipe-plugin-prolific.plugin" 2>/dev/null; then ok "the latest stream runs the $V2 binary"
else failed "the latest stream does not have the $V2 binary"; fi
sp plugin list >"$WORK/out/plugin-list-2.txt" 2>&1 || true
expect "steampipe plugin list: latest at $TAG2" "$WORK/out/plugin-list-2.txt" "$TAG2"
expect "steampipe plugin list: the pinned stream stays at $TAG1" "$WORK/out/plugin-list-2.txt" "$IMAGE@$TAG1"
sp query --output csv --search-path prolific_latest "$QUERY" >"$WORK/out/query-2.csv" 2>&1 || true
if diff -u "$WORK/out/expected-count.csv" "$WORK/out/query-2.csv" >"$WORK/out/query-2.diff"; then ok "demo query through $IMAGE@latest ($V2)"
else failed "demo query through $IMAGE@latest ($V2)" "$WORK/out/query-2.diff"; fi

# --- the Anywhere tarballs ---------------------------------------------------------------------------------------------
AW=$WORK/anywhere
mkdir -p "$AW"
unpack() { tar -xzf "$DIST/$1.tar.gz" -C "$AW" && [ -x "$AW/$1/install.sh" ]; }

NAME=steampipe_export_prolific.linux_$ARCH
if unpack "$NAME" && "$AW/$NAME/install.sh" "$AW/bin" >"$WORK/out/export-install.log" 2>&1; then
  ok "export CLI: install.sh"
  "$AW/bin/steampipe_export_prolific" --version >"$WORK/out/export-version.txt" 2>&1 || true
  expect "export CLI: --version is $V1" "$WORK/out/export-version.txt" "steampipe_export_prolific $V1"
  PROLIFIC_TOKEN=$TOKEN PROLIFIC_URL=http://127.0.0.1:$APIPORT "$AW/bin/steampipe_export_prolific" prolific_batch_response \
    --where "batch_id = '$BATCH'" --output csv >"$WORK/out/export.csv" 2>"$WORK/out/export.err" || true
  rows=$(($(wc -l <"$WORK/out/export.csv") - 1))
  [ "$rows" -eq 54 ] && ok "export CLI: the demo batch's 54 responses" || failed "export CLI: $rows rows, not 54" "$WORK/out/export.err"
else failed "export CLI: unpack and install.sh" "$WORK/out/export-install.log"; fi

NAME=steampipe_sqlite_prolific.linux_$ARCH
if unpack "$NAME" && "$AW/$NAME/install.sh" "$AW/lib" >"$WORK/out/sqlite-install.log" 2>&1; then
  ok "SQLite extension: install.sh"
  /usr/bin/python3 - "$AW/lib/steampipe_sqlite_prolific" "token = \"$TOKEN\"
base_url = \"http://127.0.0.1:$APIPORT\"" "$BATCH" >"$WORK/out/sqlite.txt" 2>&1 <<'PY' || true
import sqlite3, sys
db = sqlite3.connect(":memory:")
db.enable_load_extension(True)
db.load_extension(sys.argv[1])
db.execute("select steampipe_configure_prolific(?)", (sys.argv[2],))
print("responses", db.execute("select count(*) from prolific_batch_response where batch_id = ?", (sys.argv[3],)).fetchone()[0])
PY
  expect "SQLite extension from Debian's python3: the demo batch's 54 responses" "$WORK/out/sqlite.txt" "responses 54"
else failed "SQLite extension: unpack and install.sh" "$WORK/out/sqlite-install.log"; fi

NAME=steampipe_postgres_prolific.pg15.linux_$ARCH
if [ -f "$DIST/$NAME.tar.gz" ]; then
  # The extension goes where the SQL stages install theirs: take their lock (fd 8) while it is in use.
  exec 8>/tmp/steampipe-plugin-prolific-sql-stage.lock
  flock -n 8 || { log "an SQL stage is running; waiting for it"; flock 8; }
  PGBIN=/usr/lib/postgresql/15/bin
  if unpack "$NAME" && PG_CONFIG=$PGBIN/pg_config "$AW/$NAME/install.sh" >"$WORK/out/postgres-install.log" 2>&1; then
    ok "PostgreSQL extension: install.sh"
    mkdir -p "$WORK/pg"; chown postgres:postgres "$WORK/pg"
    runuser -u postgres -- "$PGBIN/initdb" -D "$WORK/pg/data" -A trust -U postgres --no-sync >/dev/null
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$WORK/pg/data" -l "$WORK/pg/pg.log" -w \
      -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $WORK/pg -c jit=off" start >/dev/null 7>&- 8>&- 9>&-
    echo pg >"$WORK/pg.pid"
    psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -X -q -A -t -v ON_ERROR_STOP=1 >"$WORK/out/postgres.txt" 2>&1 <<EOF || true
create extension steampipe_postgres_prolific;
create server steampipe_prolific foreign data wrapper steampipe_postgres_prolific
  options (config E'token = "$TOKEN"\nbase_url = "http://127.0.0.1:$APIPORT"');
create schema prolific;
import foreign schema prolific from server steampipe_prolific into prolific;
select 'responses ' || count(*) from prolific.prolific_batch_response where batch_id = '$BATCH';
EOF
    expect "PostgreSQL 15 extension: the demo batch's 54 responses" "$WORK/out/postgres.txt" "responses 54"
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$WORK/pg/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -f "$WORK/pg.pid"
  else failed "PostgreSQL extension: unpack and install.sh" "$WORK/out/postgres-install.log"; fi
  exec 8>&-
else failed "no $NAME.tar.gz in $DIST"; fi

log "done in $(( $(date +%s) - stage_start ))s"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
