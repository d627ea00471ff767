# What must differ between VMs made from the box, and what only makes it bigger.

# Every VM gets its own admin token: the role creates it again on `vagrant up`.
rm -f /etc/classcord/admin.token

# Host keys: generated again by each VM when sshd first starts.
rm -f /etc/ssh/ssh_host_*
mkdir -p /etc/systemd/system/ssh.service.d
# Before Debian's own `sshd -t`, which fails without host keys: the list is reset, then rebuilt.
printf '[Service]\nExecStartPre=\nExecStartPre=/usr/bin/ssh-keygen -A\nExecStartPre=/usr/sbin/sshd -t\n' \
    > /etc/systemd/system/ssh.service.d/host-keys.conf
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
