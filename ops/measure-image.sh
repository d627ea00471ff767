#!/usr/bin/env bash
# Measures the runtime image: size and what each module costs in it; time from launch to the chat
# port accepting and to the first answered request, RSS at idle, with and without the AOT cache,
# medians of RUNS runs (default 7). Prints the Markdown tables of docs/performance.md.
# Build first: ./mvnw -B -DskipTests package
#   ops/measure-image.sh [IMAGE_DIR] [ARCHIVE]
set -euo pipefail
cd "$(dirname "$0")/.."
image=$(readlink -f "${1:-modules/dist/target/classcord-image}")
archive=${2:-$(ls modules/dist/target/classcord-*-linux-x64.tar.gz)}
runs=${RUNS:-7}
[[ -x "$image/bin/classcord" ]] || { echo "measure-image: no image at $image (build it first)" >&2; exit 1; }

work=$(mktemp -d)
server=""
cleanup() {
    [[ -n "$server" ]] && kill -TERM "$server" 2>/dev/null && wait "$server" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

# The polling loops below run beside a starting server on the same cores: they start no process
# (date, sleep) each turn, so as not to compete with the start they measure.
# now_ms VAR: sets VAR to the milliseconds since the epoch.
now_ms() { local micros=${EPOCHREALTIME/[.,]/}; printf -v "$1" '%d' $((micros / 1000)); }
# nap: waits 5 ms, reading a FIFO that never gets a line.
mkfifo "$work/nap"
exec {nap_fd}<>"$work/nap"
nap() { read -rt 0.005 -u "$nap_fd" || true; }
median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }

# free_port: a loopback port nothing listens on now.
free_port() {
    local port
    while :; do
        port=$((20000 + RANDOM % 20000))
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
    done
}

# one_run JAVA_OPTS: prints "ms_to_accept ms_to_pong rss_kib ms_to_health" for a fresh server and database.
one_run() {
    local opts=$1 dir port admin start accepted answered healthy line rss
    dir=$(mktemp -d "$work/run.XXXX")
    port=$(free_port)
    admin=$(free_port)
    printf 'classcord:\n  chat:\n    host: "127.0.0.1"\n    port: %s\n  admin:\n    port: %s\n    token-file: "%s/admin.token"\n  storage:\n    path: "%s/data/classcord.db"\n  logging:\n    dir: "%s/logs"\n' \
        "$port" "$admin" "$dir" "$dir" "$dir" > "$dir/config.yaml"
    local now
    now_ms start
    CLASSCORD_JAVA_OPTS="$opts" "$image/bin/classcord" --config "$dir/config.yaml" > "$dir/console.log" 2>&1 &
    server=$!
    local deadline=$((start + 30000))
    until exec 3<>"/dev/tcp/127.0.0.1/$port"; do
        now_ms now
        ((now < deadline)) && kill -0 "$server" || { cat "$dir/console.log" >&2; return 1; }
        nap
    done 2>/dev/null
    now_ms accepted
    printf '{"type":"ping","id":"1"}\n' >&3
    IFS= read -r -t 10 -u 3 line && [[ $line == *pong* ]] || { echo "measure-image: no pong: $line" >&2; return 1; }
    now_ms answered
    exec 3>&-
    # curl is a process, but started only once the chat port answers.
    until [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$admin/health") == 200 ]]; do
        now_ms now
        ((now < deadline)) || { echo "measure-image: /health never answered 200" >&2; return 1; }
        nap
    done
    now_ms healthy
    # Idle: the connection is gone, nothing else to do; give start-up work (JIT, GC) time to settle.
    sleep 5
    rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$server/status")
    kill -TERM "$server"
    wait "$server" || true
    server=""
    echo "$((accepted - start)) $((answered - start)) $rss $((healthy - start))"
}

# measure LABEL JAVA_OPTS: one table row from RUNS runs (plus one warm-up run for the page cache).
measure() {
    local label=$1 opts=$2 results
    one_run "$opts" > /dev/null
    results=$(for _ in $(seq "$runs"); do one_run "$opts"; done)
    printf '| %s | %s ms | %s ms | %s ms | %s MiB |\n' "$label" \
        "$(cut -d' ' -f1 <<< "$results" | median)" \
        "$(cut -d' ' -f2 <<< "$results" | median)" \
        "$(cut -d' ' -f4 <<< "$results" | median)" \
        "$(($(cut -d' ' -f3 <<< "$results" | median) / 1024))"
}

mib() { awk -v b="$1" 'BEGIN {printf "%.1f MiB", b / 1048576}'; }

# module_costs: what each module or group takes in the image without its AOT cache. lib/modules
# entries count as stored there (zip-6 compressed), read by a JDK 25's jimage, as the image has none.
module_costs() {
    local jimage
    jimage=$(. .mvn/wrapper/jdk25.sh >/dev/null && echo "$JAVA_HOME/bin/jimage")
    "$jimage" list --verbose "$image/lib/modules" | awk \
        -v modules="$(stat -c %s "$image/lib/modules")" -v jvm="$(stat -c %s "$image/lib/server/libjvm.so")" \
        -v sqlite="$(stat -c %s "$image/lib/libsqlitejdbc.so")" -v rest="$(($(du -sb "$image" | cut -f1) - aot))" '
        function group(m) {
            if (m ~ /^io\.classcord\./) return "Classcord (io.classcord.*)"
            if (m == "java.base" || m == "java.desktop" || m == "java.xml") return m
            if (m ~ /^(java|jdk)\./) { other_jdk[m] = 1; return "other JDK modules" }
            if (m ~ /^io\.helidon/) return "Helidon (config, DbClient, WebServer, metrics API)"
            if (m ~ /^(micrometer|simpleclient|HdrHistogram|LatencyUtils)/) return "Micrometer, Prometheus client, HdrHistogram"
            if (m == "com.ibm.icu") return "ICU4J (com.ibm.icu)"
            if (m ~ /^org\.bouncycastle/) return "Bouncy Castle (org.bouncycastle.provider)"
            if (m == "org.xerial.sqlitejdbc") return "SQLite JDBC driver (classes)"
            if (m ~ /^(jakarta\.json|org\.eclipse\.(parsson|yasson))/) return "JSON-P, JSON-B (Parsson, Yasson)"
            return "other libraries (SnakeYAML, picocli, HikariCP, SLF4J)"
        }
        /^Module: / { module = $2; next }
        $1 ~ /^[0-9]+$/ && NF >= 4 { stored = $3 > 0 ? $3 : $2; size[group(module)] += stored; entries += stored }
        END {
            n = 0; for (m in other_jdk) n++
            for (g in size) {
                label = g == "other JDK modules" ? g " (" n ")" : g
                printf "| `lib/modules`: %s | %.1f MiB |\n", label, size[g] / 1048576 | "sort -t\"|\" -k3 -rn"
            }
            close("sort -t\"|\" -k3 -rn")
            printf "| `lib/modules`: index and headers | %.1f MiB |\n", (modules - entries) / 1048576
            printf "| `lib/server/libjvm.so` (HotSpot) | %.1f MiB |\n", jvm / 1048576
            printf "| `lib/libsqlitejdbc.so` (SQLite) | %.1f MiB |\n", sqlite / 1048576
            printf "| the rest: other native libraries, `bin/`, `conf/`, `legal/` | %.1f MiB |\n", (rest - modules - jvm - sqlite) / 1048576
        }'
}

total=$(du -sb "$image" | cut -f1)
aot=$(stat -c %s "$image/lib/classcord.aot" 2>/dev/null || echo 0)
echo "Image $image, $(nproc) cores, $(awk '/MemTotal/ {print int($2/1048576)}' /proc/meminfo) GiB, medians of $runs runs"
echo
echo "| image | size |"
echo "| --- | --- |"
echo "| uncompressed, with the AOT cache | $(mib "$total") |"
echo "| uncompressed, without the AOT cache (lib/classcord.aot: $(mib "$aot")) | $(mib $((total - aot))) |"
echo "| $(basename "$archive") | $(mib "$(stat -c %s "$archive")") |"
echo
echo "| part of the image without its AOT cache | size |"
echo "| --- | --- |"
module_costs
echo
echo "| start-up | launch to chat port accepting | launch to first answer (ping) | launch to /health 200 | RSS at idle |"
echo "| --- | --- | --- | --- | --- |"
measure "with the AOT cache" ""
measure "without (-XX:AOTMode=off)" "-XX:AOTMode=off"
