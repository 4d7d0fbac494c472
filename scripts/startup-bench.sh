#!/usr/bin/env bash
# Start-up figures for BENCHMARKS.md: runs `baton plan`, `baton status` and `baton tools` from a
# shell, each RUNS times (after one unmeasured run), through ./baton with and without the JDK's AOT
# cache, and prints median [min-max] wall time per command, with the load average.
#   scripts/startup-bench.sh [RUNS]        (default 7; BATON_HOME is a throw-away folder)
# Build first (./baton tools does it, and prepares the cache).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-7}"
baton="${BATON:-$here/baton}"   # another checkout's launcher to compare with
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
export BATON_HOME="$home"
request="read what we did in December on Tevuot and set up a meeting with Yoav"

"$baton" demo --no-run >/dev/null   # the workspace, as after a first run
"$baton" status >/dev/null          # the database, migrated once

# Wall time of one run in milliseconds.
once() {
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}

# median [min-max] of RUNS runs of a command.
figures() {
  local times=() sorted
  "$@" >/dev/null 2>&1 || true
  for _ in $(seq "$runs"); do
    times+=("$(once "$@")")
  done
  sorted=($(printf '%s\n' "${times[@]}" | sort -n))
  echo "${sorted[$((runs / 2))]} [${sorted[0]}–${sorted[$((runs - 1))]}] ms"
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)   runs per figure: $runs"
printf '%-34s %-26s %s\n' "command" "AOT cache" "without (BATON_AOT=off)"
for cmd in "plan" "status" "tools"; do
  if [ "$cmd" = plan ]; then args=(plan "$request"); else args=("$cmd"); fi
  with="$(figures "$baton" "${args[@]}")"
  without="$(BATON_AOT=off figures "$baton" "${args[@]}")"
  printf '%-34s %-26s %s\n' "baton ${cmd}$([ "$cmd" = plan ] && echo ' "…"')" "$with" "$without"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
