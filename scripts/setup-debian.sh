#!/usr/bin/env bash
# Installs, on Debian 12, what the project needs: setup-debian.sh run|test
#   run   JDK 17, Maven, curl and FUSE userspace: enough to build and run the system
#   test  the above plus what the test suite and bench/fs-bench.sh use (bindfs: the FUSE passthrough
#         baseline; rclone and s3fs: the peers, on libfuse2's fusermount); real Swift is installed by
#         scripts/swift-aio.sh
# Installs only what is missing, so it is quick on a machine that has everything.
# Needs root (or sudo) only when something is missing.
set -euo pipefail

mode="${1:-}"
case "$mode" in
    run|test) ;;
    *) echo "usage: setup-debian.sh run|test" >&2; exit 2 ;;
esac

packages=(openjdk-17-jdk-headless maven curl fuse libfuse2)
if [ "$mode" = test ]; then
    packages+=(git openssl procps sqlite3 make gcc libc6-dev attr tar chromium bindfs rclone s3fs)
fi

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
fi
echo "setup-debian.sh: installing ${missing[*]}" >&2
$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
