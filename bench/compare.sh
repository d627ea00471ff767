#!/usr/bin/env bash
# Runs the chat workloads W1..W4 against Classcord, ngircd and inspircd (Debian's packages), each
# alone on 127.0.0.1 on a free port, and writes the "## Chat load" section of docs/performance.md.
#
#   bench/compare.sh                       # everything (about 15 minutes on 2 cores)
#   WORKLOADS="W1 W2" bench/compare.sh     # a subset
#   SERVERS="classcord ngircd" bench/compare.sh
#   ARGON2_MEMORY_KIB=1024 ARGON2_ITERATIONS=1 bench/compare.sh   # Classcord's password cost for the run
#   MESSAGES_PER_SECOND=20 MESSAGE_BURST=40 bench/compare.sh       # Classcord's rate limit (default: raised)
#
# Servers are started by this script and stopped by their PID; nothing listens beyond 127.0.0.1.
# Flood limits are raised on every server (the workloads are floods by design). Classcord runs with
# persistence on (SQLite, synchronous FULL), the production Argon2id cost and per-message logging.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORKLOADS=${WORKLOADS:-"W1 W2 W2x W3 W4"}
SERVERS=${SERVERS:-"classcord ngircd inspircd"}
RUN_DIR=${RUN_DIR:-$(mktemp -d /tmp/classcord-compare.XXXXXX)}
RESULTS=$RUN_DIR/results
DOC=$ROOT/docs/performance.md
ARGON2_MEMORY_KIB=${ARGON2_MEMORY_KIB:-19456}
ARGON2_ITERATIONS=${ARGON2_ITERATIONS:-2}
MESSAGES_PER_SECOND=${MESSAGES_PER_SECOND:-1000000}
MESSAGE_BURST=${MESSAGE_BURST:-1000000}
mkdir -p "$RESULTS"

JAVA_HOME=${JAVA_HOME:-$(ls -d /usr/lib/jvm/*25* 2>/dev/null | head -1)}
JAVA=$JAVA_HOME/bin/java
[ -x "$JAVA" ] || { echo "compare.sh: no JDK 25 found (set JAVA_HOME)" >&2; exit 1; }

install_peers() {
  local missing=()
  command -v ngircd >/dev/null || missing+=(ngircd)
  command -v inspircd >/dev/null || missing+=(inspircd)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "== installing ${missing[*]} from Debian's archive"
    apt-get update -qq
    # policy-rc.d (if present) keeps the packages' own services from starting.
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

build() {
  echo "== building Classcord and the load generator"
  (cd "$ROOT" && ./mvnw -B -q -DskipTests package dependency:build-classpath \
      -Dmdep.outputFile=target/runtime.modulepath -Dmdep.includeScope=runtime \
      -pl modules/app,modules/bench -am)
  SERVER_PATH=$ROOT/modules/app/target/classcord-app-0.1.0.jar:$(cat "$ROOT/modules/app/target/runtime.modulepath")
  BENCH_PATH=$ROOT/modules/bench/target/classcord-bench-0.1.0.jar:$(cat "$ROOT/modules/bench/target/runtime.modulepath")
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

await_port() {
  local port=$1 pid=$2
  for _ in $(seq 1 300); do
    if (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null; then return 0; fi
    kill -0 "$pid" 2>/dev/null || { echo "compare.sh: server $pid died" >&2; return 1; }
    sleep 0.1
  done
  echo "compare.sh: nothing listens on $port after 30 s" >&2
  return 1
}

start_classcord() {
  local dir=$RUN_DIR/classcord port=$1
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
    # W3 creates thousands of accounts and its rooms from one address.
    registrations-per-ip-per-minute: 1000000
    registrations-per-minute: 1000000
    channel-creations-per-ip-per-minute: 1000
    channel-creations-per-minute: 1000
  storage:
    path: "$dir/data/classcord.db"
    synchronous: "FULL"
    # The production password cost (application.yaml's defaults) unless overridden for the run.
    argon2:
      memory-kib: $ARGON2_MEMORY_KIB
      iterations: $ARGON2_ITERATIONS
      parallelism: 1
  logging:
    dir: "$dir/logs"
    console: false
YAML
  # The heap is sized on purpose (see docs/performance.md); the same flags as the packaged service.
  "$JAVA" -XX:+UseSerialGC -Xms64m -Xmx256m -Xss512k --module-path "$SERVER_PATH" \
      --module io.classcord.app/io.classcord.app.Main --config "$dir/bench.yaml" > "$dir/console.log" 2>&1 &
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
  local extra=("$@")
  # IRC has no accounts: W3 is the connect storm of guests only there.
  if [ "$protocol" = irc ] && [ "$workload" = W3 ]; then extra+=(--accounts 0); fi
  "$JAVA" -Xss512k --module-path "$BENCH_PATH" --module io.classcord.bench/io.classcord.bench.Main \
      --protocol "$protocol" --port "$port" --workload "$workload" --server-pid "$pid" --label "$server" \
      --time-limit 240 ${json:+--json "$json"} "${extra[@]}" || true
}

run_workload() {
  local server=$1 workload=$2 port pid protocol=irc
  port=$(free_port)
  [ "$server" = classcord ] && protocol=classcord
  echo "== $workload: $server on 127.0.0.1:$port"
  # A fresh process per workload: memory left over by one workload (Argon2's 19 MiB per hash in W3)
  # must not count in the next one's figures.
  rm -rf "${RUN_DIR:?}/$server"
  pid=$(start_"$server" "$port")
  trap 'stop_server '"$pid" EXIT
  await_port "$port" "$pid"
  if [ "$workload" != W3 ] && [ "$workload" != W4 ]; then
    # One unrecorded warm-up round of 870,000 deliveries (the JIT of a Java server needs that many to
    # settle; harmless for the others).
    bench "$server" "$protocol" "$port" "$pid" W1 "" --messages 1000 > /dev/null
  fi
  bench "$server" "$protocol" "$port" "$pid" "$workload" "$RESULTS/$server-$workload.json" | tee -a "$RESULTS/summary.txt"
  stop_server "$pid"
  trap - EXIT
}

install_peers
build
ulimit -n 65536 2>/dev/null || true
for workload in $WORKLOADS; do
  for server in $SERVERS; do
    run_workload "$server" "$workload"
  done
done
python3 "$ROOT/bench/report.py" "$RESULTS" "$DOC" "$(nproc)" "$(uname -r)" \
    "$(ngircd --version 2>/dev/null | head -1 | cut -d' ' -f1-2)" "$(dpkg-query -W -f='${Version}' inspircd 2>/dev/null)" \
    "$ARGON2_MEMORY_KIB" "$ARGON2_ITERATIONS" "$MESSAGES_PER_SECOND"
echo "== results in $RESULTS; table written to $DOC"
