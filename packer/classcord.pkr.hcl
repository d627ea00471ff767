# Builds the Classcord Vagrant box: Debian 13 (or 12) provisioned by ansible/site.yml, cleaned and shrunk.
#
# Written for Packer 1.6.6 (Debian 12's package): builders and post-processors are built in, so
# there is no required_plugins block and no `packer init`.
#
#   qemu.classcord           -> output/classcord-libvirt.box (vagrant-libvirt), the one tested in CI
#   virtualbox-ovf.classcord -> output/classcord-virtualbox.box, for the course's VirtualBox
#
# packer/build.sh fills the variables for the offline libvirt build (base disk, kernel, initrd and
# SSH key of ansible/tests/vm-image.sh; the dist archive). See docs/VM.md.

variable "base_image_url" {
  type        = string
  description = "Base disk for the qemu build: the debootstrapped disk of ansible/tests/vm-image.sh (file://.../disk.raw), or the official Debian 13 cloud image (https://cloud.debian.org/images/cloud/trixie/latest/debian-13-generic-amd64.qcow2)."
}

variable "base_image_checksum" {
  type        = string
  default     = "none"
  description = "Checksum of base_image_url (\"sha512:...\" for the cloud image); \"none\" for a local file built here."
}

variable "base_image_format" {
  type        = string
  default     = "raw"
  description = "Format of base_image_url: raw (vm-image.sh) or qcow2 (cloud image)."
}

variable "kernel" {
  type        = string
  default     = ""
  description = "Kernel to boot the base disk with, for a disk without boot loader (vm-image.sh's vmlinuz). Empty for the cloud image, which boots by itself."
}

variable "initrd" {
  type        = string
  default     = ""
  description = "Initrd that goes with kernel."
}

variable "ssh_username" {
  type        = string
  default     = "deploy"
  description = "Account with key login and password-less sudo in the base image (deploy in vm-image.sh's)."
}

variable "ssh_private_key_file" {
  type        = string
  description = "Private key of ssh_username."
}

variable "dist_archive" {
  type        = string
  description = "Absolute path of the Classcord dist archive (classcord-<version>-linux-x64.tar.gz)."
}

variable "classcord_version" {
  type    = string
  default = "0.1.0"
}

variable "start_timeout" {
  type        = number
  default     = 600
  description = "Seconds the server may take to listen after a start (the role's classcord_start_timeout): under TCG on a busy machine the JVM's first start has taken over 120 s."
}

variable "accelerator" {
  type        = string
  default     = "tcg"
  description = "qemu accelerator: tcg (software, works everywhere; the CI) or kvm."
}

variable "cpu_model" {
  type        = string
  default     = "max"
  description = "qemu -cpu value: max under tcg, host under kvm."
}

variable "headless" {
  type    = bool
  default = true
}

variable "virtualbox_source_ovf" {
  type        = string
  default     = "debian-trixie64-virtualbox/box.ovf"
  description = "OVF of a Debian 13 VirtualBox machine with the vagrant account (e.g. box.ovf unpacked from the debian/trixie64 box)."
}

variable "vagrant_insecure_key" {
  type        = string
  default     = "/usr/share/rubygems-integration/all/gems/vagrant-2.3.4/keys/vagrant"
  description = "Vagrant's well-known private key: the VirtualBox base box's vagrant account accepts it."
}

variable "ansible_extra_env" {
  type        = list(string)
  default     = []
  description = "More environment for ansible-playbook, as NAME=value: build.sh passes Mitogen's strategy when PACKER_ANSIBLE_MITOGEN=1."
}

variable "output_dir" {
  type    = string
  default = "output"
}

locals {
  # Without a boot loader on the base disk qemu boots the kernel directly; the build then
  # installs GRUB, so the box itself boots like any disk (libvirt and VirtualBox alike).
  direct_boot = var.kernel == "" ? [] : [
    ["-kernel", var.kernel],
    ["-initrd", var.initrd],
    ["-append", "root=/dev/vda1 rw console=ttyS0"],
  ]
  # Packer's default forward listens on every address of this machine: 127.0.0.1 only.
  network = [
    ["-netdev", "user,id=user.0,hostfwd=tcp:127.0.0.1:{{ .SSHHostPort }}-:22"],
    ["-device", "virtio-net,netdev=user.0"],
  ]
  ansible_vars = [
    "--extra-vars", "classcord_dist_archive=${var.dist_archive}",
    "--extra-vars", "classcord_version=${var.classcord_version}",
    # The packages are installed by the provisioning step before; no second apt update.
    "--extra-vars", "classcord_apt_update_cache=false",
    "--extra-vars", "classcord_start_timeout=${var.start_timeout}",
  ]
  ansible_env = [
    "ANSIBLE_CONFIG=${path.root}/../ansible/ansible.cfg",
    "ANSIBLE_HOST_KEY_CHECKING=False",
    "ANSIBLE_NOCOLOR=1",
  ]
}

source "qemu" "classcord" {
  iso_url          = var.base_image_url
  iso_checksum     = var.base_image_checksum
  disk_image       = true
  use_backing_file = false
  disk_size        = "20480M"
  disk_interface   = "virtio"
  disk_discard     = "unmap"
  format           = "qcow2"
  skip_compaction  = false
  disk_compression = true
  accelerator      = var.accelerator
  # One vCPU under tcg: with two, multi-threaded TCG sometimes runs a half-patched instruction
  # where the JVM re-links JIT-compiled code, and the server dies of SIGSEGV.
  cpus             = var.accelerator == "tcg" ? 1 : 2
  memory           = 2048
  headless         = true
  vnc_bind_address = "127.0.0.1"
  net_device       = "virtio-net"
  qemuargs = concat(
    [["-cpu", var.cpu_model], ["-serial", "file:${var.output_dir}/console-qemu.log"]],
    local.direct_boot,
    local.network,
  )
  output_directory     = "${var.output_dir}/qemu"
  vm_name              = "classcord.qcow2"
  ssh_username         = var.ssh_username
  ssh_private_key_file = var.ssh_private_key_file
  ssh_timeout          = "15m"
  # The build account goes last, from the shutdown command itself: the box's account is vagrant.
  shutdown_command = "sudo sh -c 'rm -f /etc/sudoers.d/${var.ssh_username}; userdel -f -r ${var.ssh_username} 2>/dev/null; systemctl poweroff'"
  shutdown_timeout = "5m"
}

source "virtualbox-ovf" "classcord" {
  source_path          = var.virtualbox_source_ovf
  checksum             = "none"
  headless             = var.headless
  guest_additions_mode = "disable"
  vboxmanage = [
    ["modifyvm", "{{ .Name }}", "--memory", "2048", "--cpus", "2"],
  ]
  output_directory     = "${var.output_dir}/virtualbox"
  ssh_username         = "vagrant"
  ssh_private_key_file = var.vagrant_insecure_key
  ssh_timeout          = "15m"
  shutdown_command     = "sudo systemctl poweroff"
}

build {
  sources = ["source.qemu.classcord", "source.virtualbox-ovf.classcord"]

  # The disk of vm-image.sh has no boot loader and a 3 GB file system: GRUB, grow to 20 GB.
  provisioner "shell" {
    only            = ["qemu.classcord"]
    execute_command = "sudo sh -eu '{{ .Path }}'"
    script          = "${path.root}/scripts/base.sh"
  }

  provisioner "file" {
    source      = "${path.root}/files/vagrant-insecure.pub"
    destination = "/tmp/vagrant-insecure.pub"
  }

  provisioner "shell" {
    execute_command = "sudo sh -eu '{{ .Path }}'"
    script          = "${path.root}/scripts/vagrant-user.sh"
  }

  # The same playbook and role as a real server (ansible/site.yml).
  # Two blocks only because the account differs (Packer 1.6.6 has no per-source expression here).
  provisioner "ansible" {
    only             = ["qemu.classcord"]
    user             = var.ssh_username
    playbook_file    = "${path.root}/../ansible/site.yml"
    groups           = ["classcord"]
    use_proxy        = false
    extra_arguments  = local.ansible_vars
    ansible_env_vars = concat(local.ansible_env, var.ansible_extra_env)
  }

  provisioner "ansible" {
    only             = ["virtualbox-ovf.classcord"]
    user             = "vagrant"
    playbook_file    = "${path.root}/../ansible/site.yml"
    groups           = ["classcord"]
    use_proxy        = false
    extra_arguments  = local.ansible_vars
    ansible_env_vars = concat(local.ansible_env, var.ansible_extra_env)
  }

  provisioner "shell" {
    execute_command = "sudo sh -eu '{{ .Path }}'"
    script          = "${path.root}/scripts/cleanup.sh"
  }

  post-processor "vagrant" {
    output               = "${var.output_dir}/classcord-{{ .Provider }}.box"
    vagrantfile_template = "${path.root}/files/box.Vagrantfile"
    compression_level    = 6
  }
}
