# Sourced by ./baton and ./test.sh: sets JAVA_HOME to a JDK 21 or later, or explains what is missing.
java_major() {
  # why: reading the JDK's release file is instant; starting a JVM for -version costs 0.1-0.5 s on
  # every launch
  local release v
  release="$(dirname "$(dirname "$1")")/release"
  if [ -f "$release" ]; then
    v="$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$release")"
    v="${v#1.}"
    v="${v%%[!0-9]*}"
    if [ -n "$v" ]; then
      echo "$v"
      return
    fi
  fi
  "$1" -version 2>&1 | awk -F'"' '/version/ {split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit}'
}

find_java_home() {
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  # why: the machine's default java may be 17; prefer Temurin 25, then any newer JDK installed
  for d in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-2[1-9]* /usr/lib/jvm/*; do
    [ -d "$d" ] && candidates+=("$d")
  done
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for home in "${candidates[@]}"; do
    if [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ]; then
      local major
      major=$(java_major "$home/bin/java")
      if [ -n "$major" ] && [ "$major" -ge 21 ]; then
        export JAVA_HOME="$home"
        # why: Maven 3.8's bundled Guava warns on every start under JDK 24+ unless this is allowed
        if [ "$major" -ge 24 ]; then
          export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
        fi
        return 0
      fi
    fi
  done
  echo "Baton needs a JDK 21 or later (Temurin 25 is what we test with)." >&2
  echo "Set JAVA_HOME to one, or install it under /usr/lib/jvm." >&2
  return 1
}
