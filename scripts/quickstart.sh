#!/usr/bin/env bash
# Runs ProxyFS for Java on a fresh Debian 12 machine on the embedded default, in one command:
#
#   scripts/quickstart.sh [start]    install what running needs, build, start, format and serve
#                                    (--no-build: use the jars already built; --real-swift: see below)
#   scripts/quickstart.sh stop       stop everything it started
#   scripts/quickstart.sh status     say what runs
#
# "Embedded default": the project's Swift emulator on 127.0.0.1:8080 (objects kept under
# run/iswift so they survive a restart) instead of a real OpenStack Swift; one ickpt (its RocksDB
# in run/ickptDB) keeping imgr's checkpoints; imgr on its dev.conf ports (RetryRPC 32356, status
# page http://127.0.0.1:15346/); container "con" formatted (once) and served as volume "testvol",
# like the original's `mkmount.sh -fs`; and iclient mounting it at /tmp/proxyfs-mnt (its dev.conf;
# status page http://127.0.0.1:15347/).
# With --real-swift it uses the real Swift of scripts/swift-aio.sh instead of the emulator.
# State (pids, logs, objects) lives in run/ at the top of the checkout.
set -euo pipefail
top="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$top"
run="${PROXYFS_RUN_DIR:-$top/run}"   # state: pids, logs, objects (PROXYFS_RUN_DIR moves it)
mnt=/tmp/proxyfs-mnt        # iclient/dev.conf's MountPointDirPath

usage() { echo "usage: quickstart.sh [start [--real-swift] [--no-build]] | stop | status" >&2; exit 2; }

action="${1:-start}"
[ $# -gt 0 ] && shift
real_swift=""
build=yes
for a in "$@"; do
    case "$a" in
        --real-swift) real_swift=yes ;;
        --no-build) build="" ;;
        *) usage ;;
    esac
done

mounted() { grep -qs " $mnt " /proc/mounts; }   # also true for a dead FUSE mount, unlike mountpoint(1)

alive() { [ -f "$run/$1.pid" ] && kill -0 "$(cat "$run/$1.pid")" 2>/dev/null; }

wait_http() { # URL SECONDS NAME
    local i
    for ((i = 0; i < $2 * 10; i++)); do
        if curl -s -f -o /dev/null "$1"; then return 0; fi
        sleep 0.1
    done
    echo "quickstart.sh: $3 did not answer $1 within $2 s; see $run/$3.log" >&2
    return 1
}

stop_one() { # NAME
    if alive "$1"; then
        kill -TERM "$(cat "$run/$1.pid")"
        for _ in $(seq 1 100); do alive "$1" || break; sleep 0.1; done
        if alive "$1"; then kill -KILL "$(cat "$run/$1.pid")"; fi
        echo "stopped $1"
    fi
    rm -f "$run/$1.pid"
}

case "$action" in
    stop)
        stop_one iclient          # SIGTERM: iclient writes back what is dirty and unmounts
        if mounted; then fusermount -u "$mnt" 2>/dev/null || fusermount -u -z "$mnt" 2>/dev/null || umount -l "$mnt" || true; fi
        stop_one imgr
        stop_one ickpt
        stop_one iswift
        if [ -f "$run/swift-aio.started" ]; then scripts/swift-aio.sh stop; rm -f "$run/swift-aio.started"; fi
        exit 0 ;;
    status)
        for d in iswift ickpt imgr iclient; do
            if alive "$d"; then echo "$d running (pid $(cat "$run/$d.pid"))"; else echo "$d not running"; fi
        done
        exit 0 ;;
    start) ;;
    *) usage ;;
esac

scripts/setup-debian.sh run
mkdir -p "$run"
if [ -n "$build" ]; then
    echo "building (log: $run/build.log)"
    if ! mvn -B -ntp package -DskipTests >"$run/build.log" 2>&1; then
        tail -30 "$run/build.log" >&2
        echo "quickstart.sh: the build failed; see $run/build.log" >&2
        exit 1
    fi
fi

if [ -n "$real_swift" ]; then
    if ! scripts/swift-aio.sh status >/dev/null 2>&1; then
        scripts/swift-aio.sh start
        touch "$run/swift-aio.started"
    fi
elif ! alive iswift; then
    if curl -s -o /dev/null http://127.0.0.1:8080/healthcheck; then
        echo "quickstart.sh: something already listens on 127.0.0.1:8080 (a real Swift?); stop it, or use --real-swift" >&2
        exit 1
    fi
    nohup scripts/iswift.sh --dir "$run/iswift" >"$run/iswift.log" 2>&1 &
    echo $! >"$run/iswift.pid"
fi
wait_http http://127.0.0.1:8080/healthcheck 60 iswift

if ! alive ickpt; then
    nohup ickpt/ickpt ickpt/dev.conf "ICKPT.DataBasePath=$run/ickptDB" >"$run/ickpt.log" 2>&1 &
    echo $! >"$run/ickpt.pid"
fi
wait_http http://127.0.0.1:33123/version 60 ickpt

if ! alive imgr; then
    nohup imgr/imgr imgr/dev.conf "IMGR.ServedVolumesFilePath=$run/imgr-volumes.json" \
        "IMGR.CheckPointIPAddrs=127.0.0.1" >"$run/imgr.log" 2>&1 &
    echo $! >"$run/imgr.pid"
fi
wait_http http://127.0.0.1:15346/version 60 imgr

# Format (once) and serve testvol, as the original's `mkmount.sh -fs`.
imgr/mkmount.sh -f -s

if ! alive iclient; then
    if mounted; then
        echo "quickstart.sh: $mnt holds a mount left by an iclient that did not stop cleanly; unmounting it"
        fusermount -u -z "$mnt" 2>/dev/null || umount -l "$mnt"
    fi
    mkdir -p "$mnt"
    nohup iclient/iclient iclient/dev.conf >"$run/iclient.log" 2>&1 &
    echo $! >"$run/iclient.pid"
fi
wait_http http://127.0.0.1:15347/version 60 iclient
for _ in $(seq 1 100); do mounted && break; sleep 0.1; done
mounted || { echo "quickstart.sh: iclient did not mount $mnt; see $run/iclient.log" >&2; exit 1; }

cat <<EOT

ProxyFS is mounted at $mnt (volume testvol in container con).
Status pages: imgr http://127.0.0.1:15346/volume   iclient http://127.0.0.1:15347/   ickpt http://127.0.0.1:33123/
Swift: http://127.0.0.1:8080 (test:tester / testing).  Logs: $run/*.log
Stop everything (iclient writes back and unmounts first): scripts/quickstart.sh stop
EOT
