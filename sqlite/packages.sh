# need_packages PKG...: install the Debian packages that are missing, as root; otherwise name them. Sourced by
# sqlite/build.sh and test/sqlite/run.sh.
need_packages() {
  command -v dpkg-query >/dev/null 2>&1 || return 0
  local missing="" p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
  done
  [ -n "$missing" ] || return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "packages not installed:$missing (install them with apt-get as root)" >&2
    return 0
  fi
  echo "installing missing packages:$missing"
  apt-get -o DPkg::Lock::Timeout=600 update -q
  # shellcheck disable=SC2086 # a list of package names
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends $missing
}
