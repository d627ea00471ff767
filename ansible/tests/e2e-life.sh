# Sourced by ansible/tests/e2e.sh (its functions and variables) in the scope "all":
# a school server's life after its first install.
# shellcheck shell=bash disable=SC2154
# Release N+1: the same image repacked under another version with a marker file (the role keys
# releases on version and archive checksum). A broken release: only a launcher that exits at once,
# so the chat port never listens; the role needs nothing else of it, and a small archive spares
# the copy and unpack of a whole image under TCG.
step "archives for the upgrade (N+1) and for a release that never becomes ready"
mkdir -p "$WORK/tree" "$WORK/broken/classcord-e2e-broken/bin"
tar -xzf "$DIST" -C "$WORK/tree"
top=$(ls "$WORK/tree")
mv "$WORK/tree/$top" "$WORK/tree/classcord-e2e-next"
echo "e2e upgrade of $version" > "$WORK/tree/classcord-e2e-next/E2E-NEXT"
NEXT=$WORK/classcord-e2e-next-linux-x64.tar.gz
tar -C "$WORK/tree" -I 'gzip -1' -cf "$NEXT" classcord-e2e-next
printf '#!/bin/sh\necho "e2e: this release never becomes ready" >&2\nexit 1\n' > "$WORK/broken/classcord-e2e-broken/bin/classcord"
chmod -R 755 "$WORK/broken"
BROKEN=$WORK/classcord-e2e-broken-linux-x64.tar.gz
tar -C "$WORK/broken" -czf "$BROKEN" classcord-e2e-broken
rm -rf "$WORK/tree" "$WORK/broken"
ls -l "$NEXT" "$BROKEN"
release() { vm readlink /opt/classcord/current; }
starts_since() { vm sudo journalctl -u classcord.service --since "@$1" --no-pager -o cat | grep -c '^Started ' || true; }

step "upgrade to N+1: data kept, one restart, a pre-upgrade backup"
client register "eleve_$$" "mdp-eleve" >/dev/null || fail "register eleve"
release_n=$(release)
since=$(vm date +%s)
t0=$SECONDS
playbook upgrade -e classcord_version=e2e-next -e "classcord_dist_archive=$NEXT" || fail "upgrade run failed"
T_UPGRADE=$((SECONDS - t0))
release_next=$(release)
echo "release: $release_n -> $release_next"
[[ $release_next == releases/classcord-e2e-next-* ]] || fail "current is not the N+1 release"
vm test -f /opt/classcord/current/E2E-NEXT || fail "N+1 marker missing"
[[ $(vm readlink /opt/classcord/previous) == "$release_n" ]] || fail "previous is not release N"
starts=$(starts_since "$since")
echo "classcord.service started $starts time(s) during the upgrade"
[[ $starts == 1 ]] || fail "the upgrade started the server $starts times"
vm sudo find /var/backups/classcord/pre-upgrade -name 'classcord-*.db' -printf '%p %s bytes\n' | tee "$WORK/preupgrade.txt"
grep -q "pre-upgrade/${release_next#releases/}/classcord-" "$WORK/preupgrade.txt" || fail "no pre-upgrade backup for $release_next"
client login "eleve_$$" "mdp-eleve" >/dev/null || fail "account lost by the upgrade"
echo "upgrade ok in $T_UPGRADE s: eleve_$$ logs in on N+1"

step "a release that fails its readiness check: the play fails, N+1 runs again with its data"
client register "pendant_$$" "mdp-pendant" >/dev/null || fail "register pendant"
t0=$SECONDS
if playbook broken -e classcord_version=e2e-broken -e "classcord_dist_archive=$BROKEN"; then fail "the play succeeded with a broken release"; fi
T_BROKEN=$((SECONDS - t0))
grep -o 'did not become ready.*' "$WORK/broken.log" | head -1
grep -q 'runs classcord-e2e-next' "$WORK/broken.log" || fail "the play's failure does not say it went back to N+1"
[[ $(release) == "$release_next" ]] || fail "current is $(release), not back on $release_next"
vm sudo systemctl is-active classcord.service || fail "classcord not active after the rollback"
client login "pendant_$$" "mdp-pendant" >/dev/null || fail "data of N+1 lost by the rollback"
vm sudo ls /var/backups/classcord/pre-upgrade /var/lib/classcord
echo "rollback ok in $T_BROKEN s: back on $release_next, pendant_$$ logs in"

step "an SSH whitelist without this machine is refused before anything changes"
if playbook ssh-lockout -e classcord_version=e2e-next -e "classcord_dist_archive=$NEXT" \
        -e '{"classcord_ssh_allowed_networks": ["192.0.2.0/24"]}'; then
    fail "the play accepted an SSH whitelist that locks the controller out"
fi
grep -o 'Refused: ufw would cut.*' "$WORK/ssh-lockout.log" | head -1 || fail "no refusal message"
grep -Eq 'e2e-vm +: ok=[0-9]+ +changed=0 ' "$WORK/ssh-lockout.log" || fail "the refused run changed something"
vm true || fail "SSH lost"

step "from any to a chat whitelist without this machine: chat refused, SSH kept"
# A change of whitelist touches the firewall's rules and the unit (its IPAddressAllow), and with
# the unit a restart. It also finishes the clean-up of the rolled-back attempt, and only of it: its
# release, archive and set-aside backup go, and N+1's archive, which that attempt removed as another
# version's, comes back. Any other change is a task that does not converge after an upgrade and a
# rollback (the second run checked convergence after a first install).
vm test ! -e /opt/classcord/archives/classcord-e2e-next-linux-x64.tar.gz \
    || fail "N+1's archive is still there: the rolled-back attempt should have removed it"
t0=$SECONDS
playbook whitelist -e classcord_version=e2e-next -e "classcord_dist_archive=$NEXT" \
    -e '{"classcord_chat_allowed_networks": ["192.0.2.0/24"], "classcord_ssh_allowed_networks": ["10.0.2.0/24"]}' \
    || fail "whitelist run failed"
T_WHITELIST=$((SECONDS - t0))
awk '/^(TASK|RUNNING HANDLER) \[/ { task = $0; sub(/^[^[]*\[classcord : /, "", task); sub(/\].*/, "", task) }
     /^changed: / { item = $0; sub(/^changed: \[[^]]*\]( => \(item=)?/, "", item); sub(/\) *$/, "", item)
                    print task (item == "" ? "" : " | " item) }' "$WORK/whitelist.log" | tee "$WORK/whitelist-changed.txt"
unexpected=$(grep -Ev -e '^(Allow SSH|Allow the chat port|Delete the role.s rules that are no longer configured)( \||$)' \
    -e '^(Install the systemd unit|Enable and start classcord, restarted for a new release, configuration or unit|Copy the dist archive)$' \
    -e '^(Remove releases older than the previous one, and their pre-upgrade backups|Remove the archives of other versions) \| .*e2e-broken' \
    "$WORK/whitelist-changed.txt" || true)
[[ -z $unexpected ]] || fail "the whitelist run changed what a whitelist does not touch: $unexpected"
[[ $(release) == "$release_next" ]] || fail "the whitelist run switched the release to $(release)"
# verbose: the same "ALLOW IN" columns as the first ufw check (plain status says "ALLOW").
vm sudo ufw status verbose | tee "$WORK/ufw-whitelist.txt"
grep -Eq '^12345/tcp +ALLOW IN +192\.0\.2\.0/24' "$WORK/ufw-whitelist.txt" || fail "no whitelist rule for the chat port"
if grep -Eq '^12345/tcp( \(v6\))? +ALLOW IN +Anywhere' "$WORK/ufw-whitelist.txt"; then fail "the old 'any' chat rule is still there"; fi
if grep -Eq '^22/tcp( \(v6\))? +ALLOW IN +Anywhere' "$WORK/ufw-whitelist.txt"; then fail "the old 'any' SSH rule is still there"; fi
if client probe; then fail "the chat port still answers a client outside the whitelist"; fi
vm true || fail "SSH lost by the whitelist"
echo "whitelist ok in $T_WHITELIST s: chat refused to 10.0.2.2, SSH kept"

