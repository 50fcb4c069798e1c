# Shared by test/steampipe/run.sh (make test-steampipe) and test/bench/steampipe.sh (make bench): sets up the real
# Steampipe CLI v1.1.3 with nothing to download. It builds Steampipe and Turbot's generic FDW v1.13.0 from the Go module
# proxy (once per machine, in build/tools), lays out a Steampipe install dir in $WORK/install that already holds what
# Steampipe would otherwise download (Debian's PostgreSQL 15 where Steampipe looks for its database, the FDW, and a
# db/versions.json that names the versions Steampipe expects; see docs/development.md, "Steampipe CLI, headless"), and
# installs the plugin binary that `make install` builds. Steampipe refuses to run as root, so it runs as the
# unprivileged user prolific-steampipe: as_user runs a command as that user with the install dir's environment.
#
# Source it after setting REPO, WORK and the log/die functions (SP_LOCAL_PLUGIN=0 skips `make install`). It sets
# INSTALL, STEAMPIPE, SP_USER, SP_HOME, SPPORT and SP_ENV, takes the machine-wide Steampipe lock (fd 9), and sets an
# EXIT trap that stops the service. The caller writes $INSTALL/config/prolific.spc and starts what else it needs.

INSTALL=$WORK/install
SPPORT=9193
SP_USER=prolific-steampipe
STEAMPIPE_VERSION=v1.1.3
FDW_VERSION=v1.13.0

[ "$(id -u)" -eq 0 ] || die "run as root: it installs packages and creates the unprivileged user Steampipe runs as"
# The tools and the FDW are their own modules: no GOFLAGS meant for this repository may reach them.
unset GOFLAGS

# One stage at a time on a machine: the service port and the user are machine-wide.
exec 9>/tmp/steampipe-plugin-prolific-steampipe-stage.lock
flock -n 9 || { log "another Steampipe stage is running on this machine; waiting for it"; flock 9; }

# --- packages and tools ----------------------------------------------------------------------------------------------
"$REPO/test/tools/apt-install.sh" postgresql-15 postgresql-server-dev-15 postgresql-client-15 rsync gettext make gcc libc6-dev patch curl

STEAMPIPE=$("$REPO/test/tools/go-tool.sh" steampipe github.com/turbot/steampipe "$STEAMPIPE_VERSION" \
  --replace github.com/c-bata/go-prompt=github.com/turbot/go-prompt@v0.2.6-steampipe.0.0.20221028122246-eb118ec58d50)
SP_SRC=$(cd /tmp && go mod download -json "github.com/turbot/steampipe@$STEAMPIPE_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)".*/\1/p')
FDW_DIR=$("$REPO/test/steampipe/build-fdw.sh" "$FDW_VERSION")

# --- the install dir -------------------------------------------------------------------------------------------------
constant() { sed -n "s/^[[:space:]]*$1[[:space:]]*=[[:space:]]*\"\(.*\)\".*/\1/p" "$SP_SRC/pkg/constants/db.go" | head -1; }
DB_VERSION=$(constant DatabaseVersion)
FDW_NAMED_VERSION=$(constant FdwVersion)
IMAGE_DIGEST=$(constant PostgresImageDigest)
[ -n "$DB_VERSION" ] && [ -n "$FDW_NAMED_VERSION" ] && [ -n "$IMAGE_DIGEST" ] ||
  die "cannot read DatabaseVersion, FdwVersion and PostgresImageDigest from $SP_SRC/pkg/constants/db.go"

id -u "$SP_USER" >/dev/null 2>&1 || useradd --system --shell /usr/sbin/nologin "$SP_USER"
usermod -a -G postgres "$SP_USER"
# Steampipe also keeps state in the user's own home (~/.pipes), whatever HOME says.
SP_HOME=$(getent passwd "$SP_USER" | cut -d: -f6)
install -d -o "$SP_USER" -m 0755 "$SP_HOME"
install -d -o postgres -g postgres -m 2775 /var/run/postgresql

cleanup() {
  if [ -d "$INSTALL" ]; then
    as_user "$STEAMPIPE" service stop --force >/dev/null 2>&1 || true
  fi
  if [ -f "$WORK/api.pid" ]; then kill "$(cat "$WORK/api.pid")" 2>/dev/null || true; fi
}
# The environment Steampipe runs in: this install dir, no update check or telemetry (nothing may be downloaded).
SP_ENV=(HOME="$SP_HOME" STEAMPIPE_INSTALL_DIR="$INSTALL" STEAMPIPE_UPDATE_CHECK=false STEAMPIPE_TELEMETRY=none
  STEAMPIPE_LOG_LEVEL=WARN)
as_user() { runuser -u "$SP_USER" 9>&- -- env "${SP_ENV[@]}" "$@"; }
[ ! -d "$INSTALL" ] || cleanup
rm -rf "$WORK"
mkdir -p "$WORK/out"
trap cleanup EXIT

# PostgreSQL finds its share and lib dirs relative to its real executable, so Debian's tree keeps its path tails
# (lib/postgresql/15, share/postgresql/15) and Steampipe's bin/ links to it.
PG=$INSTALL/db/$DB_VERSION/postgres
mkdir -p "$PG/lib/postgresql" "$PG/share/postgresql/extension" "$PG/bin"
cp -R /usr/lib/postgresql/15 "$PG/lib/postgresql/15"
cp -R /usr/share/postgresql/15 "$PG/share/postgresql/15"
for b in "$PG"/lib/postgresql/15/bin/*; do ln -s "$b" "$PG/bin/$(basename "$b")"; done
# The FDW where Steampipe checks for it, linked where PostgreSQL 15 loads extensions from.
install -m 0755 "$FDW_DIR/steampipe_postgres_fdw.so" "$PG/lib/postgresql/"
install -m 0644 "$FDW_DIR/steampipe_postgres_fdw.control" "$FDW_DIR/steampipe_postgres_fdw--1.0.sql" "$PG/share/postgresql/extension/"
ln -sf "$PG/lib/postgresql/steampipe_postgres_fdw.so" "$PG/lib/postgresql/15/lib/"
ln -sf "$PG/share/postgresql/extension/steampipe_postgres_fdw.control" "$PG/share/postgresql/15/extension/"
ln -sf "$PG/share/postgresql/extension/steampipe_postgres_fdw--1.0.sql" "$PG/share/postgresql/15/extension/"
cat >"$INSTALL/db/versions.json" <<EOF
{"fdw_extension": {"name": "fdw", "version": "$FDW_NAMED_VERSION", "struct_version": 20230502},
 "embedded_db": {"name": "embedded-db", "version": "$DB_VERSION", "image_digest": "$IMAGE_DIGEST", "struct_version": 20230502},
 "struct_version": 20220411}
EOF

# The plugin binary, built by `make` with the patched SDK, and its connections. SP_LOCAL_PLUGIN=0 leaves them out
# (make test-install installs the plugin from an OCI registry instead).
if [ "${SP_LOCAL_PLUGIN:-1}" = 1 ]; then
  make -s -C "$REPO" install STEAMPIPE_INSTALL_DIR="$INSTALL" >/dev/null
else
  mkdir -p "$INSTALL/config"
fi
