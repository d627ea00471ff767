#!/usr/bin/env bash
# Runs issue 12's chat workloads against Classcord's shipped runtime image, ngircd and inspircd
# (Debian's packages), each alone on 127.0.0.1 on a free port, and writes the "## Chat load" section
# of docs/performance.md.
#
#   bench/compare.sh                       # everything (about 20 minutes on 2 cores)
#   WORKLOADS="W1 W2" bench/compare.sh     # a subset (W1 W2 W2x W3 W3a W4)
#   SERVERS="classcord ngircd" bench/compare.sh
#   SKIP_BUILD=1 bench/compare.sh          # the image already built by ./mvnw -B -DskipTests package
#   MODES=cold bench/compare.sh            # Classcord cold only (default: "cold warm")
#   CLASSCORD_JAVA_OPTS=-Xmx256m bench/compare.sh   # passed to the image's launcher, after its defaults
#   ARGON2_MEMORY_KIB=1024 ARGON2_ITERATIONS=1 bench/compare.sh   # Classcord's password cost (not W3a's)
#   MESSAGES_PER_SECOND=20 MESSAGE_BURST=40 bench/compare.sh       # Classcord's rate limit (default: raised)
#
# Classcord is modules/dist/target/classcord-image/bin/classcord --config FILE with the launcher's own
# JVM options (plus CLASSCORD_JAVA_OPTS if the caller set it), persistence on (SQLite, synchronous
# FULL), the production Argon2id cost except in W3a, and per-message logging. Each workload runs on a
# freshly started server, "cold" (recorded at once) and "warm" (after an unrecorded W1 round); the
# peers (native code) run cold only. Servers are started by this script and stopped by their PID;
# nothing listens beyond 127.0.0.1. Flood limits are raised on every server (the workloads are floods
# by design).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
IMAGE=$ROOT/modules/dist/target/classcord-image
WORKLOADS=${WORKLOADS:-"W1 W2 W2x W3 W3a W4"}
SERVERS=${SERVERS:-"classcord ngircd inspircd"}
MODES=${MODES:-"cold warm"}
RUN_DIR=${RUN_DIR:-$(mktemp -d /tmp/classcord-compare.XXXXXX)}
RESULTS=$RUN_DIR/results
DOC=$ROOT/docs/performance.md
ARGON2_MEMORY_KIB=${ARGON2_MEMORY_KIB:-19456}
ARGON2_ITERATIONS=${ARGON2_ITERATIONS:-2}
# W3a's cheap hash: the least Argon2Params accepts (8 KiB per lane, one pass), so that the storm
# measures logins and joins, not the hash.
CHEAP_ARGON2_MEMORY_KIB=8
CHEAP_ARGON2_ITERATIONS=1
MESSAGES_PER_SECOND=${MESSAGES_PER_SECOND:-1000000}
MESSAGE_BURST=${MESSAGE_BURST:-1000000}
# The load generator holds W2x's 5000 clients and their trackers.
BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS:-"-Xmx2g -Xss512k"}
# How long the server idles after its chat port accepts before its idle RSS is read.
IDLE_SECONDS=2
mkdir -p "$RESULTS"

install_peers() {
  local missing=()
  case " $SERVERS " in *" ngircd "*) command -v ngircd >/dev/null || missing+=(ngircd) ;; esac
  case " $SERVERS " in *" inspircd "*) command -v inspircd >/dev/null || missing+=(inspircd) ;; esac
  if [ ${#missing[@]} -gt 0 ]; then
    echo "== installing ${missing[*]} from Debian's archive"
    apt-get update -qq
    # policy-rc.d (if present) keeps the packages' own services from starting.
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

build() {
  if [ "${SKIP_BUILD:-0}" = 1 ]; then
    echo "== SKIP_BUILD=1: using the image in $IMAGE"
  else
    echo "== building the runtime image"
    (cd "$ROOT" && ./mvnw -B -q -DskipTests package)
  fi
  if [ ! -x "$IMAGE/bin/classcord" ] || [ ! -x "$IMAGE/bin/classcord-bench" ]; then
    echo "compare.sh: no runtime image in $IMAGE (build it: ./mvnw -B -DskipTests package)" >&2
    exit 1
  fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Prints the milliseconds from $3 (launch, ns since the epoch) until 127.0.0.1:$1 accepts a connection,
# polled every 5 ms; fails if process $2 dies or after 60 s.
await_port() {
  python3 - "$@" <<'PY'
import socket, sys, time
port, pid, launched = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
deadline = time.monotonic() + 60
while True:
    with socket.socket() as s:
        try:
            s.connect(("127.0.0.1", port))
            print(f"{(time.time_ns() - launched) / 1e6:.0f}")
            sys.exit(0)
        except OSError:
            pass
    try:
        with open(f"/proc/{pid}/stat") as stat:
            alive = stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        alive = False
    if not alive:
        sys.exit(f"compare.sh: server {pid} died before listening on {port}")
    if time.monotonic() > deadline:
        sys.exit(f"compare.sh: nothing listens on {port} after 60 s")
    time.sleep(0.005)
PY
}

rss_mib() {
  awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"
}

start_classcord() {
  local dir=$RUN_DIR/classcord port=$1 workload=$2 memory=$ARGON2_MEMORY_KIB iterations=$ARGON2_ITERATIONS
  if [ "$workload" = W3a ]; then memory=$CHEAP_ARGON2_MEMORY_KIB; iterations=$CHEAP_ARGON2_ITERATIONS; fi
  mkdir -p "$dir"
  cat > "$dir/bench.yaml" <<YAML
classcord:
  chat:
    host: "127.0.0.1"
    port: $port
    # Flood limits raised as for the IRC servers: every workload is a flood by design.
    messages-per-second: $MESSAGES_PER_SECOND
    message-burst: $MESSAGE_BURST
    max-connections-per-ip: 0
    max-anonymous-per-ip: 0
    outbound-queue-bytes: 16777216
    outbound-total-bytes: 134217728
    # W3 and W3a create their accounts and rooms from one address.
    registrations-per-ip-per-minute: 1000000
    registrations-per-minute: 1000000
    channel-creations-per-ip-per-minute: 1000
    channel-creations-per-minute: 1000
  storage:
    path: "$dir/data/classcord.db"
    synchronous: "FULL"
    argon2:
      memory-kib: $memory
      iterations: $iterations
      parallelism: 1
  admin:
    # As shipped (enabled), on a free port: 8080 may be taken on this machine.
    port: 0
  logging:
    dir: "$dir/logs"
    console: false
YAML
  # Only CLASSCORD_JAVA_OPTS reaches the server: other CLASSCORD_* variables would override bench.yaml.
  local scrub=() name
  for name in $(compgen -e); do
    case $name in CLASSCORD_JAVA_OPTS) ;; CLASSCORD_*) scrub+=(-u "$name") ;; esac
  done
  env ${scrub[@]+"${scrub[@]}"} "$IMAGE/bin/classcord" --config "$dir/bench.yaml" > "$dir/console.log" 2>&1 &
  echo $!
}

start_ngircd() {
  local dir=$RUN_DIR/ngircd port=$1
  mkdir -p "$dir"
  cat > "$dir/ngircd.conf" <<CONF
[Global]
  Name = bench.ngircd.local
  Info = classcord comparison
  Listen = 127.0.0.1
  Ports = $port
  MotdPhrase = bench
[Limits]
  MaxConnections = 0
  MaxConnectionsIP = 0
  MaxJoins = 0
  MaxPenaltyTime = 0
  PingTimeout = 600
  PongTimeout = 600
[Options]
  DNS = no
  Ident = no
  PAM = no
CONF
  ngircd -n -f "$dir/ngircd.conf" > "$dir/console.log" 2>&1 &
  echo $!
}

start_inspircd() {
  local dir=$RUN_DIR/inspircd port=$1
  mkdir -p "$dir"
  cat > "$dir/inspircd.conf" <<CONF
<server name="bench.inspircd.local" description="classcord comparison" network="Bench">
<admin name="bench" nick="bench" email="bench@localhost">
<bind address="127.0.0.1" port="$port" type="clients">
<path configdir="$dir" datadir="$dir" logdir="$dir" moduledir="/usr/lib/inspircd/modules">
<pid file="$dir/inspircd.pid">
<connect name="bench" allow="*" maxchans="100" timeout="60" pingfreq="600" hardsendq="1048576000" softsendq="104857600"
         recvq="10485760" threshold="100000000" commandrate="100000000" fakelag="no" localmax="100000" globalmax="100000"
         limit="100000" useident="no" resolvehostnames="no" maxconnwarn="no">
<performance softlimit="20000" somaxconn="4096" clonesonconnect="no" quietbursts="yes">
<security hidesplits="yes" announceinvites="none">
<options allowzerolimit="no">
<dns timeout="1">
CONF
  inspircd --nofork --runasroot --nopid --config="$dir/inspircd.conf" > "$dir/console.log" 2>&1 &
  echo $!
}

stop_server() {
  local pid=$1
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
}

bench() {
  local server=$1 protocol=$2 port=$3 pid=$4 workload=$5 json=$6
  shift 6
  CLASSCORD_JAVA_OPTS=$BENCH_JAVA_OPTS "$IMAGE/bin/classcord-bench" \
      --protocol "$protocol" --port "$port" --workload "$workload" --server-pid "$pid" --label "$server" \
      --time-limit 240 ${json:+--json "$json"} "$@" || true
}

run_workload() {
  local server=$1 workload=$2 mode=$3 port pid protocol=irc launched first_ms idle_rss
  port=$(free_port)
  [ "$server" = classcord ] && protocol=classcord
  echo "== $workload ($mode): $server on 127.0.0.1:$port"
  # A fresh process per workload and mode: memory left over by one run must not count in the next.
  rm -rf "${RUN_DIR:?}/$server"
  launched=$(date +%s%N)
  pid=$(start_"$server" "$port" "$workload")
  trap 'stop_server '"$pid" EXIT
  first_ms=$(await_port "$port" "$pid" "$launched")
  sleep "$IDLE_SECONDS"
  idle_rss=$(rss_mib "$pid")
  printf '{"firstConnectMs": %s, "idleRssMiB": %s}\n' "$first_ms" "$idle_rss" \
      > "$RESULTS/$server-$workload-$mode.start"
  if [ "$mode" = warm ]; then
    # One unrecorded round of 870,000 deliveries: what the JIT of a Java server needs to settle.
    bench "$server" "$protocol" "$port" "$pid" W1 "" --messages 1000 > /dev/null
  fi
  # Peak RSS (VmHWM) from here on: the recorded run's, not start-up's or the warm-up's.
  echo 5 > "/proc/$pid/clear_refs"
  bench "$server" "$protocol" "$port" "$pid" "$workload" "$RESULTS/$server-$workload-$mode.json" \
      | sed "s/\$/ mode=$mode first_connect=${first_ms}ms idle_rss=${idle_rss}MiB/" | tee -a "$RESULTS/summary.txt"
  stop_server "$pid"
  trap - EXIT
}

install_peers
build
ulimit -n 65536 2>/dev/null || true
for workload in $WORKLOADS; do
  for server in $SERVERS; do
    if [ "$server" != classcord ] && [ "$workload" = W3a ]; then
      continue  # IRC has no accounts: W3 is their storm.
    fi
    modes=cold
    [ "$server" = classcord ] && modes=$MODES
    for mode in $modes; do
      run_workload "$server" "$workload" "$mode"
    done
  done
done
{
  echo "cores=$(nproc)"
  echo "kernel=$(uname -r)"
  echo "ngircd=$(ngircd --version 2>/dev/null | head -1 | cut -d' ' -f1-2 || true)"
  echo "inspircd=$(dpkg-query -W -f='${Version}' inspircd 2>/dev/null || true)"
  echo "argon2_kib=$ARGON2_MEMORY_KIB"
  echo "argon2_iterations=$ARGON2_ITERATIONS"
  echo "cheap_argon2_kib=$CHEAP_ARGON2_MEMORY_KIB"
  echo "cheap_argon2_iterations=$CHEAP_ARGON2_ITERATIONS"
  echo "rate=$MESSAGES_PER_SECOND"
  echo "java_opts=${CLASSCORD_JAVA_OPTS:-}"
  echo "launcher=$IMAGE/bin/classcord"
  echo "aot_cache=$([ -f "$IMAGE/lib/classcord.aot" ] && echo yes || echo no)"
  echo "idle_seconds=$IDLE_SECONDS"
} > "$RESULTS/run.meta"
python3 "$ROOT/bench/report.py" "$RESULTS" "$DOC"
echo "== results in $RESULTS; table written to $DOC"
