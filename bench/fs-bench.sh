#!/usr/bin/env bash
# The file-system benchmark (issue 16): local disk, bindfs and this project's iclient mount, side by
# side in one run; see io.proxyfs.bench.fs.FsBenchmark for what it measures.
#
#   bench/fs-bench.sh [--quick] [--runs 3] [--big-size 1g] [--swift emulator|real] [--ickpt] ...
#   bench/fs-bench.sh --help
#
# Runs from the top of the checkout; never builds (build first: mvn -B -o -q package -DskipTests).
# Needs bindfs (scripts/setup-debian.sh test installs it) and FUSE; run as root so that cold reads
# can drop the kernel's caches. Everything it starts (Swift emulator, imgr, iclient, bindfs) and
# every mount (under a fresh /tmp/fsbench-* folder) is undone when it ends, also on Ctrl-C.
# Reports: fsbench.md and fsbench.csv in that folder (or --out DIR). JAVA_HOME selects the JVM.
set -euo pipefail
top="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$top"
jar="$top/bench/target/bench-all.jar"
if [ ! -f "$jar" ]; then
    echo "fs-bench.sh: $jar is not built; run: mvn -B -o -q package -DskipTests" >&2
    exit 1
fi
if ! command -v bindfs >/dev/null 2>&1 && [[ " $* " != *" --targets "* ]]; then
    echo "fs-bench.sh: bindfs is not installed (scripts/setup-debian.sh test installs it)" >&2
    exit 1
fi
java="java"
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    java="$JAVA_HOME/bin/java"
fi
exec "$java" ${FSBENCH_JAVA_OPTS:-} -cp "$jar" io.proxyfs.bench.fs.FsBenchmark "$@"
