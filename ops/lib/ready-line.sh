# shellcheck shell=bash
# Sourced (bash): the server's ready line, a stable interface documented in docs/DEPLOIEMENT.md:
#   ... - INFO - [SERVER] Classcord ready: chat on port N, admin API ..., database ..., logs in ...
# Scripts read it only through these functions (the Java tests through test-support's ReadyLine).

# classcord_ready_port LOG: the chat port named by the ready line in LOG; nothing before it is there.
classcord_ready_port() {
    sed -n 's/.*Classcord ready: chat on port \([0-9][0-9]*\).*/\1/p' "$1" | head -n 1
}

# classcord_await_ready LOG PID: waits up to 30 s for the ready line while process PID lives, then
# prints the chat port; returns 1 (printing nothing) if the process exits or time runs out.
classcord_await_ready() {
    local log=$1 pid=$2 port
    for _ in $(seq 300); do
        port=$(classcord_ready_port "$log")
        if [[ -n "$port" ]]; then
            echo "$port"
            return 0
        fi
        kill -0 "$pid" 2>/dev/null || return 1
        sleep 0.1
    done
    return 1
}
