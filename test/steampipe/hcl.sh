# Sourced by test/steampipe/run.sh once the service is stopped: the docs' HCL through the real Steampipe CLI.
#
# Each ```hcl block of README.md and docs/, and config/prolific.spc, becomes the whole configuration of one
# `steampipe query` (which starts and stops the database itself, loading every connection and plugin block). Its
# query names a table of each connection the block declares, so that a connection Steampipe could not load (an
# argument the plugin refuses, a plugin label that names no installed plugin), which a batch query does not report
# by itself, fails it; the `where false` keeps the plugin from being asked for rows. It must print its answer and
# nothing else: an error or warning about the configuration (a syntax error, a limiter Steampipe refuses) shows in
# the output. A block that declares an aggregator is given with the block before it, which defines its connections.
# Two broken blocks check that the check can fail: a one-line limiter block and a misspelt connection argument.

hcl_blocks() { # FILE: its blocks, NUL-separated
  case "$1" in
    *.md) "$REPO/test/tools/docs-hcl.sh" "$1" ;;
    *) cat "$1"; printf '\0' ;;
  esac
}

# hcl_sql CONFIG: the query that answers 1 once every connection CONFIG declares has loaded
hcl_sql() {
  local sql="select 1 as parsed where true" connection
  for connection in $(sed -n 's/^[[:space:]]*connection[[:space:]]*"\([^"]*\)".*/\1/p' <<<"$1"); do
    sql+=" and not exists (select 1 from $connection.prolific_user where false)"
  done
  echo "$sql"
}

# hcl_fresh_names PREFIX: the config on stdin with PREFIX before each connection name, where a connection is declared
# and where an aggregator lists it. A connection Steampipe cannot load keeps the schema of an earlier, loaded
# connection of its name, so each check's connections must be new to the database.
hcl_fresh_names() {
  perl -pe 's/^(\s*connection\s*")/$1'"$1"'/; if (/^\s*connections\s*=/) { s/"([^"]+)"/"'"$1"'$1"/g }'
}

# hcl_query NAME CONFIG: steampipe query with CONFIG as the only configuration; its output in $WORK/out/hcl/NAME.out
hcl_query() {
  local config
  config=$(hcl_fresh_names "hcl_$(tr -c 'a-z0-9\n' '_' <<<"$1" | tr -d '\n')_" <<<"$2")
  rm -f "$INSTALL"/config/*.spc
  printf '%s\n' "$config" >"$INSTALL/config/docs.spc"
  chown "$SP_USER" "$INSTALL/config/docs.spc"
  as_user "$STEAMPIPE" query --output csv "$(hcl_sql "$config")" >"$WORK/out/hcl/$1.out" 2>&1 || true
}

hcl_clean() { [ "$(cat "$WORK/out/hcl/$1.out")" = "$(printf 'parsed\n1')" ]; }

mkdir -p "$WORK/out/hcl"
cp "$INSTALL/config/prolific.spc" "$WORK/stage.spc"
hcl_files=("$REPO/README.md" "$REPO"/docs/*.md "$REPO"/docs/tables/*.md "$REPO/config/prolific.spc")
hcl_total=0
for file in "${hcl_files[@]}"; do
  rel=${file#"$REPO"/}
  n=0 previous=
  while IFS= read -r -d '' block; do
    n=$((n + 1)) hcl_total=$((hcl_total + 1))
    config=$block
    if grep -Eq 'type[[:space:]]*=[[:space:]]*"aggregator"' <<<"$block"; then config=$previous$'\n'$block; fi
    name=$(tr '/.' '__' <<<"$rel")-$n
    hcl_query "$name" "$config"
    if hcl_clean "$name"; then ok "hcl: $rel block $n loads in Steampipe without a warning"
    else failed "hcl: $rel block $n: Steampipe printed more than the answer" "$WORK/out/hcl/$name.out"; fi
    previous=$block
  done < <(hcl_blocks "$file")
done
[ "$hcl_total" -gt 5 ] || failed "hcl: found only $hcl_total blocks in README.md, docs/ and config/"

hcl_query one-line-limiter 'plugin "local/prolific" { limiter "prolific_api" { fill_rate = 10, bucket_size = 10 } }'
if hcl_clean one-line-limiter; then failed "hcl: a one-line limiter block loaded without a warning"
else ok "hcl: a one-line limiter block is refused ($(grep -m1 -i -e warn -e error "$WORK/out/hcl/one-line-limiter.out" | cut -c1-100))"; fi
hcl_query misspelt-argument $'connection "prolific" {\n  plugin = "local/prolific"\n  tokn   = "x"\n}\n'
if hcl_clean misspelt-argument; then failed "hcl: a misspelt connection argument loaded without a warning"
else ok "hcl: a misspelt connection argument is refused ($(grep -m1 -i -e warn -e error "$WORK/out/hcl/misspelt-argument.out" | cut -c1-100))"; fi

rm -f "$INSTALL"/config/*.spc
cp "$WORK/stage.spc" "$INSTALL/config/prolific.spc"
