#!/usr/bin/env bash
# Installs what the tests need when it is missing, so that ./test.sh passes on a fresh machine:
# Maven, Radicale (CalDAV/CardDAV tests), PostgreSQL (store tests), promtool and wrk (server),
# node and npm (MCP and AG-UI tests), chromium and chromium-driver (dashboard). Debian/Ubuntu (apt-get);
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
# the MCP tests run the npm reference servers (scripts/mcp-test-servers, installed by
# start-services.sh) with the machine's node; the server's AG-UI test: node and npm, then the npm client (@ag-ui/client) beside the test
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)
agui_client() {
  local dir
  dir="$(cd "$(dirname "$0")/.." && pwd)/baton-server/src/test/agui"
  if [ -f "$dir/package-lock.json" ] && [ ! -d "$dir/node_modules/@ag-ui/client" ]; then
    if [ "${BATON_SKIP_INSTALL:-}" = "1" ]; then
      echo "The tests need the npm packages in $dir (npm ci there, or unset BATON_SKIP_INSTALL)." >&2
      exit 1
    fi
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
}
# the dashboard's browser tests (issue 9): Debian chromium driven by chromium-driver; axe-core
# from npm, installed into baton-dashboard/src/test/axe/node_modules (pinned by its lock file)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
dashboard_npm() {
  local dir
  dir="$(cd "$(dirname "$0")/.." && pwd)/baton-dashboard/src/test/axe"
  if [ ! -f "$dir/node_modules/axe-core/axe.min.js" ]; then
    if [ "${BATON_SKIP_INSTALL:-}" = "1" ]; then
      echo "The tests need the npm packages in $dir (npm ci there, or unset BATON_SKIP_INSTALL)." >&2
      exit 1
    fi
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
}
[ ${#need[@]} -eq 0 ] && { agui_client; dashboard_npm; exit 0; }
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
agui_client
dashboard_npm
