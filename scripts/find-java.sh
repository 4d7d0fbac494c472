# Sourced by ./baton and ./test.sh: sets JAVA_HOME to a JDK 21 or later, or explains what is missing.
# why: ./baton runs this before every command, and on a busy machine each process it starts
# (dirname, sed, a $(...) subshell) costs 5-15 ms; so the usual path starts none: bash's own
# expansions and reads only.

# Sets java_major_value to the major version of the java at $1 ("" when it cannot tell).
read_java_major() {
  # why: reading the JDK's release file is instant; starting a JVM for -version costs 0.1-0.5 s on
  # every launch
  local release line v=""
  release="${1%/*}"
  release="${release%/*}/release"
  if [ -f "$release" ]; then
    while IFS= read -r line || [ -n "$line" ]; do
      case "$line" in
        JAVA_VERSION=\"*)
          v="${line#JAVA_VERSION=\"}"
          case "$v" in *\"*) v="${v%%\"*}" ;; *) v="" ;; esac
          break ;;
      esac
    done <"$release"
    v="${v#1.}"
    v="${v%%[!0-9]*}"
    if [ -n "$v" ]; then
      java_major_value="$v"
      return
    fi
  fi
  java_major_value="$("$1" -version 2>&1 \
    | awk -F'"' '/version/ {split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit}')"
}

# Prints the major version of the java at $1.
java_major() {
  local java_major_value
  read_java_major "$1"
  echo "$java_major_value"
}

# Whether $1 is a JDK 21 or later; if so, uses it (JAVA_HOME, java_major_value).
use_java_home() {
  local home="$1"
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 1
  read_java_major "$home/bin/java"
  if [ -n "$java_major_value" ] && [ "$java_major_value" -ge 21 ]; then
    export JAVA_HOME="$home"
    # why: Maven 3.8's bundled Guava warns on every start under JDK 24+ unless this is allowed
    if [ "$java_major_value" -ge 24 ]; then
      export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
    fi
    return 0
  fi
  return 1
}

# Sets JAVA_HOME (and java_major_value, its major version) to the first JDK 21+ it finds.
find_java_home() {
  local d java
  [ -n "${JAVA_HOME:-}" ] && use_java_home "$JAVA_HOME" && return 0
  # why: the machine's default java may be 17; prefer Temurin 25, then any newer JDK installed
  for d in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-2[1-9]* /usr/lib/jvm/*; do
    [ -d "$d" ] && use_java_home "$d" && return 0
  done
  if command -v java >/dev/null 2>&1; then
    java="$(readlink -f "$(command -v java)")"
    java="${java%/*}"
    use_java_home "${java%/*}" && return 0
  fi
  echo "Baton needs a JDK 21 or later (Temurin 25 is what we test with)." >&2
  echo "Set JAVA_HOME to one, or install it under /usr/lib/jvm." >&2
  return 1
}
