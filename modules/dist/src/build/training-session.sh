#!/usr/bin/env bash
# One scripted chat session against HOST PORT, as the course clients and the extensions use it:
# the AOT training workload (build-image.sh) and a smoke test of a running image
# (ops/no-jdk-test.sh). Every request waits for its answer with a deadline; exit 1 on a wrong answer.
#   training-session.sh HOST PORT
set -euo pipefail
host=$1 port=$2
user="trainer$RANDOM"

exec 3<>"/dev/tcp/$host/$port" 4<>"/dev/tcp/$host/$port"

# expect FD PATTERN: reads lines from FD until one matches PATTERN (extended regexp), 10 s at most.
expect() {
    local fd=$1 pattern=$2 line deadline=$((SECONDS + 10))
    while ((SECONDS < deadline)); do
        IFS= read -r -t 10 -u "$fd" line || break
        echo "< $line"
        [[ $line =~ $pattern ]] && return 0
    done
    echo "training-session: no answer matching $pattern" >&2
    return 1
}
send() { echo "> $2"; printf '%s\n' "$2" >&"$1"; }

send 3 '{"type":"register","username":"'"$user"'","password":"training-pw-1"}'
expect 3 '"type":"register","status":"ok"'
send 3 '{"type":"login","username":"'"$user"'","password":"training-pw-1"}'
expect 3 '"type":"login","status":"ok"'
send 4 '{"type":"message","subtype":"global","to":"global","from":"Invité_train","content":""}'
send 4 '{"type":"users"}'
expect 4 '"type":"users"'
send 3 '{"type":"message","subtype":"global","to":"global","from":"x","content":"salut la classe"}'
expect 4 'salut la classe'
send 4 '{"type":"message","subtype":"private","to":"'"$user"'","from":"Invité_train","content":"coucou"}'
expect 3 'coucou'
send 3 '{"type":"status","state":"away"}'
expect 4 '"state":"away"'
send 3 '{"type":"join","channel":"#dev"}'
expect 3 '"type":"join","status":"ok"'
send 3 '{"type":"message","channel":"#dev","content":"hello dev"}'
send 3 '{"type":"history","channel":"#dev","limit":10}'
expect 3 '"type":"history".*hello dev'
send 3 '{"type":"channels"}'
expect 3 '"type":"channels"'
send 3 'not json'
expect 3 '"code":"bad_json"'
send 3 '{"type":"login","username":"'"$user"'","password":"wrong"}'
expect 3 '"code":"auth_failed"'
send 3 '{"type":"ping","id":"done"}'
expect 3 '"type":"pong"'
exec 3>&- 4>&-
