# Sourced by ./mtasts and ./run-tests: finds a JDK >= 21 and exports JAVA_HOME.
# Order: $JAVA_HOME, the java on PATH, then the JDKs under /usr/lib/jvm and /opt (newest first).

mtasts_java_major() {
    # prints the major version of the java binary given, or nothing
    "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

mtasts_find_jdk() {
    local candidate major
    local candidates=()
    [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
    if command -v javac >/dev/null 2>&1; then
        candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
    fi
    for candidate in $(ls -d /usr/lib/jvm/*/ /opt/*jdk*/ /opt/java/*/ 2>/dev/null | sort -rV); do
        candidates+=("${candidate%/}")
    done
    for candidate in "${candidates[@]}"; do
        [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
        major=$(mtasts_java_major "$candidate/bin/java")
        if [ -n "$major" ] && [ "$major" -ge 21 ]; then
            export JAVA_HOME="$candidate"
            return 0
        fi
    done
    echo "mtasts: no JDK 21 or newer found (looked at \$JAVA_HOME, PATH, /usr/lib/jvm, /opt); install one, e.g. apt-get install openjdk-21-jdk" >&2
    return 1
}
