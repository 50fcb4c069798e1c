# Shared by test/sql/run.sh (make test-sql) and test/sql/demo.sh (make demo): builds and installs the extension,
# starts the fake Prolific API and a throwaway PostgreSQL 15 cluster on 127.0.0.1, and sets the extension up with
# the SQL from README.md's "Use in your own PostgreSQL" section. Source it after setting REPO, WORK, VARIANT,
# PGPORT, APIPORT and the log/die functions; FAKE_ARGS adds flags to the fake API, PG_ENV settings to PostgreSQL's
# environment, and FAKE_EXTERNAL=1 uses a fake API that already listens on APIPORT. The EXIT trap it sets stops
# everything it started.

PGBIN=/usr/lib/postgresql/15/bin

# One SQL stage at a time on a machine: they share the installed extension and PostgreSQL's directories.
exec 8>/tmp/steampipe-plugin-prolific-sql-stage.lock
flock -n 8 || { log "another SQL stage is running on this machine; waiting for it"; flock 8; }

# --- packages, extension ---------------------------------------------------------------------------------------------
[ "$(id -u)" -eq 0 ] || die "run as root: it installs packages and the extension, and starts PostgreSQL as user postgres"
case "$VARIANT" in
  patched) "$REPO/postgres/build-extension.sh" install ;;
  stock) "$REPO/postgres/build-extension.sh" install --stock ;;
  *) die "FDW_VARIANT must be patched or stock" ;;
esac

# --- throwaway cluster and fake API ----------------------------------------------------------------------------------
rm -rf "$WORK"
mkdir -p "$WORK/pg" "$WORK/out"
chmod 755 "$WORK" "$REPO/build"
chown postgres:postgres "$WORK/pg"
cleanup() {
  if [ -f "$WORK/pg/data/postmaster.pid" ]; then
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$WORK/pg/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  if [ -f "$WORK/api.pid" ]; then kill "$(cat "$WORK/api.pid")" 2>/dev/null || true; fi
}
trap cleanup EXIT

# FAKE_EXTERNAL=1: the caller already serves the fake API on APIPORT (make bench shares one between every client).
if [ -z "${FAKE_EXTERNAL:-}" ]; then
  log "starting the fake Prolific API on 127.0.0.1:$APIPORT"
  (cd "$REPO" && go build -o "$WORK/fakeprolific" ./test/fakeprolific)
  # shellcheck disable=SC2086 # FAKE_ARGS is a list of extra flags
  # 8>&-: servers must not inherit the stage's lock, or one left behind by a killed run would hold it for ever.
  "$WORK/fakeprolific" -addr "127.0.0.1:$APIPORT" ${FAKE_ARGS:-} >"$WORK/api.log" 2>&1 8>&- &
  echo $! >"$WORK/api.pid"
fi

# The stages' fixed ports are below Linux's ephemeral port range (32768-60999): a port in it can be taken at any
# moment as the local end of an outgoing connection, and PostgreSQL then fails to bind it ("Address already in use";
# make test-dashboards failed so once, on 55442).
log "starting PostgreSQL 15 on 127.0.0.1:$PGPORT"
runuser -u postgres -- "$PGBIN/initdb" -D "$WORK/pg/data" -A trust -U postgres --no-sync >/dev/null
# shellcheck disable=SC2086 # PG_ENV is a list of NAME=value settings for the server's environment
runuser -u postgres -- env STEAMPIPE_CACHE=false ${PG_ENV:-} "$PGBIN/pg_ctl" -D "$WORK/pg/data" -l "$WORK/pg/pg.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $WORK/pg -c jit=off -c TimeZone=UTC -c fsync=off" start >/dev/null 8>&-
for _ in $(seq 600); do (exec 3<>"/dev/tcp/127.0.0.1/$APIPORT") 2>/dev/null && break; sleep 0.1; done

PSQL=(psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -X -q -P pager=off -v ON_ERROR_STOP=0)

# --- setup, as README.md documents it --------------------------------------------------------------------------------
# The README's block uses the real base URL and a placeholder token; the stage points it at the fake API instead.
setup_block() {
  awk '/<!-- sql-stage:setup -->/{on=1; next} on && /^```sql/{inblock=1; next} inblock && /^```/{exit} inblock{print}' "$1"
}
setup_sql=$(setup_block "$REPO/README.md")
[ -n "$setup_sql" ] || die "README.md has no sql block after <!-- sql-stage:setup -->"
[ "$setup_sql" = "$(setup_block "$REPO/docs/index.md")" ] ||
  die "the setup blocks after <!-- sql-stage:setup --> in README.md and docs/index.md differ; keep them identical"
setup_sql=${setup_sql//https:\/\/api.prolific.com/http://127.0.0.1:$APIPORT}
setup_sql=${setup_sql//YOUR_PROLIFIC_TOKEN/test-token}
printf '%s\n' "$setup_sql" | "${PSQL[@]}" -v ON_ERROR_STOP=1 >"$WORK/setup.log" 2>&1 || { cat "$WORK/setup.log"; die "the README setup failed"; }
"${PSQL[@]}" -v ON_ERROR_STOP=1 -v apiport="$APIPORT" -f "$REPO/test/sql/setup.sql" >>"$WORK/setup.log" 2>&1 ||
  { cat "$WORK/setup.log"; die "test/sql/setup.sql failed"; }

# run_sql SCHEMA < query: psql output with the query echoed, errors as psql prints them. SCHEMA comes first on the
# search path, then public (local helper tables).
run_sql() {
  { echo "set search_path = $1, public;"; cat; } | "${PSQL[@]}" -a 2>&1 | sed '1d'
}

