#!/usr/bin/env bash
# Recovery figures for BENCHMARKS.md: a `baton run` is stopped mid-step, and `baton recover` takes
# its execution over. Two cases, each RUNS times:
#   killed  - SIGKILL: the holder is provably gone (same host), so the takeover is immediate;
#   stopped - SIGSTOP: the holder still exists (its lease is live), so the takeover waits for the
#             lease (engine.lease-ttl, 15 s by default) to run out.
# Prints, per case, the median [min-max] of: stop -> running again (the RESUMED_AFTER_RESTART
# event), and the new process's main() -> running again (its JVM start excluded).
#   scripts/recovery-bench.sh [RUNS]     (default 5)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$here/scripts/find-java.sh"
find_java_home >/dev/null
runs="${1:-5}"
# why: through the launcher, as a person runs it (its start-up cache included)
export BATON_JAVA_OPTS="-Dbaton.startup.log=true"
java=("$here/baton")
work="$(mktemp -d)"
trap 'pkill -9 -f "$work" 2>/dev/null || true; rm -rf "$work"' EXIT
cat > "$work/plan.json" <<'PLAN'
{"steps":[{"id":"first","tool":"demo.sleep","args":{"millis":50}},
          {"id":"long","tool":"demo.sleep","args":{"millis":60000},"after":["first"]}]}
PLAN

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
iso_ms() { date -d "$1" +%s%3N; }

one() {  # case -> "stop_to_running main_to_running"
  local kind="$1" home="$work/home-$RANDOM"
  mkdir -p "$home"
  "${java[@]}" --home "$home" run --plan "$work/plan.json" --json --yes >"$home/first.out" 2>/dev/null &
  local pid=$!
  # why: the long step's own attempt must be on record (not only the first step's), or the new
  # process starts that step afresh and there is no takeover to time
  until grep -q '"type":"AttemptStarted".*"step":"long"' "$home/first.out" 2>/dev/null; do sleep 0.05; done
  local stopped
  if [ "$kind" = killed ]; then kill -9 "$pid"; else kill -STOP "$pid"; fi
  stopped=$(now_ms)
  "${java[@]}" --home "$home" recover --json >"$home/second.out" 2>"$home/second.err" &
  local rec=$!
  until grep -q RESUMED_AFTER_RESTART "$home/second.out" 2>/dev/null; do sleep 0.02; done
  local at main resumed
  at=$(grep RESUMED_AFTER_RESTART "$home/second.out" | head -1 | sed 's/.*"at":"\([^"]*\)".*/\1/')
  resumed=$(iso_ms "$at")
  main=$(grep '\] *[0-9]* ms  main' "$home/second.err" | sed 's/.*(at \([0-9]*\)).*/\1/')
  kill -9 "$rec" "$pid" 2>/dev/null || true
  wait 2>/dev/null || true
  echo "$((resumed - stopped)) $((resumed - main))"
}

stats() { sort -n | awk '{a[NR]=$1} END {printf "%d ms [%d-%d]", a[int((NR+1)/2)], a[1], a[NR]}'; }

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)   runs per case: $runs"
for kind in killed stopped; do
  : >"$work/$kind.txt"
  for _ in $(seq "$runs"); do one "$kind" >>"$work/$kind.txt"; done
  printf '%-8s stop -> running again: %s;  new process main() -> running again: %s\n' "$kind" \
    "$(cut -d' ' -f1 "$work/$kind.txt" | stats)" "$(cut -d' ' -f2 "$work/$kind.txt" | stats)"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
