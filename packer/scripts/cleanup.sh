# shellcheck shell=sh
# Run by packer as "sudo sh -eu SCRIPT" (classcord.pkr.hcl).
# What must differ between VMs made from the box, and what only makes it bigger.

# Every VM gets its own admin token: the role creates it again on `vagrant up`.
rm -f /etc/classcord/admin.token

# Nothing the build wrote may ship: the database (the server creates it empty on first start), the
# backups and their status, the bans fail2ban remembers, and the random seed every VM would share.
systemctl stop classcord.service 'classcord-backup-*.timer' fail2ban.service
rm -f /var/lib/classcord/classcord.db /var/lib/classcord/classcord.db-wal /var/lib/classcord/classcord.db-shm
find /var/backups/classcord -mindepth 1 -delete
rm -f /var/lib/fail2ban/fail2ban.sqlite3
rm -f /var/lib/systemd/random-seed

# Host keys: generated again by each VM when sshd first starts.
rm -f /etc/ssh/ssh_host_*
mkdir -p /etc/systemd/system/ssh.service.d
# Before Debian's own `sshd -t`, which fails without host keys: the list is reset, then rebuilt.
printf '[Service]\nExecStartPre=\nExecStartPre=/usr/bin/ssh-keygen -A\nExecStartPre=/usr/sbin/sshd -t\n' \
    > /etc/systemd/system/ssh.service.d/host-keys.conf
# The box's own name. The base image's "classcord-vm" made Vagrant's `grep -w classcord
# /etc/hosts` match, so Vagrant never added the VM's name and every sudo in the VM said "unable to
# resolve host classcord". A VM given another name gets it added on a line of its own.
echo classcord > /etc/hostname
printf '127.0.0.1\tlocalhost\n127.0.1.1\tclasscord\n::1\tlocalhost ip6-localhost ip6-loopback\n' > /etc/hosts

# Empty, not absent: systemd writes a new machine id on the next boot (and DHCP client ids follow).
truncate -s 0 /etc/machine-id

apt-get clean
rm -rf /var/lib/apt/lists/*
journalctl --rotate >/dev/null 2>&1 || true
journalctl --vacuum-time=1s >/dev/null 2>&1 || true
find /var/log -type f \( -name '*.gz' -o -name '*.[0-9]' \) -delete
find /var/log -type f -exec truncate -s 0 {} +
rm -rf /tmp/* /var/tmp/*

# The disk is attached with discard=unmap: freed blocks become holes, and packer's final
# qemu-img convert leaves them out of the box.
fstrim -av || true
sync
