#!/usr/bin/env bash
# Starts what the tests need, idempotently: PostgreSQL on 127.0.0.1:5432. Radicale is started by
# the tests themselves on a free port; here we only check it is installed.
set -euo pipefail
if command -v pg_ctlcluster >/dev/null 2>&1; then
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  if ! pg_ctlcluster "$version" main status >/dev/null 2>&1; then
    pg_ctlcluster --skip-systemctl-redirect "$version" main start
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
if ! command -v radicale >/dev/null 2>&1 && ! python3 -c 'import radicale' 2>/dev/null; then
  echo "Radicale is not installed; the CalDAV/CardDAV tests need it: apt-get install -y radicale" >&2
  exit 1
fi
