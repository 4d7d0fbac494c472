#!/usr/bin/env bash
# Starts what the tests need, idempotently: PostgreSQL on 127.0.0.1:5432 with trust
# authentication for local connections and a database named test (set up here on a fresh
# cluster). Radicale is started by the tests themselves on a free port; here we only check it is
# installed.
set -euo pipefail
sudo=""
if [ "$(id -u)" != "0" ] && command -v sudo >/dev/null 2>&1; then sudo="sudo"; fi
if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  if [ -n "$version" ]; then
    hba="/etc/postgresql/$version/main/pg_hba.conf"
    # why: the tests connect as postgres over 127.0.0.1 without a password
    if [ -f "$hba" ] && ! grep -qE '^host[[:space:]]+all[[:space:]]+all[[:space:]]+127\.0\.0\.1/32[[:space:]]+trust' "$hba"; then
      $sudo cp "$hba" "$hba.before-baton"
      { echo "local all all trust"; echo "host all all 127.0.0.1/32 trust"; \
        echo "host all all ::1/128 trust"; grep -vE '^(local|host)[[:space:]]' "$hba.before-baton"; } \
        | $sudo tee "$hba" >/dev/null
      if pg_ctlcluster "$version" main status >/dev/null 2>&1; then
        $sudo pg_ctlcluster --skip-systemctl-redirect "$version" main reload
      fi
    fi
    if ! pg_ctlcluster "$version" main status >/dev/null 2>&1; then
      $sudo pg_ctlcluster --skip-systemctl-redirect "$version" main start
    fi
  fi
fi
for i in $(seq 1 30); do
  if (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then break; fi
  sleep 1
done
if ! (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then
  echo "PostgreSQL is not answering on 127.0.0.1:5432; the store tests need it." >&2
  exit 1
fi
if command -v psql >/dev/null 2>&1; then
  if ! psql -h 127.0.0.1 -U postgres -d postgres -tAc "select 1 from pg_database where datname='test'" 2>/dev/null | grep -q 1; then
    psql -h 127.0.0.1 -U postgres -d postgres -qc "create database test" >/dev/null
  fi
fi
if ! command -v radicale >/dev/null 2>&1 && ! python3 -c 'import radicale' 2>/dev/null; then
  echo "Radicale is not installed; the CalDAV/CardDAV tests need it: apt-get install -y radicale" >&2
  exit 1
fi
# MCP test servers (npm, versions pinned by scripts/mcp-test-servers/package-lock.json): installed
# once into that folder's node_modules, which the baton-connect tests run with node.
mcp="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/mcp-test-servers"
if [ ! -x "$mcp/node_modules/.bin/mcp-server-filesystem" ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "npm is not installed; the MCP tests need it: apt-get install -y nodejs npm" >&2
    exit 1
  fi
  (cd "$mcp" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
