#!/usr/bin/env bash
# docs-hcl.sh FILE: prints every ```hcl block of the Markdown file FILE, each followed by a NUL byte, with the
# fence's own indentation taken off each line (a block in a list item is indented). For the Steampipe stage, which
# gives each block to the real Steampipe CLI (test/steampipe/hcl.sh):
#   while IFS= read -r -d '' block; do ...; done < <(test/tools/docs-hcl.sh docs/index.md)
set -euo pipefail
awk '
  match($0, /^[ \t]*```hcl[ \t]*$/) { on = 1; indent = index($0, "`") - 1; block = ""; next }
  on && $0 ~ /^[ \t]*```[ \t]*$/  { printf "%s%c", block, 0; on = 0; next }
  on                              { block = block substr($0, indent + 1) "\n" }
' "${1:?usage: docs-hcl.sh FILE}"
