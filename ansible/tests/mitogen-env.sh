#!/usr/bin/env bash
# Prints, one NAME=value a line, the environment that makes ansible-playbook run the role through
# Mitogen's strategy (Debian's ansible-mitogen): under TCG a stock Ansible task spends about 4 s
# starting Python in the VM, a Mitogen one 0.1 to 0.5 s. Used by e2e.sh and packer/build.sh.
# Exits 1, printing nothing, when ansible-mitogen is not installed.
set -euo pipefail
# Debian's ansible-playbook runs on Debian's python3, which is where ansible-mitogen installs.
strategies=/usr/lib/python3/dist-packages/ansible_mitogen/plugins/strategy
[[ -d $strategies ]] || { echo "mitogen-env.sh: Debian's ansible-mitogen is not installed" >&2; exit 1; }
# Mitogen ignores ansible_ssh_common_args for host keys; its bootstrap under TCG takes 10 to 20 s,
# beyond Ansible's default 10 s connection timeout.
printf '%s\n' "ANSIBLE_STRATEGY_PLUGINS=$strategies" ANSIBLE_STRATEGY=mitogen_linear \
    ANSIBLE_HOST_KEY_CHECKING=False ANSIBLE_TIMEOUT=120
