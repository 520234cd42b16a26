# Progress lines for the long steps of scripts/run.sh and scripts/test.sh (sourced): nothing stays silent for minutes.

progress_started=$(date +%s)

# step TEXT: what starts now, with the seconds since the script began.
step() { printf '==> [%3d s] %s\n' $(( $(date +%s) - progress_started )) "$*"; }

# with_progress LABEL LOG COMMAND...: runs COMMAND; while it runs, every PROGRESS_EVERY seconds (30) prints
# "    LABEL… N s", and, when LOG names a test log, how many tests have finished so far. Returns COMMAND's status.
with_progress() {
  local label=$1 log=$2 start ticker status=0
  shift 2
  start=$(date +%s)
  (
    # The sleep gets no stdout: once this loop is killed nothing holds a pipe the caller's output goes through.
    while sleep "${PROGRESS_EVERY:-30}" < /dev/null > /dev/null 2>&1; do
      finished=""
      if [[ -n "$log" && -f "$log" ]]; then
        finished=" · $(grep -cE '^\s+(Passed|Failed|Skipped) ' "$log" 2>/dev/null || true) tests finished"
      fi
      printf '    %s… %d s%s\n' "$label" $(( $(date +%s) - start )) "$finished"
    done
  ) &
  ticker=$!
  "$@" || status=$?
  kill "$ticker" 2>/dev/null || true
  wait "$ticker" 2>/dev/null || true
  return "$status"
}
