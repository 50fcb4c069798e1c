#!/usr/bin/env bash
# Run the Go tests that a set of patches adds to the code it patches, and fail unless every one of them ran and
# passed. Each patch lists its tests in its header (the text before the first "diff --git") on a line
#
#   Tests: package.TestName package.TestOther ...
#
# where package is the directory of the test inside the patched module. Counting passes from `go test -json`, rather
# than trusting its exit code, means a renamed or deleted test fails here instead of passing as "no tests to run".
#
#   patches/run-patch-tests.sh PATCH_DIR MODULE_DIR PACKAGE_PREFIX [go test flags...]
#
#   PATCH_DIR       the patches (patches/sdk or patches/fdw)
#   MODULE_DIR      where to run go test
#   PACKAGE_PREFIX  what turns a package directory into a go test argument: the module path and a slash for a module
#                   that MODULE_DIR's go.mod requires (the SDK, through its replace), or ./ for MODULE_DIR's own
set -euo pipefail

die() { echo "run-patch-tests: ERROR: $*" >&2; exit 1; }

[ $# -ge 3 ] || die "usage: patches/run-patch-tests.sh PATCH_DIR MODULE_DIR PACKAGE_PREFIX [go test flags...]"
PATCH_DIR=$1 MODULE_DIR=$2 PREFIX=$3
shift 3

# "package Test" pairs, one a line.
tests=$(for p in "$PATCH_DIR"/*.patch; do
  sed -n '/^diff --git/q; s/^Tests: *//p' "$p" | tr ' ,' '\n\n' | sed -n 's#^\(.*\)\.\(Test[A-Za-z0-9_]*\)$#\1 \2#p'
done)
[ -n "$tests" ] || die "no patch in $PATCH_DIR lists a test (a header line 'Tests: package.TestName')"

packages=$(cut -d' ' -f1 <<<"$tests" | sort -u | sed "s#^#$PREFIX#")
names=$(cut -d' ' -f2 <<<"$tests" | sort -u | paste -sd'|')
json=$(mktemp); trap 'rm -f "$json"' EXIT

# shellcheck disable=SC2086 # a list of packages
if ! (cd "$MODULE_DIR" && go test -count=1 -json "$@" -run "^($names)\$" $packages >"$json"); then
  # The failing tests' output, decoded enough to read.
  grep '"Action":"output"' "$json" | sed 's/.*"Output":"//; s/"}$//; s/\\n$//; s/\\t/\t/g; s/\\"/"/g' >&2 || true
  die "a test of $PATCH_DIR failed (output above)"
fi

missing=()
while read -r package name; do
  grep -q "\"Action\":\"pass\",\"Package\":\"[^\"]*/$package\",\"Test\":\"$name\"" "$json" ||
    missing+=("$package.$name")
done <<<"$tests"
[ ${#missing[@]} -eq 0 ] || die "listed in a patch header of $PATCH_DIR but did not run and pass: ${missing[*]}"
echo "run-patch-tests: all $(wc -l <<<"$tests") tests listed by $PATCH_DIR/*.patch ran and passed"
