#!/usr/bin/env bash
# Builds the container image from the Dockerfile with Podman and runs ContainerImageTest
# (modules/container-test) against it through Podman's Docker API. For CI (.ci/run) and developers
# without Docker; needs root and Debian's archive.
#
# Podman's Docker-API service creates bridges and NAT rules in the network namespace it runs in, so
# the service, every podman command and the test JVM run inside a network namespace made here
# (ip netns add; nsenter --net=..., never `ip netns exec`, which remounts /sys), with Podman's
# storage and state in a temporary directory; all of it is deleted at the end, and the script fails
# if this machine's nftables ruleset or bridges changed. No registry is reachable: the base image is
# a minimal bookworm made with debootstrap (cached in $CLASSCORD_CI_CACHE, default
# /var/cache/classcord-ci) and imported; the build stage uses the host's JDK 25, Maven and ~/.m2
# through build-time volumes, offline.
#   ops/container-test.sh          (after ./mvnw -B verify, which fills ~/.m2)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cache=${CLASSCORD_CI_CACHE:-/var/cache/classcord-ci}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
image=localhost/classcord:ci-test
ns="classcord-ct-$$"

log() { echo "container-test: $*"; }

packages=(podman runc conmon uidmap iptables netavark aardvark-dns debootstrap nftables iproute2)
if dpkg -s "${packages[@]}" >/dev/null 2>&1; then
    log "packages already installed"
else
    log "installing ${packages[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi

# The JDK 25 and the Maven that ./mvnw runs (its wrapper's copy under ~/.m2/wrapper, found at the same path in the build stage).
mvn_version=$(cd "$repo" && ./mvnw -B -v)
jdk=$(sed -n 's/.*, runtime: //p' <<< "$mvn_version")
maven_home=$(sed -n 's/^Maven home: //p' <<< "$mvn_version")
[[ -d "$jdk" && -d "$maven_home" ]] || { log "cannot tell the JDK and Maven of ./mvnw: $mvn_version"; exit 1; }
m2=${MAVEN_REPO:-$HOME/.m2/repository}

rules_before=$(nft list ruleset)
bridges_before=$(ip -br link show type bridge)

work=$(mktemp -d /var/tmp/classcord-ct.XXXXXX)
service=""
in_ns() { nsenter --net="/run/netns/$ns" "$@"; }
pm() { in_ns env CONTAINERS_CONF="$work/containers.conf" podman --root "$work/storage" --runroot "$work/run" \
    --storage-driver overlay "$@"; }
# PIDs of the processes this run started that are still alive: every one of them names $work
# on its command line (the service, conmon monitors of containers and exec sessions).
started_here() {
    local cmdline
    for cmdline in /proc/[0-9]*/cmdline; do
        grep -qaF "$work/" "$cmdline" 2>/dev/null && basename "$(dirname "$cmdline")"
    done
    return 0
}
cleanup() {
    local status=$? pids=()
    set +e
    if [[ -e "/run/netns/$ns" ]]; then
        pm rm --all --force --time 5 >/dev/null 2>&1
        [[ -n "$service" ]] && kill "$service" 2>/dev/null && wait "$service" 2>/dev/null
        # conmon keeps exec sessions (the health check) for 5 minutes after they end.
        mapfile -t pids < <(started_here)
        ((${#pids[@]} == 0)) || { kill "${pids[@]}" 2>/dev/null; sleep 1; }
        pm system reset --force >/dev/null 2>&1
        ip netns delete "$ns"
    fi
    mapfile -t pids < <(started_here)
    if ((${#pids[@]} > 0)); then
        log "FAILED: processes of this run still alive: ${pids[*]}"; status=1
    fi
    rm -rf "$work"
    if [[ "$(nft list ruleset)" != "$rules_before" ]]; then
        log "FAILED: this machine's nftables ruleset changed"; status=1
    fi
    if [[ "$(ip -br link show type bridge)" != "$bridges_before" ]]; then
        log "FAILED: a bridge was left on this machine: $(ip -br link show type bridge)"; status=1
    fi
    exit "$status"
}
trap cleanup EXIT

# A minimal bookworm root file system, made once per machine.
rootfs="$cache/bookworm-minbase.tar"
if [[ ! -s "$rootfs" ]]; then
    log "debootstrap bookworm (minbase) into $cache, once"
    mkdir -p "$cache"
    debootstrap --variant=minbase bookworm "$work/rootfs" "$mirror" > "$work/debootstrap.log" 2>&1 \
        || { tail -n 30 "$work/debootstrap.log"; exit 1; }
    rm -rf "$work/rootfs/var/cache/apt/archives/"*.deb "$work/rootfs/var/lib/apt/lists/"*
    tar -C "$work/rootfs" --numeric-owner -cf "$rootfs.tmp" .
    mv "$rootfs.tmp" "$rootfs"
    rm -rf "$work/rootfs"
fi

# crun fails on this machine's cgroup setup; no systemd to manage cgroups or journal events; default
# ulimits low enough for the kernel's limits here; Podman's state under $work.
cat > "$work/containers.conf" <<CONF
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
events_logfile_path = "$work/events.log"
tmp_dir = "$work/libpod-tmp"
[network]
network_backend = "netavark"
network_config_dir = "$work/networks"
CONF

ip netns add "$ns"
in_ns ip link set lo up

log "importing the base image"
pm import --quiet "$rootfs" localhost/classcord-ci/bookworm:latest >/dev/null
# The build stage: the same bookworm with the host's JDK 25 and Maven mounted at build time.
pm import --quiet --change "ENV=PATH=$maven_home/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
    "$rootfs" localhost/classcord-ci/build:latest >/dev/null

log "building $image from the Dockerfile (JDK $jdk, Maven $maven_home, offline)"
volumes=(-v "$jdk:$jdk:ro" -v "$maven_home:$maven_home:ro" -v "$m2:/root/.m2/repository")
# Debian's Maven links its jars from /usr/share/java and its conf/ to /etc/maven.
for dir in /usr/share/java /etc/maven; do
    [[ -d "$dir" ]] && volumes+=(-v "$dir:$dir:ro")
done
# Files a packaged JDK links to outside its directory (Debian's Temurin: cacerts in /etc/ssl).
while read -r target; do
    [[ -e "$target" ]] && volumes+=(-v "$target:$target:ro")
done < <(find "$jdk" -type l -exec readlink -f {} + | grep -v "^$jdk/" | sort -u)
pm build --format docker --network none "${volumes[@]}" \
    --build-arg BUILD_IMAGE=localhost/classcord-ci/build:latest \
    --build-arg RUNTIME_IMAGE=localhost/classcord-ci/bookworm:latest \
    --build-arg MVN_FLAGS=--offline \
    -t "$image" -f "$repo/Dockerfile" "$repo" > "$work/build.log" 2>&1 \
    || { grep -v "^\s*at " "$work/build.log" | tail -n 60; exit 1; }
log "image size: $(pm image inspect --format '{{.Size}}' "$image" | awk '{printf "%.0f MiB", $1 / 1048576}')"

# Not through pm/in_ns: a backgrounded function is a subshell, and $! must be Podman's own PID
# (nsenter and env exec it).
nsenter --net="/run/netns/$ns" env CONTAINERS_CONF="$work/containers.conf" podman --root "$work/storage" \
    --runroot "$work/run" --storage-driver overlay system service --time=0 "unix://$work/podman.sock" \
    > "$work/service.log" 2>&1 &
service=$!
for _ in $(seq 100); do [[ -S "$work/podman.sock" ]] && break; sleep 0.1; done
[[ -S "$work/podman.sock" ]] || { log "the Podman service did not start"; cat "$work/service.log"; exit 1; }

log "running ContainerImageTest"
# No registry: Ryuk (Testcontainers' reaper image) cannot be pulled; this script removes everything.
if ! (cd "$repo" && in_ns env DOCKER_HOST="unix://$work/podman.sock" TESTCONTAINERS_RYUK_DISABLED=true \
        TESTCONTAINERS_CHECKS_DISABLE=true ./mvnw -B -q --offline -pl modules/test-support,modules/container-test verify \
        -Dclasscord.container.image="$image"); then
    tail -n 40 "$work/service.log"
    exit 1
fi
# A skipped test must not count as a pass here.
report="$repo/modules/container-test/target/surefire-reports/TEST-io.classcord.container.ContainerImageTest.xml"
grep -q 'tests="1"[^>]*skipped="0"\|skipped="0"[^>]*tests="1"' "$report" \
    || { log "FAILED: ContainerImageTest did not run:"; grep -o '<skipped[^>]*>' "$report"; exit 1; }
log "OK: ContainerImageTest passed against $image"
