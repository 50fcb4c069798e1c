# Shared by the SQL stage (test/sql/run.sh) and the Steampipe CLI stage (test/steampipe/run.sh): runs every failing
# scan of test/stress/stress_test.go through SQL, STRESS_RUNS times each (default 10) while all cores but one are
# kept busy, and counts the runs whose output carries no error. Source it, then:
#
#   stress_sql LABEL psql ARGS...     prints one line per scan and a total; returns 1 when an error was lost
#
# STRESS_REPORT=1 reports the loss rate and returns 0 (for a build that is expected to lose errors: the stock SDK).

STRESS_SCANS=(
  "403 before any row|select count(*) from prolific_batch_response where batch_id = 'fault-forbidden'"
  "refused id before any row|select count(*) from prolific_batch_response where batch_id = E'abc\\x01def'"
  "missing qual|select count(*) from prolific_batch_response"
  "truncated body after rows|select count(*) from prolific_batch_response where batch_id = 'fault-truncated'"
  "reset after rows|select count(*) from prolific_batch_response where batch_id = 'fault-reset'"
  "malformed body after rows|select count(*) from prolific_batch_response where batch_id = 'fault-malformed'"
  "IN list with one failing batch|select count(*) from prolific_batch_response where batch_id in ('7c2e9a41-3b5d-4f68-8a1e-2d9c4b7f0e13', 'fault-truncated')"
)

# stress_load_start / stress_load_stop: busy loops on all cores but one. Each loop ends by itself once the stage's
# shell is gone, and holds none of the stage's files: a stage killed before stress_load_stop (by SIGPIPE, say) once
# left a loop spinning for good, holding the machine-wide lock every later Steampipe stage waited on.
stress_load_start() {
  STRESS_LOAD_PIDS=()
  local cores stage=$$
  cores=$(nproc)
  for _ in $(seq $((cores > 1 ? cores - 1 : 1))); do
    (stress_close_fds; while kill -0 "$stage" 2>/dev/null; do :; done) &
    STRESS_LOAD_PIDS+=($!)
  done
}

# stress_close_fds closes every descriptor above stderr, the stage's locks among them.
stress_close_fds() {
  local fd
  for fd in /proc/self/fd/*; do
    fd=${fd##*/}
    [ "$fd" -gt 2 ] && eval "exec $fd>&-" 2>/dev/null
  done
  return 0
}
stress_load_stop() {
  [ "${#STRESS_LOAD_PIDS[@]}" -eq 0 ] || kill "${STRESS_LOAD_PIDS[@]}" 2>/dev/null || true
  wait "${STRESS_LOAD_PIDS[@]}" 2>/dev/null || true
  STRESS_LOAD_PIDS=()
}

stress_sql() {
  local label=$1; shift
  local runs=${STRESS_RUNS:-10} total=0 lost=0 scan name sql caseLost out
  stress_load_start
  for scan in "${STRESS_SCANS[@]}"; do
    name=${scan%%|*}; sql=${scan#*|}
    caseLost=0
    for _ in $(seq "$runs"); do
      out=$("$@" -c "$sql" 2>&1 || true)
      # No pipe into head here: under pipefail, head closing early would kill the stage with SIGPIPE.
      case "$out" in *ERROR*|*Error:*) ;; *) caseLost=$((caseLost + 1)); echo "  lost: $name -> ${out:0:200}" ;; esac
    done
    echo "stress $label: $name: lost $caseLost of $runs errors"
    total=$((total + runs)); lost=$((lost + caseLost))
  done
  stress_load_stop
  echo "stress $label: lost $lost of $total errors ($(awk "BEGIN{printf \"%.1f\", 100*$lost/$total}")%), $runs runs per case"
  [ "$lost" -eq 0 ] || [ "${STRESS_REPORT:-0}" = 1 ]
}
