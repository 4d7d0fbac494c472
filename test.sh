#!/usr/bin/env bash
# Runs every test. Installs what the tests need when it is missing (Maven, Radicale, PostgreSQL;
# apt-get, as root or with sudo), starts PostgreSQL on 127.0.0.1:5432 if it is stopped, then runs
# the Maven build. Any Maven arguments pass through (./test.sh -pl baton-core).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$here/scripts/install-test-deps.sh"
# shellcheck source=scripts/find-java.sh
. "$here/scripts/find-java.sh"
find_java_home || exit 1
"$here/scripts/start-services.sh"
cd "$here"
exec mvn -B -ntp verify "$@"
