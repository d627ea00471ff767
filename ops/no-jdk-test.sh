#!/usr/bin/env bash
# Proves the dist archive runs on a machine without any JDK: unpacks it as the Ansible role does
# (/opt/classcord/current -> a release directory), then, in a private mount namespace where
# /usr/lib/jvm is an empty directory, the release is read-only and /tmp is a read-only empty
# file system, runs bin/classcord with the AOT cache required, talks to it over TCP
# (modules/dist/src/build/training-session.sh) and stops it with SIGTERM. Needs root (unshare -m).
# Build first: ./mvnw -B -DskipTests package
#   ops/no-jdk-test.sh [ARCHIVE]
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=SCRIPTDIR/lib/ready-line.sh
source "$repo/ops/lib/ready-line.sh"

if [[ "${1:-}" == "--inside" ]]; then
    # In the private mount namespace: hide every JDK, freeze the release, empty /tmp.
    root=$2
    release=$(readlink -f "$root/opt/current")
    mount --make-rprivate /
    mkdir -p "$root/empty"
    mount --bind "$root/empty" /usr/lib/jvm
    mount --bind "$release" "$release"
    mount -o remount,bind,ro "$release"
    mount -t tmpfs -o ro,size=1m tmpfs /tmp
    if command -v java >/dev/null && java -version >/dev/null 2>&1; then
        echo "no-jdk-test: a java is still reachable: $(command -v java)" >&2
        exit 1
    fi
    if touch "$release/probe" 2>/dev/null; then
        echo "no-jdk-test: the release directory is writable" >&2
        exit 1
    fi
    "$root/usr/bin/classcord" help >/dev/null
    cd "$root/var"
    # AOTMode=on: start-up fails if the cache made at build time cannot be used after unpacking.
    CLASSCORD_JAVA_OPTS="-XX:AOTMode=on" "$root/usr/bin/classcord" --config "$root/etc/classcord.yaml" \
        > "$root/var/console.log" 2>&1 &
    server=$!
    port=$(classcord_await_ready "$root/var/console.log" "$server" || true)
    status=0
    if [[ -z "$port" ]]; then
        echo "no-jdk-test: the server did not start" >&2
        status=1
    else
        # The JVM is the launcher's process (exec) and maps SQLite from the read-only release.
        grep -q "$release/lib/libsqlitejdbc.so" "/proc/$server/maps" \
            || { echo "no-jdk-test: libsqlitejdbc.so not loaded from $release/lib" >&2; status=1; }
        "$root/training-session.sh" 127.0.0.1 "$port" > "$root/var/session.log" \
            || { echo "no-jdk-test: the chat session failed:" >&2; cat "$root/var/session.log" >&2; status=1; }
    fi
    kill -TERM "$server" 2>/dev/null || true
    wait "$server" || { echo "no-jdk-test: the server exited with $?" >&2; status=1; }
    ((status == 0)) || cat "$root/var/console.log" >&2
    exit "$status"
fi

archive=$(readlink -f "${1:-$(ls "$repo"/modules/dist/target/classcord-*-linux-x64.tar.gz)}")
root=$(mktemp -d /var/tmp/classcord-nojdk.XXXXXX)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/opt/releases" "$root/etc" "$root/var" "$root/usr/bin"
# A copy: the repository may be under /tmp, which the test hides.
install -m 755 "$repo/modules/dist/src/build/training-session.sh" "$root/training-session.sh"
tar -C "$root/opt/releases" -xzf "$archive"
ln -s "releases/$(tar -tzf "$archive" | head -n 1 | cut -d/ -f1)" "$root/opt/current"
# A launcher reached through two symlinks, as from /usr/local/bin.
ln -s "$root/opt/current/bin/classcord" "$root/usr/bin/classcord"
cat > "$root/etc/classcord.yaml" <<YAML
classcord:
  chat:
    host: "127.0.0.1"
    port: 0
  storage:
    path: "$root/var/data/classcord.db"
  logging:
    dir: "$root/var/logs"
YAML
unshare -m "$0" --inside "$root"
echo "no-jdk-test: OK: $(basename "$archive") ran with no JDK, a read-only release and /tmp, AOT cache in use"
