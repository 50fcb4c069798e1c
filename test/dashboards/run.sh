#!/usr/bin/env bash
# make test-dashboards: the Powerpipe mod in dashboards/ run by real Powerpipe v1.5.2 (built from the Go module proxy
# by test/tools/go-tool.sh) against the fake Prolific API's demo data.
#
# For each engine it starts the SQL stage's PostgreSQL 15 with the extension and the fake API (test/sql/lib.sh, with
# its machine-wide lock), sets search_path to the imported schema, and then:
#   - powerpipe dashboard list and benchmark list must load the mod (no unresolved reference, no HCL error);
#   - every case of test/dashboards/cases runs headless: dashboards with --output snapshot and their inputs as
#     --arg, benchmarks with --output json; every panel and control must complete without error, and its data,
#     normalised by test/dashboards/normalise (no times, durations or ids), must match expected/<case>.txt;
#   - copies of the mod with one deliberate error (mutations/*.sed, such as a dropped join condition) must NOT match
#     their golden file: proof that the golden files catch such errors. A mutation names its case and the engines
#     it runs on.
# Engines: FDW_VARIANT=patched (build/postgres, our extension) and stock (build/postgres-stock, the unpatched FDW);
# the default runs both, one after the other, against the same golden files.
#
# Environment:
#   UPDATE=1          rewrite the expected files from this run (review the diff before committing)
#   FDW_VARIANT       patched, stock, or both (default)
#   DATABASE_URL      run the cases against this PostgreSQL connection string instead of starting one (for example
#                     the Steampipe CLI's service: postgres://steampipe:PASSWORD@127.0.0.1:9193/steampipe); no
#                     root needed; the same golden files apply
#   PGPORT, APIPORT   ports on 127.0.0.1 for the started servers (defaults 15442 and 18183)
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
HERE=$REPO/test/dashboards
UPDATE=${UPDATE:-0}
PGPORT=${PGPORT:-15442}
APIPORT=${APIPORT:-18183}
MOD=prolific_insights

log() { echo "test-dashboards: $*"; }
die() { echo "test-dashboards: ERROR: $*" >&2; exit 1; }

# Build Powerpipe and the normaliser before taking the SQL stage's lock: a cold Powerpipe build takes about 6 minutes
# on 2 cores, once per machine (build/tools/powerpipe/, Go caches reused).
POWERPIPE_VERSION=v1.5.2
POWERPIPE=$("$REPO/test/tools/go-tool.sh" powerpipe github.com/turbot/powerpipe "$POWERPIPE_VERSION")
[ -x "$POWERPIPE" ] || die "no Powerpipe binary at '$POWERPIPE'"
mkdir -p "$REPO/build"
(cd "$REPO" && go build -o "$REPO/build/dashboards-normalise" ./test/dashboards/normalise)
NORMALISE=$REPO/build/dashboards-normalise

pass=0
fail=0
ok() { echo "ok   $*"; pass=$((pass + 1)); }
bad() { echo "FAIL $*"; fail=$((fail + 1)); }

# powerpipe ARGS...: Powerpipe run from the mod's directory, with its own state dir and nothing phoned home. Run
# commands get --database (Powerpipe warns that the flag is deprecated; it still takes any postgres:// string).
powerpipe() {
  local database=()
  [ "$2" = run ] && database=(--database "$DSN")
  (cd "$MOD_DIR" && env HOME="$PP_HOME" POWERPIPE_INSTALL_DIR="$PP_HOME/install" POWERPIPE_UPDATE_CHECK=false \
    POWERPIPE_TELEMETRY=none "$POWERPIPE" "$@" "${database[@]}")
}

# run_case NAME KIND TARGET ARGS...: runs one case into $OUT/NAME.json and normalises it into $OUT/NAME.txt.
run_case() {
  local name=$1 kind=$2 target=$3
  shift 3
  local args=()
  for a in "$@"; do
    if [ "$kind" = dashboard ]; then args+=(--arg "$a"); else args+=(--var "$a"); fi
  done
  local rc=0
  if [ "$kind" = dashboard ]; then
    powerpipe dashboard run "$MOD.dashboard.$target" --output snapshot "${args[@]}" >"$OUT/$name.json" 2>"$OUT/$name.err" || rc=$?
  else
    # benchmark run exits with the number of alarms and errors; the normalised output is what is checked.
    powerpipe benchmark run "$MOD.benchmark.$target" --output json "${args[@]}" >"$OUT/$name.json" 2>"$OUT/$name.err" || rc=$?
  fi
  if [ "$kind" = dashboard ] && [ "$rc" -ne 0 ]; then
    echo "  powerpipe exited $rc:"; sed 's/^/  /' "$OUT/$name.err" | head -20
    return 1
  fi
  "$NORMALISE" "$OUT/$name.json" >"$OUT/$name.txt" 2>"$OUT/$name.problems" || {
    echo "  panels or controls failed:"; sed 's/^/  /' "$OUT/$name.problems" | head -20
    return 1
  }
}

# check_case NAME: compares $OUT/NAME.txt with the golden file, or rewrites it with UPDATE=1.
check_case() {
  local name=$1 expected=$HERE/expected/$1.txt
  if [ "$UPDATE" = 1 ]; then
    mkdir -p "$HERE/expected"
    cp "$OUT/$name.txt" "$expected"
    ok "$name ($ENGINE): updated $expected"
  elif [ -f "$expected" ] && diff -u "$expected" "$OUT/$name.txt" >"$OUT/$name.diff"; then
    ok "$name ($ENGINE)"
  else
    bad "$name ($ENGINE)"
    if [ -f "$expected" ]; then head -40 "$OUT/$name.diff"; else echo "  (no expected file $expected)"; fi
  fi
}

# run_suite: the listing checks and every case, against $DSN.
run_suite() {
  MOD_DIR=$REPO/dashboards
  PP_HOME=$WORK/powerpipe-home
  OUT=$WORK/out
  mkdir -p "$PP_HOME" "$OUT"

  local kind listed
  for kind in dashboard benchmark; do
    if listed=$(powerpipe "$kind" list --output json 2>"$OUT/$kind-list.err"); then
      ok "powerpipe $kind list loads the mod ($ENGINE)"
    else
      bad "powerpipe $kind list ($ENGINE)"; sed 's/^/  /' "$OUT/$kind-list.err" | head -20
      continue
    fi
    # Every dashboard and benchmark of the mod has a case.
    for resource in $(printf '%s' "$listed" | grep -o "\"$MOD\.$kind\.[a-z_0-9]*\"" | tr -d '"' | sort -u); do
      grep -Eq "^[^#[:space:]]+[[:space:]]+$kind[[:space:]]+${resource##*.}([[:space:]]|$)" "$HERE/cases" ||
        bad "$resource has no case in test/dashboards/cases"
    done
  done

  local name kind target
  while read -r name kind target rest; do
    case "$name" in ''|'#'*) continue ;; esac
    # shellcheck disable=SC2086 # rest is the case's list of name=value arguments
    if run_case "$name" "$kind" "$target" $rest; then
      check_case "$name"
    else
      bad "$name ($ENGINE)"
    fi
  done <"$HERE/cases"
}

# run_mutations ENGINE: each mutation (mutations/*.sed) made for ENGINE is applied to a copy of the mod, and its
# case must then NOT match its golden file: proof that the golden files catch that kind of error.
run_mutations() {
  local mutation name target_case line
  for mutation in "$HERE"/mutations/*.sed; do
    name=$(basename "$mutation" .sed)
    grep -Eq "^# engines:.*\b$1\b" "$mutation" || continue
    target_case=$(sed -n 's/^# case: *//p' "$mutation")
    rm -rf "$WORK/mutated"
    cp -r "$REPO/dashboards" "$WORK/mutated"
    find "$WORK/mutated" -name "*.pp" -exec sed -i -f "$mutation" {} +
    if diff -rq "$REPO/dashboards" "$WORK/mutated" >/dev/null; then
      bad "mutation $name changes nothing in dashboards/: update test/dashboards/mutations/$name.sed"
      continue
    fi
    line=$(grep -E "^$target_case[[:space:]]" "$HERE/cases") || { bad "mutation $name: no case $target_case"; continue; }
    local kind target rest
    read -r _ kind target rest <<<"$line"
    MOD_DIR=$WORK/mutated
    # shellcheck disable=SC2086 # rest is the case's list of name=value arguments
    if run_case "mutation-$name" "$kind" "$target" $rest &&
      diff -q "$HERE/expected/$target_case.txt" "$OUT/mutation-$name.txt" >/dev/null; then
      bad "mutation $name ($ENGINE): the mutated mod still matches expected/$target_case.txt, so the golden file does not catch it"
    else
      ok "mutation $name ($ENGINE): the mutated mod no longer matches expected/$target_case.txt, as it must"
    fi
    MOD_DIR=$REPO/dashboards
  done
}

if [ -n "${DATABASE_URL:-}" ]; then
  WORK=$REPO/build/dashboards-test-external
  ENGINE=external
  DSN=$DATABASE_URL
  rm -rf "$WORK"
  run_suite
  run_mutations external
else
  case "${FDW_VARIANT:-both}" in
    both) variants="patched stock" ;;
    patched|stock) variants=$FDW_VARIANT ;;
    *) die "FDW_VARIANT must be patched, stock or both" ;;
  esac
  for VARIANT in $variants; do
    # Each engine in its own shell: lib.sh takes the SQL stage's lock and its EXIT trap stops what it started.
    (
      WORK=$REPO/build/dashboards-test-$VARIANT
      ENGINE="$VARIANT FDW"
      # shellcheck source=test/sql/lib.sh
      . "$REPO/test/sql/lib.sh"
      # The mod's tables are unqualified: the imported schema comes first on the search path, as docs/dashboards.md
      # tells PostgreSQL users to set it.
      DSN="postgres://postgres@127.0.0.1:$PGPORT/postgres?sslmode=disable&search_path=prolific,public"
      run_suite
      if [ "$UPDATE" != 1 ]; then run_mutations "$VARIANT"; fi
      echo "$pass passed, $fail failed ($ENGINE)"
      [ "$fail" -eq 0 ]
    ) || fail=$((fail + 1))
  done
  [ "$fail" -eq 0 ] || die "failed on at least one engine"
  exit 0
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
