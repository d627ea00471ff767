#!/usr/bin/env bash
# Prints the path of the dist archive the VM gets, building it first if it is missing.
# Same rule as ansible/tests/e2e.sh: CLASSCORD_DIST if set, otherwise modules/dist's archive
# (built by ./mvnw -B -DskipTests package).
# With --path: prints where the archive is expected, builds nothing (the Vagrantfile's use).
set -euo pipefail
only_path=${1:-}
REPO=$(cd "$(dirname "$0")/.." && pwd)
cd "$REPO"
version=$(sed -n '/<artifactId>classcord-parent</,/<version>/s:.*<version>\(.*\)</version>.*:\1:p' pom.xml)
if [[ -n ${CLASSCORD_DIST:-} ]]; then
    dist=$CLASSCORD_DIST
else
    dist=$REPO/modules/dist/target/classcord-$version-linux-x64.tar.gz
    [[ -n $only_path || -f $dist ]] || { echo "dist.sh: building $dist (./mvnw -B -DskipTests package)" >&2; ./mvnw -B -q -DskipTests package >&2; }
fi
[[ $only_path == --path ]] && { realpath -m "$dist"; exit 0; }
[[ -f $dist ]] || { echo "dist.sh: no archive at $dist; run ./mvnw -B -DskipTests package" >&2; exit 1; }
realpath "$dist"
