#!/usr/bin/env bash
# Builds (once) the Debian base image the end-to-end test boots (Debian 13 "trixie" by default,
# DEBIAN_RELEASE=bookworm for Debian 12): a raw disk with one ext4
# partition made without loop devices, plus the kernel and initrd to boot it with -kernel/-initrd.
# Output, cached between runs in $CACHE (key: the hash of this script), shared by the Ansible
# test and the Packer build:
#   $CACHE/<key>/disk.raw  vmlinuz  initrd.img  id_ed25519(.pub)
# Environment: DEBIAN_RELEASE (trixie), CLASSCORD_CI_CACHE (/var/cache/classcord-ci; the images go in its vm-image/, as
# the directory is shared with other tests), DEBIAN_MIRROR.
# The VM runs with restrict=on (no network beyond the forwarded ports), so every package the
# role installs is installed here; the role's apt tasks then find them present.
set -euo pipefail

CACHE=${CLASSCORD_CI_CACHE:-/var/cache/classcord-ci}/vm-image
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
SUITE=${DEBIAN_RELEASE:-trixie}
DISK_MIB=3072
# One image per script version and suite: both releases' images stay cached side by side.
KEY=$({ cat "$0"; echo "$SUITE"; } | sha256sum | cut -c1-12)
OUT=$CACHE/$KEY

# The role's packages (keep in sync with roles/classcord/defaults/main.yml classcord_packages).
PACKAGES=openssh-server,sudo,python3,python3-apt,ufw,fail2ban,python3-systemd,python3-pyinotify,logrotate,sqlite3,curl,iproute2,procps,less
BASE=linux-image-amd64,systemd-sysv,dbus,udev,kmod,initramfs-tools

if [[ -f $OUT/ready ]]; then
    echo "$OUT"
    exit 0
fi
for tool in debootstrap sfdisk mkfs.ext4 ssh-keygen; do
    command -v "$tool" >/dev/null || { echo "vm-image: $tool missing" >&2; exit 1; }
done

mkdir -p "$CACHE"
WORK=$(mktemp -d "$CACHE/build.XXXXXX")
ROOT=$WORK/root
cleanup() {
    for m in "$ROOT/proc" "$ROOT/sys" "$ROOT/dev/pts" "$ROOT/dev"; do
        mountpoint -q "$m" 2>/dev/null && umount -l "$m"
    done
    rm -rf "$WORK"
}
trap cleanup EXIT

start=$(date +%s)
# --foreign, then the second stage with a policy-rc.d in place: no package may start a daemon
# (sshd, fail2ban) inside the chroot, where it would share this machine's network and firewall.
debootstrap --foreign --variant=minbase --include="$BASE,$PACKAGES" "$SUITE" "$ROOT" "$MIRROR" >&2
printf '#!/bin/sh\nexit 101\n' > "$ROOT/usr/sbin/policy-rc.d"
chmod 755 "$ROOT/usr/sbin/policy-rc.d"
chroot "$ROOT" /debootstrap/debootstrap --second-stage >&2
echo "vm-image: debootstrap took $(( $(date +%s) - start )) s" >&2

cat > "$ROOT/etc/fstab" <<'FSTAB'
/dev/vda1 / ext4 errors=remount-ro 0 1
FSTAB
echo classcord-vm > "$ROOT/etc/hostname"
printf '127.0.0.1 localhost\n127.0.1.1 classcord-vm\n' > "$ROOT/etc/hosts"
echo "deb $MIRROR $SUITE main" > "$ROOT/etc/apt/sources.list"
# systemd-networkd's own DHCP client: qemu's user-mode network answers it with 10.0.2.15.
cat > "$ROOT/etc/systemd/network/10-wired.network" <<'NET'
[Match]
Name=en*

[Network]
DHCP=ipv4
NET
chroot "$ROOT" systemctl enable systemd-networkd.service >/dev/null 2>&1
# The deploy account Ansible uses, as on a real server: key login, sudo without password.
ssh-keygen -q -t ed25519 -N '' -C classcord-ci -f "$WORK/id_ed25519"
chroot "$ROOT" useradd -m -s /bin/bash -G sudo deploy
install -d -m 700 "$ROOT/home/deploy/.ssh"
install -m 600 "$WORK/id_ed25519.pub" "$ROOT/home/deploy/.ssh/authorized_keys"
chroot "$ROOT" chown -R deploy:deploy /home/deploy/.ssh
echo 'deploy ALL=(ALL) NOPASSWD:ALL' > "$ROOT/etc/sudoers.d/deploy"
chmod 440 "$ROOT/etc/sudoers.d/deploy"
# Nothing to fetch without network; these timers would only wake the VM up.
chroot "$ROOT" systemctl disable apt-daily.timer apt-daily-upgrade.timer >/dev/null 2>&1 || true
rm -f "$ROOT/usr/sbin/policy-rc.d"
chroot "$ROOT" apt-get clean
rm -rf "$ROOT/debootstrap"

cp "$ROOT"/boot/vmlinuz-* "$WORK/vmlinuz"
cp "$ROOT"/boot/initrd.img-* "$WORK/initrd.img"
chmod 644 "$WORK/vmlinuz" "$WORK/initrd.img"

# One partition at 1 MiB; the file system is written straight into it at that offset.
truncate -s "${DISK_MIB}M" "$WORK/disk.raw"
echo 'label: dos
start=2048, type=83' | sfdisk -q "$WORK/disk.raw"
mkfs.ext4 -q -F -L root -d "$ROOT" -E offset=1048576 "$WORK/disk.raw" $(( (DISK_MIB - 1) * 1024 ))k
rm -rf "$ROOT"

mkdir -p "$OUT"
mv "$WORK/disk.raw" "$WORK/vmlinuz" "$WORK/initrd.img" "$WORK/id_ed25519" "$WORK/id_ed25519.pub" "$OUT/"
echo "$SUITE" > "$OUT/suite"
touch "$OUT/ready"
# Images of older versions of this script for the same suite are never used again (a build in
# progress elsewhere is a build.* directory and stays; the other suite's image is kept).
for old in "$CACHE"/*/suite; do
    dir=$(dirname "$old")
    if [[ $dir != "$OUT" && $(cat "$old") == "$SUITE" && $(basename "$dir") =~ ^[0-9a-f]{12}$ ]]; then
        rm -rf "$dir"
    fi
done
echo "vm-image: built $OUT in $(( $(date +%s) - start )) s" >&2
echo "$OUT"
