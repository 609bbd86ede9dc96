#!/usr/bin/env bash
# The project's whole test suite on a fresh Debian 12 machine, in one command:
#   scripts/test.sh [extra Maven arguments]
# Installs what the tests need, starts a real single-node OpenStack Swift on 127.0.0.1:8080 (unless
# one is already running, which is then left running), runs every unit and integration test
# (`mvn verify`), and stops the Swift it started. .ci/run calls exactly this.
set -euo pipefail
top="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$top"

scripts/setup-debian.sh test

started_swift=""
if ! scripts/swift-aio.sh status >/dev/null 2>&1; then
    scripts/swift-aio.sh start
    started_swift=yes
fi
cleanup() {
    if [ -n "$started_swift" ]; then
        scripts/swift-aio.sh stop || true
    fi
}
trap cleanup EXIT

export PROXYFS_REQUIRE_REAL_SWIFT=1
mvn -B -ntp verify "$@"
