#!/usr/bin/env bash
# The Steampipe CLI contenders of make bench (test/bench/main.go starts this script; it needs root): sets up the real
# Steampipe CLI v1.1.3 as make test-steampipe does (test/steampipe/lib.sh), with one connection "prolific" to the
# bench's own fake API on 127.0.0.1:APIPORT, writes build/bench/steampipe/steampipe, which runs the CLI as its
# unprivileged user, and prints one line "ready <that command> <port of the service>". It waits until its stdin
# closes, then stops the service if one is left running.
#
#   test/bench/steampipe.sh APIPORT TOKEN
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
WORK=$REPO/build/bench/steampipe
APIPORT=${1:?usage: test/bench/steampipe.sh APIPORT TOKEN}
TOKEN=${2:?usage: test/bench/steampipe.sh APIPORT TOKEN}
log() { echo "bench-steampipe: $*" >&2; }
die() { echo "bench-steampipe: ERROR: $*" >&2; exit 1; }

# shellcheck source=test/steampipe/lib.sh
. "$REPO/test/steampipe/lib.sh" >&2

cat >"$INSTALL/config/prolific.spc" <<SPC
connection "prolific" {
  plugin   = "local/prolific"
  token    = "$TOKEN"
  base_url = "http://127.0.0.1:$APIPORT"
}
SPC
# The command the bench times: the CLI as its user, in lib.sh's environment.
printf '#!/bin/sh\nexec runuser -u %s -- env %s %s "$@"\n' "$SP_USER" "${SP_ENV[*]@Q}" "$STEAMPIPE" >"$WORK/steampipe"
chmod 755 "$WORK/steampipe"
chown -R "$SP_USER" "$WORK"
chmod 755 "$REPO/build" "$REPO/build/bench" "$WORK"
echo "ready $WORK/steampipe $SPPORT"
cat >/dev/null # until the bench closes stdin; lib.sh's EXIT trap then stops the service
