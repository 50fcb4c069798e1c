#!/usr/bin/env bash
# The SQL stage (make test-sql): the plugin built as the PostgreSQL extension steampipe_postgres_prolific, queried
# through a throwaway PostgreSQL 15 cluster against the fake Prolific API (test/fakeprolific).
#
# It installs the OS packages it lacks (as root), builds and installs the extension, starts the fake API and the
# cluster, sets the extension up with the SQL from README.md's "Use in your own PostgreSQL" section, then runs:
#   cases/*.sql       each compared with expected/<name>.out (psql output, queries echoed)
#   docs examples     every ```sql+postgres block of docs/tables/*.md, compared with expected/docs/<table>-<n>.out
#   joins/*.sql       each run on the foreign tables and on local copies of the same rows; the outputs must match
#   stress            every failing scan of test/stress, STRESS_RUNS times under CPU load: no error may be lost
# It stops everything it started, on failure too, and ends with "N passed, M failed".
#
# Environment:
#   UPDATE=1         rewrite the expected files from this run instead of comparing (review the diff before committing)
#   FDW_VARIANT      patched (default) or stock: with stock, the unpatched FDW is built and the join cases are
#                    expected to FAIL (it shows the bug our patch fixes); other checks are skipped
#   PGPORT, APIPORT  ports on 127.0.0.1 (defaults 15440 and 18181)
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
HERE=$REPO/test/sql
VARIANT=${FDW_VARIANT:-patched}
WORK=$REPO/build/sql-test-$VARIANT
PGPORT=${PGPORT:-15440}
APIPORT=${APIPORT:-18181}
UPDATE=${UPDATE:-0}

log() { echo "test-sql: $*"; }
die() { echo "test-sql: ERROR: $*" >&2; exit 1; }

# shellcheck source=test/sql/lib.sh
. "$HERE/lib.sh"

pass=0
fail=0
ok() { echo "ok   $1"; pass=$((pass + 1)); }
# failed NAME [FILE]: FILE holds what explains the failure; its first 40 lines are shown.
failed() { echo "FAIL $1"; [ -z "${2:-}" ] || head -40 "$2"; fail=$((fail + 1)); }
# check NAME EXPECTED-FILE ACTUAL-FILE: compare, or rewrite the expected file with UPDATE=1.
check() {
  local name=$1 expected=$2 actual=$3
  if [ "$UPDATE" = 1 ]; then
    mkdir -p "$(dirname "$expected")"
    cp "$actual" "$expected"
    echo "updated $name"
    pass=$((pass + 1))
  elif [ ! -f "$expected" ]; then
    failed "$name (no expected file $expected)"
  elif diff -u "$expected" "$actual" >"$actual.diff"; then
    ok "$name"
  else
    failed "$name" "$actual.diff"
  fi
}

if [ "$VARIANT" = patched ]; then
  # The FDW patches' own Go tests, in the FDW build tree the extension was just built in (upstream's code fails
  # go vet, hence -vet=off).
  if GOFLAGS= "$REPO/patches/run-patch-tests.sh" "$REPO/patches/fdw" "$REPO/build/fdw-src/work" ./ -vet=off \
       >"$WORK/out/fdw-patch-tests.log" 2>&1; then
    ok "FDW patch tests (the Tests: lines of patches/fdw/*.patch)"
  else
    failed "FDW patch tests (the Tests: lines of patches/fdw/*.patch)" "$WORK/out/fdw-patch-tests.log"
  fi

  for case_file in "$HERE"/cases/*.sql; do
    name=$(basename "$case_file" .sql)
    run_sql prolific <"$case_file" >"$WORK/out/$name.out"
    check "$name" "$HERE/expected/$name.out" "$WORK/out/$name.out"
  done

  for doc in "$REPO"/docs/tables/*.md; do
    table=$(basename "$doc" .md)
    n=0
    while IFS= read -r -d '' block; do
      n=$((n + 1))
      printf '%s\n' "$block" | run_sql prolific >"$WORK/out/docs-$table-$n.out"
      check "docs/tables/$table.md example $n" "$HERE/expected/docs/$table-$n.out" "$WORK/out/docs-$table-$n.out"
    done < <("$REPO/test/tools/docs-examples.sh" "$doc")
    [ "$n" -gt 0 ] || failed "docs/tables/$table.md has no sql+postgres examples"
  done
fi

# Join correctness: the same query on the foreign tables (schema prolific) and on local copies (schema local_copy).
for join_file in "$HERE"/joins/*.sql; do
  name=joins/$(basename "$join_file" .sql)
  run_sql prolific <"$join_file" >"$WORK/out/join-foreign.out"
  run_sql local_copy <"$join_file" >"$WORK/out/join-local.out"
  if [ "$VARIANT" = stock ]; then
    # On the stock FDW each case must come out wrong: that is the bug the patch exists for.
    if diff -q "$WORK/out/join-local.out" "$WORK/out/join-foreign.out" >/dev/null; then
      failed "$name (stock FDW): same result as the local copy, so this case does not show the bug"
    else
      ok "$name (stock FDW): differs from the local copy, as expected without the patch"
    fi
  elif diff -u "$WORK/out/join-local.out" "$WORK/out/join-foreign.out" >"$WORK/out/join.diff"; then
    ok "$name (same rows as on a local copy)"
  else
    failed "$name: the foreign tables gave other rows than a local copy of them (-local +foreign)" "$WORK/out/join.diff"
  fi
done

# Every failing scan, repeated under CPU load: each must end in an error (test/stress/stress.sh).
if [ "$VARIANT" = patched ]; then
  # shellcheck source=test/stress/stress.sh
  . "$REPO/test/stress/stress.sh"
  if stress_sql extension env PGOPTIONS="-c search_path=prolific" "${PSQL[@]}"; then
    ok "stress: no error lost through the extension"
  else
    failed "stress: errors lost through the extension"
  fi
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
