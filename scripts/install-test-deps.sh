#!/usr/bin/env bash
# Installs what the tests need when it is missing, so that ./test.sh passes on a fresh machine:
# Maven, Radicale (CalDAV/CardDAV tests), PostgreSQL (store tests), promtool and wrk (server). Debian/Ubuntu (apt-get);
# needs root (or sudo) only when something is missing. Idempotent: with everything present it
# changes nothing. Set BATON_SKIP_INSTALL=1 to only check.
set -euo pipefail
need=()
command -v mvn >/dev/null 2>&1 || need+=(maven)
command -v radicale >/dev/null 2>&1 || python3 -c 'import radicale' 2>/dev/null || need+=(radicale)
command -v pg_ctlcluster >/dev/null 2>&1 || need+=(postgresql)
# the server's tests (issue 8): promtool checks /metrics; wrk is the load tool of BENCHMARKS.md
command -v promtool >/dev/null 2>&1 || need+=(prometheus)
command -v wrk >/dev/null 2>&1 || need+=(wrk)
# the dashboard's browser tests (issue 9): Debian chromium driven by chromium-driver; axe-core
# from npm, installed into baton-dashboard/src/test/axe/node_modules (pinned by its lock file)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
command -v npm >/dev/null 2>&1 || need+=(npm)
axe_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/baton-dashboard/src/test/axe"
dashboard_npm() {
  if [ ! -f "$axe_dir/node_modules/axe-core/axe.min.js" ] && [ "${BATON_SKIP_INSTALL:-}" != "1" ]; then
    (cd "$axe_dir" && npm ci --no-audit --no-fund --silent)
  fi
}
[ ${#need[@]} -eq 0 ] && { dashboard_npm; exit 0; }
if [ "${BATON_SKIP_INSTALL:-}" = "1" ]; then
  echo "The tests need: ${need[*]} (install them, or unset BATON_SKIP_INSTALL)." >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "The tests need: ${need[*]}; install them with your package manager." >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "The tests need: ${need[*]}; run as root or install them: apt-get install -y ${need[*]}" >&2
    exit 1
  fi
fi
echo "Installing what the tests need: ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq "${need[@]}" >/dev/null
dashboard_npm
