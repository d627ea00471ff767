#!/usr/bin/env bash
# Runs the built runtime image in the foreground from the repository root (data/ and logs/ here),
# copying its console output to logs/server_stdout.log, as the course's start_server.sh did.
# Arguments go to the server, e.g. ./start_server.sh --config my.yaml. Stop with Ctrl-C.
# Build first: ./mvnw -B -DskipTests package
set -euo pipefail
cd "$(dirname "$0")"
launcher=modules/dist/target/classcord-image/bin/classcord
if [[ ! -x "$launcher" ]]; then
    echo "start_server.sh: no runtime image yet; build it with ./mvnw -B -DskipTests package" >&2
    exit 1
fi
mkdir -p logs
# tee -i ignores the Ctrl-C meant for the server, so the shutdown lines are kept too; exec makes the
# JVM this script's process, so a SIGTERM sent to it reaches the server.
exec > >(tee -i -a logs/server_stdout.log) 2>&1
exec "$launcher" "$@"
