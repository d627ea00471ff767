#!/usr/bin/env bash
# End-to-end test of the Vagrant box: `vagrant validate` for the VirtualBox side, `packer build`
# of the libvirt box (TCG), then `vagrant box add`, `vagrant up --provider=libvirt` (which runs
# ansible/site.yml again, with stock Ansible), a chat exchange through the forwarded port 12345, `vagrant destroy`.
#
# Isolation: vagrant-libvirt makes bridges, dnsmasq and NAT rules, so libvirtd, virtlogd, vagrant
# and the chat client all run in a network namespace this script creates and deletes, and in a
# private mount namespace where /run/libvirt, /var/lib/libvirt, /var/log/libvirt,
# /var/cache/libvirt and /etc/libvirt are directories of this test: nothing of this machine's
# network, firewall or libvirt state is changed (checked at the end). The packer build uses
# qemu's user network with its SSH forward on 127.0.0.1.
#
# Environment: CLASSCORD_DIST (see vagrant/dist.sh), CLASSCORD_CI_CACHE (base image cache),
# CLASSCORD_VAGRANT_E2E_TIMEOUT (seconds, 3600: a guard against a hung step), CLASSCORD_E2E_BOX (an already built box: skips
# the packer build, for working on the Vagrant side).
set -euo pipefail

REPO=$(cd "$(dirname "$0")/../.." && pwd)
SELF=$REPO/vagrant/tests/e2e.sh

# ------------------------------------------------------------------------------------------
# Inside the namespaces: libvirt, vagrant, the client. $1 = --inside, $2 = work directory.
# ------------------------------------------------------------------------------------------
inside() {
    W=$1  # global: the EXIT trap reads it after this function returns
    fail() { echo "E2E FAILED: $*" >&2; exit 1; }
    step() { printf '\n=== (netns) %s\n' "$*"; }
    no_progress() { sed -u -E 's/(\x1b\[K)?Progress: [0-9]+%( \([^)]*\))?//g'; }

    # This test's own libvirt state, seen only by the processes of this mount namespace.
    for d in run etc lib log cache; do mkdir -p "$W/libvirt/$d"; done
    cp -a /etc/libvirt/. "$W/libvirt/etc/"
    cp -a /var/lib/libvirt/. "$W/libvirt/lib/" 2>/dev/null || true
    rm -f "$W/libvirt/etc/qemu/networks/autostart/"*   # no "default" network: vagrant makes its own
    # No cgroups, per-VM mount namespaces or security driver in a CI container; files are root's.
    cat >> "$W/libvirt/etc/qemu.conf" <<'CONF'
user = "root"
group = "root"
dynamic_ownership = 0
security_driver = "none"
namespaces = [ ]
cgroup_controllers = [ ]
CONF
    mkdir -p /run/libvirt /var/lib/libvirt /var/log/libvirt /var/cache/libvirt
    mount --bind "$W/libvirt/run" /run/libvirt
    mount --bind "$W/libvirt/etc" /etc/libvirt
    mount --bind "$W/libvirt/lib" /var/lib/libvirt
    mount --bind "$W/libvirt/log" /var/log/libvirt
    mount --bind "$W/libvirt/cache" /var/cache/libvirt
    ip link set lo up

    export VAGRANT_HOME=$W/vagrant.d VAGRANT_DOTFILE_PATH=$W/dot-vagrant VAGRANT_NO_COLOR=1
    export VAGRANT_DEFAULT_PROVIDER=libvirt VAGRANT_CHECKPOINT_DISABLE=1 LIBVIRT_DEFAULT_URI=qemu:///system
    # Under TCG, possibly beside another VM test, a first start of the JVM can take minutes.
    export CLASSCORD_START_TIMEOUT=600

    # shellcheck disable=SC2317  # called by the EXIT trap
    stop_all() {
        set +e
        if [[ -d $VAGRANT_DOTFILE_PATH/machines ]]; then
            (cd "$REPO" && timeout 300 vagrant destroy -f) >/dev/null 2>&1
        fi
        for net in $(virsh -q net-list --all --name 2>/dev/null); do virsh -q net-destroy "$net" >/dev/null 2>&1; done
        # Whatever survived, by the PIDs this test recorded or libvirt wrote in our directories.
        for f in "$W"/pids/* "$W"/libvirt/run/*.pid "$W"/libvirt/run/network/*.pid "$W"/libvirt/run/qemu/*.pid \
                 "$VAGRANT_DOTFILE_PATH"/machines/default/libvirt/*pid*; do
            [[ -f $f ]] || continue
            for pid in $(cat "$f"); do [[ $pid =~ ^[0-9]+$ ]] && kill "$pid" 2>/dev/null; done
        done
        sleep 1
        for f in "$W"/pids/*; do [[ -f $f ]] && kill -9 "$(cat "$f")" 2>/dev/null; done
        return 0
    }
    trap stop_all EXIT
    trap 'exit 143' TERM INT

    step "virtlogd and libvirtd (started here: no systemd)"
    mkdir -p "$W/pids"
    # Pid files in our directory: the default ones (/run/*.pid) are this machine's.
    virtlogd --pid-file "$W/virtlogd.pid" >"$W/virtlogd.log" 2>&1 & echo $! > "$W/pids/virtlogd"
    libvirtd --pid-file "$W/libvirtd.pid" >"$W/libvirtd.log" 2>&1 & echo $! > "$W/pids/libvirtd"
    local deadline=$((SECONDS + 60))
    until virsh -q version >/dev/null 2>&1; do
        ((SECONDS < deadline)) || { cat "$W/libvirtd.log"; fail "libvirtd not answering"; }
        sleep 1
    done
    virsh -q pool-define-as default dir --target /var/lib/libvirt/images >/dev/null
    virsh -q pool-build default >/dev/null
    virsh -q pool-start default >/dev/null

    cd "$REPO"
    step "vagrant validate (libvirt)"
    vagrant validate

    step "vagrant box add"
    vagrant box add --name classcord/debian13 "$W/box/classcord-libvirt.box" | no_progress

    step "vagrant up --provider=libvirt"
    local t0=$SECONDS
    if ! vagrant up --provider=libvirt 2>&1 | no_progress | tee "$W/up.log"; then
        tail -40 "$W/libvirt/log/qemu/"*.log 2>/dev/null
        # A failed provisioning leaves the VM running: say what the service did.
        timeout 120 vagrant ssh -c 'sudo systemctl status --no-pager classcord.service; sudo journalctl -u classcord.service -n 60 --no-pager' 2>&1 || true
        fail "vagrant up"
    fi
    grep -Eq 'ok=[0-9]+ +changed=[0-9]+ +unreachable=0 +failed=0' "$W/up.log" || fail "no successful ansible run in vagrant up"
    echo "T_UP=$((SECONDS - t0))" >> "$W/figures"

    step "the VM: service, networks"
    vagrant ssh -c 'systemctl is-active classcord.service && ip -br addr && sudo ufw status' || fail "vagrant ssh"
    vagrant ssh -c "ip -br addr | grep -q '192.168.56.10/'" || fail "no host-only address 192.168.56.10"
    vagrant ssh -c 'sudo true' 2>&1 | tee "$W/sudo.txt"
    [[ ! -s $W/sudo.txt ]] || fail "sudo in the VM is not silent (its host name does not resolve?)"

    step "chat through the forwarded port (127.0.0.1:12345 on the VM's host)"
    python3 "$REPO/ansible/tests/chat_client.py" exchange 12345 || fail "chat exchange through the forwarded port"
    vagrant ssh -c 'sudo tail -n 12 /var/log/classcord/classcord.log'

    step "chat on the host-only network (192.168.56.10:12345)"
    python3 - <<'PY' || fail "no answer on the host-only network"
import json, socket
s = socket.create_connection(("192.168.56.10", 12345), timeout=20)
s.sendall(json.dumps({"type": "users"}).encode() + b"\n")
buf = b""
while b"\n" not in buf:
    data = s.recv(65536)
    if not data:
        raise SystemExit("closed")
    buf += data
print("192.168.56.10:12345 answered:", buf.split(b"\n")[0][:120].decode())
PY

    step "no server crash in the VM"
    vagrant ssh -c "echo crashes=\$(sudo journalctl -u classcord.service --no-pager -o cat | grep -c 'A fatal error has been detected')" \
        2>&1 | tee "$W/crashes.txt"
    grep -q '^crashes=0' "$W/crashes.txt" || fail "the server crashed in the VM (JVM fatal error in its journal)"

    step "vagrant destroy"
    vagrant destroy -f
    [[ -z $(virsh -q list --all --name) ]] || fail "a domain is left after vagrant destroy"
    vagrant box remove classcord/debian13 --provider libvirt >/dev/null
}

if [[ ${1:-} == --inside ]]; then
    inside "$2"
    exit 0
fi

# ------------------------------------------------------------------------------------------
# Outside: tools, host state, validate, packer build, the namespace.
# ------------------------------------------------------------------------------------------
if [[ -z ${CLASSCORD_VAGRANT_E2E_CHILD:-} ]]; then
    export CLASSCORD_VAGRANT_E2E_CHILD=1
    exec timeout --foreground -k 60 "${CLASSCORD_VAGRANT_E2E_TIMEOUT:-3600}" "$0" "$@"
fi

START=$SECONDS
step() { printf '\n=== [%4ss] %s\n' "$((SECONDS - START))" "$*"; }
fail() { echo "E2E FAILED: $*" >&2; exit 1; }

need=()
for pair in packer:packer vagrant:vagrant libvirtd:libvirt-daemon-system virsh:libvirt-clients \
        dnsmasq:dnsmasq-base iptables:iptables qemu-system-x86_64:qemu-system-x86 qemu-img:qemu-utils \
        ansible-playbook:ansible debootstrap:debootstrap sfdisk:fdisk mkfs.ext4:e2fsprogs \
        ssh:openssh-client nsenter:util-linux nft:nftables; do
    command -v "${pair%%:*}" >/dev/null || need+=("${pair#*:}")
done
# ansible-core alone lacks the collections the role uses (community.general, ansible.posix).
[[ -d /usr/lib/python3/dist-packages/ansible_collections/community/general ]] || need+=(ansible)
"$REPO/ansible/tests/mitogen-env.sh" >/dev/null 2>&1 || need+=(ansible-mitogen)
[[ -d /usr/share/rubygems-integration/all/gems/vagrant-libvirt-0.11.2 ]] || need+=(vagrant-libvirt)
[[ -e /usr/lib/x86_64-linux-gnu/libvirt/connection-driver/libvirt_driver_qemu.so ]] || need+=(libvirt-daemon-driver-qemu)
if ((${#need[@]})); then
    step "installing ${need[*]}"
    # No package may start its daemon here (libvirtd would set up its default network on this
    # machine): a policy-rc.d that forbids it, unless the machine already has one.
    policy=
    if [[ ! -e /usr/sbin/policy-rc.d ]]; then
        printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d && policy=1
    fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends \
        "${need[@]}" >/dev/null
    [[ -n $policy ]] && rm -f /usr/sbin/policy-rc.d
fi

host_state() { { nft list ruleset 2>&1; ip -br link | awk '{print $1}' | sort; ip route; } | sha256sum; }
HOST_BEFORE=$(host_state)
[[ -z $(nft list ruleset) ]] || echo "note: this machine's nft ruleset is not empty before the test"

W=$(mktemp -d /tmp/classcord-vagrant-e2e.XXXXXX)
NS=classcord-vg-$$
cleanup() {
    set +e
    if [[ -e /run/netns/$NS ]]; then
        # Anything still alive in the namespace was started by this test.
        for pid in $(ip netns pids "$NS" 2>/dev/null); do kill "$pid" 2>/dev/null; done
        sleep 1
        for pid in $(ip netns pids "$NS" 2>/dev/null); do kill -9 "$pid" 2>/dev/null; done
        ip netns delete "$NS"
    fi
    rm -rf "$W"
    if [[ $(host_state) != "$HOST_BEFORE" ]]; then
        echo "E2E FAILED: this machine's network or firewall changed during the test" >&2
        exit 1
    fi
}
trap cleanup EXIT
trap 'exit 143' TERM INT

step "vagrant validate, VirtualBox side (VBoxManage stand-in: VirtualBox is not in Debian)"
mkdir -p "$W/vbox"
# shellcheck disable=SC2016  # $1 belongs to the stand-in script
printf '#!/bin/sh\n[ "$1" = --version ] && echo 7.0.20r163906\nexit 0\n' > "$W/vbox/VBoxManage"
chmod 755 "$W/vbox/VBoxManage"
(cd "$REPO" && PATH=$W/vbox:$PATH VAGRANT_DEFAULT_PROVIDER=virtualbox VAGRANT_DOTFILE_PATH=$W/vbox/dot \
    VAGRANT_HOME=$W/vbox/home VAGRANT_CHECKPOINT_DISABLE=1 vagrant validate) || fail "vagrant validate (virtualbox)"
step "packer validate (both sources)"
# Any parseable key will do for validation: Vagrant's well-known one.
key=$(gem contents vagrant 2>/dev/null | grep '/keys/vagrant$' || echo /usr/share/rubygems-integration/all/gems/vagrant-2.3.4/keys/vagrant)
(cd "$REPO" && packer validate -var base_image_url=file:///dev/null -var "ssh_private_key_file=$key" \
    -var "vagrant_insecure_key=$key" -var dist_archive=/dev/null packer/classcord.pkr.hcl) || fail "packer validate"

if [[ -n ${CLASSCORD_E2E_BOX:-} ]]; then
    step "box given by CLASSCORD_E2E_BOX (no packer build): $CLASSCORD_E2E_BOX"
    mkdir -p "$W/box" && ln -s "$(realpath "$CLASSCORD_E2E_BOX")" "$W/box/classcord-libvirt.box"
    box=$W/box/classcord-libvirt.box
    T_PACKER="(not built)"
else
    # Mitogen's strategy for the build's first install: under TCG it saves about 4 s per task.
    # The provisioning in `vagrant up` below is stock Ansible.
    step "packer build (accelerator tcg, Ansible through Mitogen's strategy)"
    t0=$SECONDS
    box=$(CLASSCORD_BOX_DIR=$W/box PACKER_ANSIBLE_MITOGEN=1 "$REPO/packer/build.sh") || fail "packer build"
    T_PACKER=$((SECONDS - t0))
fi
BOX_SIZE=$(du -mL "$box" | cut -f1)
qemu-img info "$W/box/qemu/classcord.qcow2" 2>/dev/null | grep -E 'virtual size|disk size' || true
rm -rf "$W/box/qemu"

step "network namespace $NS: libvirt, vagrant up, chat, destroy"
ip netns add "$NS"
nsenter --net="/run/netns/$NS" unshare --mount --propagation private "$SELF" --inside "$W" || fail "see above"
T_UP=$(sed -n 's/^T_UP=//p' "$W/figures")

step "summary"
printf 'packer build: %s s, box: %s MiB, vagrant up (with provisioning): %s s, total: %s s\n' \
    "$T_PACKER" "$BOX_SIZE" "$T_UP" "$((SECONDS - START))"
echo "1 passed, 0 failed"
