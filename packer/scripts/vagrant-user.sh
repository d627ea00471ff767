# shellcheck shell=sh
# Run by packer as "sudo sh -eu SCRIPT" (classcord.pkr.hcl).
# The account Vagrant logs in with: Vagrant's well-known key (replaced by a fresh key pair on the
# first `vagrant up`), password-less sudo.
id vagrant >/dev/null 2>&1 || useradd -m -s /bin/bash vagrant
install -d -m 700 -o vagrant -g vagrant /home/vagrant/.ssh
install -m 600 -o vagrant -g vagrant /tmp/vagrant-insecure.pub /home/vagrant/.ssh/authorized_keys
rm -f /tmp/vagrant-insecure.pub
echo 'vagrant ALL=(ALL) NOPASSWD:ALL' > /etc/sudoers.d/vagrant
chmod 440 /etc/sudoers.d/vagrant
