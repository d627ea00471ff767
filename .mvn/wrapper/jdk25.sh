# shellcheck shell=sh
# Sourced by ./mvnw before Apache's wrapper code: Maven has to run on a JDK 25 (not just compile for
# it), since its compiler, jar and jlink steps read Java 25 class files with the running JDK's tools.
# Order: $JAVA_HOME if it is a JDK 25 or newer, then the JDKs under /usr/lib/jvm (Debian, Temurin
# packages) and /opt, newest first. POSIX sh: ./mvnw runs under /bin/sh.

classcord_jdk_major() {
    if [ -x "$1/bin/javac" ] && [ -r "$1/release" ]; then
        sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" | head -n 1
    else
        echo 0
    fi
}

classcord_pick_jdk() {
    if [ -n "${JAVA_HOME-}" ] && [ "$(classcord_jdk_major "$JAVA_HOME")" -ge 25 ] 2>/dev/null; then
        echo "$JAVA_HOME"
        return
    fi
    best="" best_major=0
    for dir in /usr/lib/jvm/* /opt/java/* /opt/jdk*; do
        [ -d "$dir" ] || continue
        major=$(classcord_jdk_major "$dir")
        if [ -n "$major" ] && [ "$major" -ge 25 ] && [ "$major" -gt "$best_major" ]; then
            best="$dir"
            best_major="$major"
        fi
    done
    echo "$best"
}

classcord_jdk=$(classcord_pick_jdk)
if [ -z "$classcord_jdk" ]; then
    echo "mvnw: Classcord needs a JDK 25 (e.g. Temurin 25 in /usr/lib/jvm/temurin-25-jdk-amd64)." >&2
    echo "mvnw: none found in \$JAVA_HOME, /usr/lib/jvm or /opt; install one or set JAVA_HOME to it." >&2
    exit 1
fi
export JAVA_HOME="$classcord_jdk"
export PATH="$classcord_jdk/bin:$PATH"
unset classcord_jdk
