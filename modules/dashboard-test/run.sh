#!/usr/bin/env bash
# The dashboard's browser tests (.ci/run, after the image is built): Debian's chromium and the
# pinned playwright-core are installed when missing, then node's test runner; non-zero on failure.
set -euo pipefail
cd "$(dirname "$0")"

if [[ ! -x /usr/bin/chromium ]]; then
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium
fi
if [[ ! -d node_modules/playwright-core ]]; then
    npm ci --no-audit --no-fund
fi
# One file at a time: each starts its own server and browser on a machine with few cores.
exec node --test --test-concurrency=1 test/*.test.js
