#!/usr/bin/env bash
# make demo: the plugin answering SQL without a Prolific account. It builds the PostgreSQL extension, starts the fake
# Prolific API (realistic sample batches) and a throwaway PostgreSQL 15, then runs every example query from
# docs/tables/*.md and prints its results. Needs root, like make test-sql.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
VARIANT=patched
WORK=$REPO/build/demo
PGPORT=${PGPORT:-15441}
APIPORT=${APIPORT:-18182}

log() { echo "demo: $*" >&2; }
die() { echo "demo: ERROR: $*" >&2; exit 1; }

# shellcheck source=test/sql/lib.sh
. "$REPO/test/sql/lib.sh" >/dev/null

for doc in "$REPO"/docs/tables/*.md; do
  echo "================ $(basename "$doc" .md) ================"
  while IFS= read -r -d '' title && IFS= read -r -d '' query; do
    echo
    printf '\n### %s\n' "$title"
    printf '%s\n' "$query" | run_sql prolific
  done < <(awk '/^### /{title=substr($0, 5)} /^```sql\+postgres/{on=1; block=""; next}
                on && /^```/{printf "%s%c%s%c", title, 0, block, 0; on=0; next} on{block = block $0 "\n"}' "$doc")
done
