#!/usr/bin/env bash
# The file-system benchmark suite (issues 16 and 19): local disk, bindfs, this project's iclient mount,
# rclone mount and s3fs, with curl's PUT/GET on the same Swift as the storage ceiling, side by side in
# one run; see io.proxyfs.bench.fs.FsBenchmark for what it measures.
#
#   bench/fs-bench.sh --swift real [--runs 3] [--big-size 1g] ...   the whole suite (scripts/swift-aio.sh start first)
#   bench/fs-bench.sh [--quick] [--swift emulator] ...              without the peers (they need the real Swift)
#   bench/fs-bench.sh --help
#
# Runs from the top of the checkout; never builds (build first: mvn -B -o -q package -DskipTests).
# Needs bindfs, and for the peers rclone and s3fs (scripts/setup-debian.sh test installs them), and
# FUSE; run as root so that cold reads can drop the kernel's caches. Everything it starts (Swift
# emulator, imgr, iclient, bindfs, rclone, s3fs), every mount (under a fresh /tmp/fsbench-* folder)
# and every container it made is undone when it ends, also on Ctrl-C.
# Reports: fsbench.md, fsbench.csv and fsbench-ratios.svg in that folder (or --out DIR). JAVA_HOME
# selects the JVM.
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
