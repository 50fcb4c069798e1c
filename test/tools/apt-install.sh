#!/usr/bin/env bash
# Install the Debian packages given that are not installed yet, as root, waiting for the apt and dpkg locks instead of
# failing when another install holds them (parallel builds on one machine do).
#
#   test/tools/apt-install.sh PACKAGE...     as another user, it only names the missing packages
set -euo pipefail
missing=()
for p in "$@"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ "${#missing[@]}" -gt 0 ] || exit 0
# Not root: say what is missing and let the caller's own check fail with its message, if it needs them at all.
[ "$(id -u)" -eq 0 ] || { echo "apt-install: packages not installed: ${missing[*]} (install them with apt-get as root)" >&2; exit 0; }
echo "apt-install: installing ${missing[*]}" >&2
LOCK_WAIT=(-o DPkg::Lock::Timeout=900 -o Acquire::Retries=3)
# Older apt versions fail `update` at once while another apt holds the lists lock: try again for up to 15 minutes.
for attempt in $(seq 180); do
  if out=$(apt-get "${LOCK_WAIT[@]}" update -q 2>&1); then break; fi
  case "$out" in *lock*) [ "$attempt" -lt 180 ] && sleep 5 && continue ;; esac
  printf '%s\n' "$out" >&2; exit 1
done
DEBIAN_FRONTEND=noninteractive apt-get "${LOCK_WAIT[@]}" install -y -q --no-install-recommends "${missing[@]}" >/dev/null
