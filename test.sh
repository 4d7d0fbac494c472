#!/usr/bin/env bash
# Runs every test. Needs PostgreSQL on 127.0.0.1:5432 (started here if installed but stopped) and
# Radicale (apt-get install -y radicale). .ci/run installs both on a fresh machine.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/find-java.sh
. "$here/scripts/find-java.sh"
find_java_home || exit 1
"$here/scripts/start-services.sh"
cd "$here"
exec mvn -B -ntp verify "$@"
