#!/usr/bin/env bash
# Runs the in-process Swift emulator (io.proxyfs.iswift.Main) from the command line.
#
#   scripts/iswift.sh [--ip ADDR] [--port N] [--dir PATH] [--account USER:KEY:ACCOUNT]...
#
# Defaults match the project's real Swift (scripts/swift-aio.sh): 127.0.0.1:8080, tempauth user
# test:tester with key testing on account AUTH_test, so the same .conf files work against either.
# Objects are kept in memory unless --dir is given. Stop it with Ctrl-C or SIGTERM.
# The jar is built by `mvn -pl common package`; this script never builds it.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/common/target/common-all.jar"

if [[ ! -f "$jar" ]]; then
    echo "iswift.sh: $jar is not built; run: mvn -q -B -pl common -am package -DskipTests" >&2
    exit 1
fi

exec java ${ISWIFT_JAVA_OPTS:-} -jar "$jar" "$@"
