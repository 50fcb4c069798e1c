#!/usr/bin/env bash
# docs-examples.sh DOC: prints every ```sql+postgres block of the Markdown file DOC, each followed by a NUL byte, for
# the stages that run the docs' examples (test/sql/run.sh, test/steampipe/run.sh):
#   while IFS= read -r -d '' block; do ...; done < <(test/tools/docs-examples.sh docs/tables/x.md)
set -euo pipefail
awk '/^```sql\+postgres/{on=1; block=""; next} on && /^```/{printf "%s%c", block, 0; on=0; next} on{block = block $0 "\n"}' "${1:?usage: docs-examples.sh DOC}"
