# shellcheck shell=sh
# Run by packer as "sudo sh -eu SCRIPT" (classcord.pkr.hcl).
# Turns ansible/tests/vm-image.sh's disk (no boot loader, 3 GB file system, qemu's user network)
# into a disk that boots by itself under libvirt and VirtualBox, as large as the course's (20 GB).
# Runs as root inside the build VM, which reaches deb.debian.org through qemu's user network.
export DEBIAN_FRONTEND=noninteractive

# By label: the disk is vda under virtio, sda under VirtualBox's SATA.
echo 'LABEL=root / ext4 errors=remount-ro 0 1' > /etc/fstab

# vm-image.sh's catch-all DHCP file must come after the per-interface files Vagrant writes
# (50-vagrant-*.network): systemd-networkd uses the first file that matches.
if [ -f /etc/systemd/network/10-wired.network ]; then
    mv /etc/systemd/network/10-wired.network /etc/systemd/network/99-dhcp.network
fi

disk=/dev/vda
echo "grub-pc grub-pc/install_devices multiselect $disk" | debconf-set-selections
apt-get update -qq
apt-get install -y -qq --no-install-recommends grub-pc cloud-guest-utils >/dev/null
sed -i -e 's/^GRUB_TIMEOUT=.*/GRUB_TIMEOUT=1/' \
    -e 's/^GRUB_CMDLINE_LINUX_DEFAULT=.*/GRUB_CMDLINE_LINUX_DEFAULT="console=tty0 console=ttyS0,115200"/' /etc/default/grub
grub-install "$disk"
update-grub

# Packer grew the disk image to 20 GB; the partition and file system follow.
if growpart "$disk" 1; then
    resize2fs "${disk}1"
fi
df -h /
