#!/usr/bin/env bash
# Builds the libvirt box offline: base disk, kernel, initrd and SSH key from
# ansible/tests/vm-image.sh (cached), the dist archive from vagrant/dist.sh.
# Prints the box's path. Environment: CLASSCORD_BOX_DIR (output directory, packer/output),
# PACKER_ACCELERATOR (tcg; kvm where it works), PACKER_ANSIBLE_MITOGEN (0; 1 provisions through
# Mitogen's strategy, from Debian's ansible-mitogen: under TCG a stock Ansible task spends about 4 s
# starting Python in the VM, see ansible/tests/e2e.sh).
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
cd "$REPO"
OUT=$(realpath -m "${CLASSCORD_BOX_DIR:-packer/output}")
version=$(sed -n '/<artifactId>classcord-parent</,/<version>/s:.*<version>\(.*\)</version>.*:\1:p' pom.xml)
IMAGE=$(ansible/tests/vm-image.sh)
DIST=$(vagrant/dist.sh)
echo "build.sh: base image $IMAGE, archive $DIST" >&2

rm -rf "$OUT"
mkdir -p "$(dirname "$OUT")"
accel=${PACKER_ACCELERATOR:-tcg}
cpu=max
[[ $accel == kvm ]] && cpu=host
ansible_env='[]'
if [[ ${PACKER_ANSIBLE_MITOGEN:-0} == 1 ]]; then
    mapfile -t mitogen < <(ansible/tests/mitogen-env.sh)
    ((${#mitogen[@]})) || exit 1
    ansible_env="[$(printf '"%s", ' "${mitogen[@]}" | sed 's/, $//')]"
fi
start=$SECONDS
# packer_cache under the output: a local file:// base needs no download cache to keep.
PACKER_CACHE_DIR=$OUT.cache PACKER_NO_COLOR=1 packer build -only=qemu.classcord \
    -var "base_image_url=file://$IMAGE/disk.raw" \
    -var "kernel=$IMAGE/vmlinuz" -var "initrd=$IMAGE/initrd.img" \
    -var "ssh_private_key_file=$IMAGE/id_ed25519" \
    -var "dist_archive=$DIST" -var "classcord_version=$version" \
    -var "accelerator=$accel" -var "cpu_model=$cpu" -var "output_dir=$OUT" \
    -var "ansible_extra_env=$ansible_env" \
    packer/classcord.pkr.hcl >&2
rm -rf "$OUT.cache"
box=$OUT/classcord-libvirt.box
echo "build.sh: packer build took $((SECONDS - start)) s, box $(du -h "$box" | cut -f1)" >&2
echo "$box"
