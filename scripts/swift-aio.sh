#!/usr/bin/env bash
#
# swift-aio.sh - a real, single-node OpenStack Swift ("all in one") bound to
# loopback only, for ProxyFS tests and benchmarks.
#
#   scripts/swift-aio.sh start    install (if needed), configure and start
#   scripts/swift-aio.sh stop     stop ONLY the processes this script started
#   scripts/swift-aio.sh status   print running / not running (exit 0 / 1)
#   scripts/swift-aio.sh kill-object    kill -9 the object server (crash tests)
#   scripts/swift-aio.sh kill-object-worker
#                                       kill -9 the object server's worker
#                                       process; its parent starts another
#   scripts/swift-aio.sh start-object   start the object server again if it is
#                                       not running, wait for its healthcheck
#
# Endpoints once started:
#   proxy        http://127.0.0.1:8080   (auth: /auth/v1.0, user test:tester,
#                                          key testing, account AUTH_test;
#                                          S3 API via s3api on the same port)
#   object       127.0.0.1:6200
#   container    127.0.0.1:6201
#   account      127.0.0.1:6202
#   memcached    127.0.0.1:11211 (reused if something already listens there)
#
# Environment:
#   SWIFT_AIO_DIR            state directory   (default /tmp/proxyfs-swift-aio)
#   SWIFT_AIO_START_TIMEOUT  seconds to wait for the healthchecks (default 60)
#   SWIFT_AIO_WORKERS        worker processes for proxy and object server:
#                            a positive integer, or auto (Swift's own default:
#                            one per effective CPU core); default 1, which keeps
#                            the test suite's Swift small. Benchmarks use auto
#                            (bench/fs-bench.sh says which the Swift it measured
#                            ran).
#
# Everything (configs, rings, device directory, logs, pids) lives under
# SWIFT_AIO_DIR; /etc/swift is neither read nor written: the servers are
# started through a tiny launcher that points Swift's hard-coded
# /etc/swift/swift.conf at "$SWIFT_AIO_DIR/etc/swift.conf".
# No system service manager is used; daemons are started directly, each in its
# own session/process group, and stopped by their recorded pids.

set -euo pipefail

readonly AIO_DIR="${SWIFT_AIO_DIR:-/tmp/proxyfs-swift-aio}"
readonly START_TIMEOUT="${SWIFT_AIO_START_TIMEOUT:-60}"
readonly WORKERS="${SWIFT_AIO_WORKERS:-1}"

readonly BIND_IP=127.0.0.1
readonly PROXY_PORT=8080
readonly OBJECT_PORT=6200
readonly CONTAINER_PORT=6201
readonly ACCOUNT_PORT=6202
readonly MEMCACHE_PORT=11211

readonly ETC_DIR="$AIO_DIR/etc"
readonly DEVICES_DIR="$AIO_DIR/srv/node"
readonly DEVICE=d1
readonly RUN_DIR="$AIO_DIR/run"
readonly LOG_DIR="$AIO_DIR/log"
readonly CACHE_DIR="$AIO_DIR/cache"
readonly BIN_DIR="$AIO_DIR/bin"
readonly LAUNCHER="$BIN_DIR/swift-aio-server"
readonly MEMCACHED_EXTERNAL_MARK="$RUN_DIR/memcached.external"

# Swift's own interpreter (a pyenv/venv python3 earlier in PATH would not see
# Debian's python3-swift).
readonly PY=/usr/bin/python3

readonly SERVERS=(account-server container-server object-server proxy-server)
readonly PACKAGES=(swift swift-proxy swift-account swift-container swift-object memcached)

# --------------------------------------------------------------------------
# helpers

usage() {
    cat >&2 <<EOF
usage: $(basename "$0") start|stop|status|kill-object|kill-object-worker|start-object

  start   install Debian's swift + memcached if missing, write a single-node
          config under \$SWIFT_AIO_DIR (default /tmp/proxyfs-swift-aio), start
          memcached and the account/container/object/proxy servers on
          127.0.0.1 and wait for http://127.0.0.1:$PROXY_PORT/healthcheck
  stop    stop only what 'start' started (pids in \$SWIFT_AIO_DIR/run)
  status  print 'running' (exit 0) or 'not running' (exit 1)
  kill-object   for crash tests: SIGKILL the object server this script
                started (its whole process group: no clean shutdown, PUTs in
                flight are cut); the other servers keep running
  kill-object-worker  for crash tests: SIGKILL the object server's worker
                process(es), which serve the requests (PUTs in flight are cut);
                the server's parent process keeps the listening socket and
                starts new workers at once; waits for the healthcheck. The
                proxy sees no refused connections, only the cut requests, so it
                rarely error-limits the node (kill-object makes it do so: 60 s
                of 503s for every object on this one-replica ring; so does a
                worker kill under heavy traffic)
  start-object  start the object server alone again (if it is not running)
                and wait for its healthcheck; the other servers are untouched
EOF
    exit 2
}

log() { printf 'swift-aio: %s\n' "$*"; }
die() { printf 'swift-aio: ERROR: %s\n' "$*" >&2; exit 1; }

# port_in_use PORT: true if something accepts TCP connections on 127.0.0.1:PORT
port_in_use() {
    (exec 3<>"/dev/tcp/$BIND_IP/$1") 2>/dev/null
}

# pid_file NAME
pid_file() { printf '%s/%s.pid' "$RUN_DIR" "$1"; }

# our_pid NAME: print the recorded pid of NAME if that process is still alive
# and is really the one we started (its command line mentions our state dir
# or, for memcached, our pid file); guards against pid reuse.
our_pid() {
    local f pid cmdline
    f="$(pid_file "$1")"
    [[ -r "$f" ]] || return 1
    pid="$(<"$f")"
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    [[ -r "/proc/$pid/cmdline" ]] || return 1
    cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
    case "$1" in
        memcached) [[ "$cmdline" == *memcached* && "$cmdline" == *"$AIO_DIR"* ]] || return 1 ;;
        *) [[ "$cmdline" == *"$LAUNCHER"* ]] || return 1 ;;
    esac
    printf '%s' "$pid"
}

# healthcheck_ok PORT: true if GET http://127.0.0.1:PORT/healthcheck answers
# 200 within 2 s. Pure bash (no curl/python process per poll).
healthcheck_ok() {
    (
        exec 3<>"/dev/tcp/$BIND_IP/$1" || exit 1
        printf 'GET /healthcheck HTTP/1.0\r\nHost: %s:%s\r\n\r\n' "$BIND_IP" "$1" >&3
        IFS= read -r -t 2 line <&3 || exit 1
        [[ "$line" == HTTP/1.?\ 200* ]]
    ) 2>/dev/null
}

# --------------------------------------------------------------------------
# installation

ensure_packages() {
    local missing=() p
    for p in "${PACKAGES[@]}"; do
        if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
            missing+=("$p")
        fi
    done
    ((${#missing[@]} == 0)) && return 0
    [[ "$(id -u)" == 0 ]] || die "missing packages (${missing[*]}); run as root or install them first"
    log "installing ${missing[*]} (apt-get) ..."
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null || die "apt-get update failed"
    apt-get install -y -qq "${missing[@]}" >"$AIO_DIR/apt-install.log" 2>&1 \
        || { tail -n 20 "$AIO_DIR/apt-install.log" >&2; die "apt-get install failed"; }
}

# --------------------------------------------------------------------------
# configuration

write_launcher() {
    mkdir -p "$BIN_DIR"
    cat >"$LAUNCHER" <<'EOF'
# swift-aio launcher: swift-aio-server SWIFT_CONF SERVER_NAME CONF_FILE [-v]
# Like /usr/bin/swift-*-server, but reads swift.conf from SWIFT_CONF instead
# of the hard-coded /etc/swift/swift.conf. swift.common.utils already read
# the hash prefix/suffix from /etc/swift/swift.conf (if present) at import;
# set_swift_dir() resets them and re-validates from our file. This must
# happen before swift's constraints / storage_policy modules are imported.
import os
import sys
from swift.common import utils
utils.set_swift_dir(os.path.dirname(sys.argv.pop(1)))
server = sys.argv.pop(1)
from swift.common.wsgi import run_wsgi
kwargs = {}
if server == 'object-server':
    from swift.obj import server as obj_server
    kwargs['global_conf_callback'] = obj_server.global_conf_callback
conf_file, options = utils.parse_options()
options.update(kwargs)
sys.exit(run_wsgi(conf_file, server, **options))
EOF
}

write_swift_conf() {
    # keep an existing swift.conf: the hash path prefix/suffix decide where
    # objects live on disk and must not change under existing data.
    [[ -s "$ETC_DIR/swift.conf" ]] && return 0
    local prefix suffix
    prefix="$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
    suffix="$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
    cat >"$ETC_DIR/swift.conf" <<EOF
# generated by scripts/swift-aio.sh
[swift-hash]
swift_hash_path_prefix = proxyfs-aio-$prefix
swift_hash_path_suffix = proxyfs-aio-$suffix

[storage-policy:0]
name = Policy-0
default = yes

[swift-constraints]
EOF
}

# common [DEFAULT] lines
default_section() {
    local port="$1" name="$2" workers="$3"
    cat <<EOF
# generated by scripts/swift-aio.sh -- regenerated on every start
[DEFAULT]
bind_ip = $BIND_IP
bind_port = $port
workers = $workers
user = $(id -un)
swift_dir = $ETC_DIR
devices = $DEVICES_DIR
mount_check = false
recon_cache_path = $CACHE_DIR
log_name = $name
log_level = INFO
EOF
}

# Writes the config of one storage server (account, container or object): KIND PORT WORKERS
storage_server_conf() {
    local kind="$1" port="$2" workers="$3"
    {
        default_section "$port" "$kind-server" "$workers"
        cat <<EOF

[pipeline:main]
pipeline = healthcheck $kind-server

[app:$kind-server]
use = egg:swift#$kind

[filter:healthcheck]
use = egg:swift#healthcheck
EOF
    } >"$ETC_DIR/$kind-server.conf"
}

write_server_confs() {
    storage_server_conf account "$ACCOUNT_PORT" 1
    storage_server_conf container "$CONTAINER_PORT" 1
    storage_server_conf object "$OBJECT_PORT" "$WORKERS"

    {
        default_section "$PROXY_PORT" proxy-server "$WORKERS"
        cat <<EOF

[pipeline:main]
pipeline = catch_errors gatekeeper healthcheck proxy-logging cache listing_formats s3api tempauth copy slo dlo versioned_writes proxy-logging proxy-server

[app:proxy-server]
use = egg:swift#proxy
allow_account_management = true
account_autocreate = true

[filter:catch_errors]
use = egg:swift#catch_errors

[filter:gatekeeper]
use = egg:swift#gatekeeper

[filter:healthcheck]
use = egg:swift#healthcheck

[filter:proxy-logging]
use = egg:swift#proxy_logging

[filter:cache]
use = egg:swift#memcache
memcache_servers = $BIND_IP:$MEMCACHE_PORT

[filter:listing_formats]
use = egg:swift#listing_formats

[filter:s3api]
use = egg:swift#s3api

[filter:tempauth]
use = egg:swift#tempauth
user_test_tester = testing .admin

[filter:copy]
use = egg:swift#copy

[filter:slo]
use = egg:swift#slo

[filter:dlo]
use = egg:swift#dlo

[filter:versioned_writes]
use = egg:swift#versioned_writes
EOF
    } >"$ETC_DIR/proxy-server.conf"
}

# build_rings: account, container and object rings with one replica, one
# device (d1) each, partition power 10 -- the equivalent of
#   swift-ring-builder TYPE.builder create 10 1 1
#   swift-ring-builder TYPE.builder add r1z1-127.0.0.1:PORT/d1 100
#   swift-ring-builder TYPE.builder rebalance
# but done with swift's RingBuilder in one python process, because every
# swift-ring-builder call costs about a second of python start-up here.
# A ring is rebuilt only if missing or built for another port.
build_rings() {
    local type port todo=()
    for type in account container object; do
        case "$type" in
            account) port="$ACCOUNT_PORT" ;;
            container) port="$CONTAINER_PORT" ;;
            object) port="$OBJECT_PORT" ;;
        esac
        if [[ -s "$ETC_DIR/$type.ring.gz" && -s "$ETC_DIR/$type.builder" \
            && "$(cat "$ETC_DIR/$type.port" 2>/dev/null)" == "$port" ]]; then
            continue
        fi
        rm -f "$ETC_DIR/$type.ring.gz" "$ETC_DIR/$type.builder" "$ETC_DIR/$type.port"
        todo+=("$type:$port")
    done
    ((${#todo[@]} == 0)) && return 0
    "$PY" - "$ETC_DIR" "$BIND_IP" "$DEVICE" "${todo[@]}" >>"$LOG_DIR/ring-builder.log" 2>&1 <<'EOF' \
        || die "building the rings failed (see $LOG_DIR/ring-builder.log)"
import os
import sys
from swift.common.ring import RingBuilder
etc, ip, device = sys.argv[1:4]
for spec in sys.argv[4:]:
    ring_type, port = spec.split(':')
    b = RingBuilder(10, 1, 1)
    b.add_dev({'region': 1, 'zone': 1, 'ip': ip, 'port': int(port),
               'replication_ip': ip, 'replication_port': int(port),
               'device': device, 'weight': 100.0, 'meta': ''})
    b.rebalance()
    b.save(os.path.join(etc, ring_type + '.builder'))
    b.get_ring().save(os.path.join(etc, ring_type + '.ring.gz'))
    with open(os.path.join(etc, ring_type + '.port'), 'w') as f:
        f.write(port + '\n')
    print('built %s ring: %d partitions, 1 replica, device %s:%s/%s'
          % (ring_type, b.parts, ip, port, device))
EOF
    for type in account container object; do
        [[ -s "$ETC_DIR/$type.ring.gz" ]] || die "no $type ring after building (see $LOG_DIR/ring-builder.log)"
    done
}

configure() {
    mkdir -p "$ETC_DIR" "$DEVICES_DIR/$DEVICE" "$RUN_DIR" "$LOG_DIR" "$CACHE_DIR"
    write_launcher
    write_swift_conf
    write_server_confs
    build_rings
}

# --------------------------------------------------------------------------
# processes

start_memcached() {
    rm -f "$MEMCACHED_EXTERNAL_MARK"
    if our_pid memcached >/dev/null; then
        return 0
    fi
    if port_in_use "$MEMCACHE_PORT"; then
        log "memcached: reusing the one already listening on $BIND_IP:$MEMCACHE_PORT (will not stop it)"
        : >"$MEMCACHED_EXTERNAL_MARK"
        return 0
    fi
    # runs in the foreground (no -d) so that $! is its pid; -P is given mainly
    # so that our_pid can recognise the process by its command line.
    setsid memcached -l "$BIND_IP" -p "$MEMCACHE_PORT" -U 0 -m 64 -u "$(id -un)" \
        -P "$RUN_DIR/memcached.self.pid" \
        </dev/null >>"$LOG_DIR/memcached.log" 2>&1 9>&- &
    echo $! >"$(pid_file memcached)"
}

start_server() {
    local name="$1" conf="$ETC_DIR/$1.conf"
    printf '===== swift-aio start %s =====\n' "$(date -u +%FT%TZ)" >>"$LOG_DIR/$name.log"
    setsid "$PY" "$LAUNCHER" "$ETC_DIR/swift.conf" "$name" "$conf" -v \
        </dev/null >>"$LOG_DIR/$name.log" 2>&1 9>&- &
    echo $! >"$(pid_file "$name")"
}

# alive PID: process exists and is not a zombie (a container's pid 1 may not
# reap the daemons once this script has exited)
alive() {
    local state
    state="$(awk '/^State:/ {print $2}' "/proc/$1/status" 2>/dev/null)" || return 1
    [[ -n "$state" && "$state" != Z ]]
}

# stop_all: TERM every process group we started (all at once: each swift
# server needs a few seconds to wind down), wait up to 10 s, then KILL.
# Each daemon was started with setsid, so its pid is its process group id
# and the group holds exactly it and its forked workers.
stop_all() {
    local name pid i alive
    local -A pids=()
    for name in proxy-server object-server container-server account-server memcached; do
        if pid="$(our_pid "$name")"; then
            pids[$name]="$pid"
            if [[ "$(ps -o pgid= -p "$pid" | tr -d ' ')" == "$pid" ]]; then
                kill -TERM -- "-$pid" 2>/dev/null || true
            else
                kill -TERM "$pid" 2>/dev/null || true
            fi
        fi
        rm -f "$(pid_file "$name")"
    done
    for ((i = 0; i < 100; i++)); do
        alive=0
        for pid in "${pids[@]}"; do
            alive "$pid" && alive=1
        done
        ((alive)) || break
        sleep 0.1
    done
    for name in "${!pids[@]}"; do
        pid="${pids[$name]}"
        if alive "$pid"; then
            log "$name (pid $pid) did not exit on TERM within 10 s, killing"
            kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
        fi
        # kill any of our workers left behind in the group
        ps -o pid=,args= -g "$pid" 2>/dev/null | while read -r w args; do
            if [[ "$args" == *"$AIO_DIR"* ]]; then kill -KILL "$w" 2>/dev/null || true; fi
        done
        log "stopped $name (pid $pid)"
    done
    rm -f "$RUN_DIR/memcached.self.pid"
    ((${#pids[@]} > 0))
}

# running_count: how many of our processes are alive (prints the number)
running_count() {
    local n=0 name
    for name in "${SERVERS[@]}"; do
        our_pid "$name" >/dev/null && n=$((n + 1))
    done
    printf '%d' "$n"
}

memcached_ok() {
    our_pid memcached >/dev/null || { [[ -e "$MEMCACHED_EXTERNAL_MARK" ]] && port_in_use "$MEMCACHE_PORT"; }
}

all_running() {
    [[ "$(running_count)" == "${#SERVERS[@]}" ]] && memcached_ok \
        && healthcheck_ok "$PROXY_PORT"
}

dump_logs() {
    local f
    for f in "$LOG_DIR"/*.log; do
        [[ -e "$f" ]] || continue
        printf '\n===== tail of %s =====\n' "$f" >&2
        tail -n 25 "$f" >&2
    done
}

# --------------------------------------------------------------------------
# commands

do_stop() {
    if stop_all; then log "stopped"; else log "not running"; fi
    rm -f "$MEMCACHED_EXTERNAL_MARK"
}

do_start() {
    local t0 name port deadline ms
    t0=$(date +%s%N)
    if all_running; then
        log "already running (proxy http://$BIND_IP:$PROXY_PORT, state $AIO_DIR)"
        if [[ -n "${SWIFT_AIO_WORKERS:-}" && "$(conf_workers object-server)" != "$WORKERS" ]]; then
            log "note: it runs workers = $(conf_workers object-server), not $WORKERS; 'stop' first to change that"
        fi
        return 0
    fi
    mkdir -p "$AIO_DIR"
    if [[ "$(running_count)" != 0 ]] || our_pid memcached >/dev/null; then
        log "partially running; restarting"
        do_stop >/dev/null
    fi
    ensure_packages
    command -v swift-ring-builder >/dev/null || die "swift-ring-builder not found"
    [[ -x "$PY" ]] || die "$PY not found"

    for port in "$PROXY_PORT" "$OBJECT_PORT" "$CONTAINER_PORT" "$ACCOUNT_PORT"; do
        port_in_use "$port" && die "port $BIND_IP:$port is already in use by another process"
    done

    configure
    start_memcached
    for name in "${SERVERS[@]}"; do
        start_server "$name"
    done

    deadline=$(($(date +%s) + START_TIMEOUT))
    local pending=("$PROXY_PORT" "$ACCOUNT_PORT" "$CONTAINER_PORT" "$OBJECT_PORT")
    while :; do
        local still=()
        for port in "${pending[@]}"; do
            healthcheck_ok "$port" || still+=("$port")
        done
        ((${#still[@]} == 0)) && break
        pending=("${still[@]}")
        for name in "${SERVERS[@]}" memcached; do
            if [[ "$name" == memcached && -e "$MEMCACHED_EXTERNAL_MARK" ]]; then continue; fi
            if ! our_pid "$name" >/dev/null; then
                dump_logs
                do_stop >/dev/null
                die "$name exited during start-up (logs above, full logs in $LOG_DIR)"
            fi
        done
        if (($(date +%s) >= deadline)); then
            dump_logs
            do_stop >/dev/null
            die "no healthcheck answer on port(s) ${pending[*]} after ${START_TIMEOUT}s (logs above, full logs in $LOG_DIR)"
        fi
        sleep 0.2
    done
    ms=$((($(date +%s%N) - t0) / 1000000))
    log "started in $((ms / 1000)).$(((ms % 1000) / 100))s:" \
        "proxy http://$BIND_IP:$PROXY_PORT (auth /auth/v1.0 test:tester/testing), state $AIO_DIR"
}

# do_kill_object: SIGKILL the object server's process group (the server and its
# forked workers) and wait until it is gone.
do_kill_object() {
    local pid i
    pid="$(our_pid object-server)" || die "the object server is not running (or was not started by this script)"
    if [[ "$(ps -o pgid= -p "$pid" | tr -d ' ')" == "$pid" ]]; then
        kill -KILL -- "-$pid" 2>/dev/null || true
    else
        kill -KILL "$pid" 2>/dev/null || true
    fi
    for ((i = 0; i < 100; i++)); do
        alive "$pid" || break
        sleep 0.1
    done
    alive "$pid" && die "object server (pid $pid) survived SIGKILL"
    log "killed the object server (pid $pid) with SIGKILL"
}

# live_children PID: the pids of PID's children that are not zombies
live_children() {
    ps -o pid=,stat= --ppid "$1" | awk '$2 !~ /^Z/ {printf "%s ", $1}'
}

# conf_workers NAME: the workers setting the running server NAME was started with
conf_workers() {
    awk -F' *= *' '$1 == "workers" {print $2; exit}' "$ETC_DIR/$1.conf"
}

# do_kill_object_worker: SIGKILL the object server's workers (the children of
# the process 'start' recorded) and wait until a new one answers the healthcheck.
do_kill_object_worker() {
    local pid workers w i deadline
    pid="$(our_pid object-server)" || die "the object server is not running (or was not started by this script)"
    workers="$(live_children "$pid")"
    [[ -n "${workers// /}" ]] || die "the object server (pid $pid) has no worker process"
    for w in $workers; do
        kill -KILL "$w" 2>/dev/null || true
    done
    for w in $workers; do
        for ((i = 0; i < 100; i++)); do
            alive "$w" || break
            sleep 0.1
        done
    done
    deadline=$(($(date +%s) + START_TIMEOUT))
    until [[ -n "$(live_children "$pid")" ]] && healthcheck_ok "$OBJECT_PORT"; do
        our_pid object-server >/dev/null || die "the object server (pid $pid) exited after its workers were killed"
        (($(date +%s) < deadline)) || die "the object server started no new worker within ${START_TIMEOUT}s"
        sleep 0.1
    done
    log "killed the object server's worker(s) $workers with SIGKILL; new worker(s): $(live_children "$pid")"
}

# do_start_object: start the object server alone (if not running) and wait for
# its healthcheck; the configuration 'start' wrote is reused.
do_start_object() {
    local deadline
    if our_pid object-server >/dev/null; then
        log "object server already running"
        return 0
    fi
    [[ -s "$ETC_DIR/object-server.conf" ]] || die "no $ETC_DIR/object-server.conf; run '$(basename "$0") start' first"
    port_in_use "$OBJECT_PORT" && die "port $BIND_IP:$OBJECT_PORT is already in use by another process"
    start_server object-server
    deadline=$(($(date +%s) + START_TIMEOUT))
    until healthcheck_ok "$OBJECT_PORT"; do
        if ! our_pid object-server >/dev/null; then
            tail -n 25 "$LOG_DIR/object-server.log" >&2
            die "the object server exited during start-up (full log in $LOG_DIR/object-server.log)"
        fi
        (($(date +%s) < deadline)) || die "no healthcheck answer from the object server after ${START_TIMEOUT}s"
        sleep 0.1
    done
    log "object server started (pid $(our_pid object-server))"
}

do_status() {
    local name pid
    if all_running; then
        echo "running (proxy http://$BIND_IP:$PROXY_PORT, state $AIO_DIR)"
        for name in memcached "${SERVERS[@]}"; do
            if pid="$(our_pid "$name")"; then
                if [[ "$name" == proxy-server || "$name" == object-server ]]; then
                    echo "  $name pid $pid, workers = $(conf_workers "$name") ($(live_children "$pid" | wc -w) worker processes)"
                else
                    echo "  $name pid $pid"
                fi
            elif [[ "$name" == memcached ]]; then
                echo "  memcached: external on $BIND_IP:$MEMCACHE_PORT (not ours)"
            fi
        done
        return 0
    fi
    if [[ "$(running_count)" != 0 ]]; then
        echo "not running (partially: $(running_count)/${#SERVERS[@]} servers alive; 'start' restarts, 'stop' cleans up)"
    else
        echo "not running"
    fi
    return 1
}

# --------------------------------------------------------------------------

main() {
    (($# == 1)) || usage
    [[ "$WORKERS" =~ ^[1-9][0-9]*$ || "$WORKERS" == auto ]] \
        || die "SWIFT_AIO_WORKERS must be a positive integer or auto, not '$WORKERS'"
    [[ "$START_TIMEOUT" =~ ^[1-9][0-9]*$ ]] || die "SWIFT_AIO_START_TIMEOUT must be a positive integer, not '$START_TIMEOUT'"
    case "$1" in
        start | stop | kill-object | kill-object-worker | start-object)
            if [[ "$1" != start && ! -d "$AIO_DIR" ]]; then
                [[ "$1" == stop ]] || die "not running (no $AIO_DIR); run '$(basename "$0") start' first"
                log "not running"
                return 0
            fi
            mkdir -p "$AIO_DIR"
            # serialise concurrent start/stop on the same state directory
            exec 9>"$AIO_DIR/.lock"
            flock 9
            case "$1" in
                start) do_start ;;
                stop) do_stop ;;
                kill-object) do_kill_object ;;
                kill-object-worker) do_kill_object_worker ;;
                start-object) do_start_object ;;
            esac
            ;;
        status) do_status ;;
        *) usage ;;
    esac
}

main "$@"
