#!/usr/bin/env bash
# Prepares volume "testvol" for mounting, as the original's imgr/mkmount.sh:
#   1. authenticates to Swift (test:tester / testing) and gets a token,
#   2. creates container "con",
#   3. waits for imgr's HTTP server, and for any idestroy still emptying a container to finish,
#   4. with -f, formats the container (a container that already holds a volume is left as it is:
#      imgr refuses with 409, and this script says so and goes on — the original overwrote it),
#   5. serves it as "testvol" (with -s, handing imgr the token, so imgr opens the volume at once
#      instead of at the first mount; a volume already served is left as it is).
#
# usage: imgr/mkmount.sh [-f] [-s] [-h]
# Where Swift and imgr are (defaults: this machine's loopback; docker-compose sets its own):
#   PROXYFS_SWIFT_URL  (http://127.0.0.1:8080)   PROXYFS_IMGR_URL  (http://127.0.0.1:15346)
#   PROXYFS_SWIFT_USER (test:tester)  PROXYFS_SWIFT_KEY (testing)  PROXYFS_CONTAINER (con)
#   PROXYFS_VOLUME (testvol)          PROXYFS_WAIT_SECONDS (60)
set -euo pipefail

usage() {
    sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'
}

format=""
static_token=""
while getopts ":fsh" opt; do
    case "$opt" in
        f) format=yes ;;
        s) static_token=yes ;;
        h) usage; exit 0 ;;
        *) echo "mkmount.sh: unknown option -$OPTARG" >&2; usage >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
if [ $# -gt 0 ]; then
    echo "mkmount.sh: unexpected argument: $1" >&2
    usage >&2
    exit 2
fi

swift="${PROXYFS_SWIFT_URL:-http://127.0.0.1:8080}"
imgr="${PROXYFS_IMGR_URL:-http://127.0.0.1:15346}"
user="${PROXYFS_SWIFT_USER:-test:tester}"
key="${PROXYFS_SWIFT_KEY:-testing}"
container="${PROXYFS_CONTAINER:-con}"
volume="${PROXYFS_VOLUME:-testvol}"
wait_seconds="${PROXYFS_WAIT_SECONDS:-60}"

die() { echo "mkmount.sh: $*" >&2; exit 1; }

# 1. A token and the account's storage URL, retrying while Swift starts.
token=""
storage_url=""
for ((i = 0; i < wait_seconds * 10; i++)); do
    headers=$(curl -s -i -H "X-Auth-User: $user" -H "X-Auth-Key: $key" "$swift/auth/v1.0" 2>/dev/null | tr -d '\r' || true)
    status=$(printf '%s\n' "$headers" | awk 'NR == 1 {print $2}')
    if [ "$status" = "200" ]; then
        token=$(printf '%s\n' "$headers" | awk 'tolower($1) == "x-auth-token:" {print $2}')
        storage_url=$(printf '%s\n' "$headers" | awk 'tolower($1) == "x-storage-url:" {print $2}')
        break
    fi
    if [ "$status" = "401" ] || [ "$status" = "403" ]; then
        die "Swift at $swift refused the credentials of $user ($status)"
    fi
    sleep 0.1
done
[ -n "$token" ] && [ -n "$storage_url" ] || die "no token from $swift/auth/v1.0 within $wait_seconds s"

# 2. The container.
code=$(curl -s -o /dev/null -w '%{http_code}' -X PUT -H "X-Auth-Token: $token" "$storage_url/$container")
case "$code" in
    201) echo "created container $container" ;;
    202) echo "container $container exists" ;;
    *) die "creating container $container at $storage_url failed ($code)" ;;
esac

# 3. imgr.
for ((i = 0; i < wait_seconds * 10; i++)); do
    if curl -s -f -o /dev/null "$imgr/version"; then break; fi
    sleep 0.1
done
curl -s -f -o /dev/null "$imgr/version" || die "imgr did not answer $imgr/version within $wait_seconds s"

json_string() { # a JSON string literal of $1
    printf '"%s"' "$(printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g')"
}
volume_url="$storage_url/$container"
out=$(mktemp)
trap 'rm -f "$out"' EXIT

# 4. Never format or serve while idestroy still empties a container (the README starts idestroy in
#    the background just before this script): wait for every running idestroy to finish.
idestroy_pids() { pgrep -f '(^|[ /])idestroy/idestroy( |$)|launch\.sh idestroy( |$)|idestroy-all\.jar' || true; }
pids=$(idestroy_pids)
if [ -n "$pids" ]; then
    echo "waiting for idestroy (pid $(echo $pids | tr ' ' ',')) to finish emptying its container before formatting"
    while [ -n "$(idestroy_pids)" ]; do sleep 0.2; done
    echo "idestroy finished"
fi

# 5. Format.
if [ -n "$format" ]; then
    body="{\"StorageURL\":$(json_string "$volume_url"),\"AuthToken\":$(json_string "$token")}"
    code=$(curl -s -o "$out" -w '%{http_code}' -X POST "$imgr/volume" -d "$body")
    case "$code" in
        201) echo "formatted container $container" ;;
        409) echo "not formatted: $(head -c 300 "$out"); serving it as it is" ;;
        *) die "formatting failed ($code): $(head -c 300 "$out")" ;;
    esac
fi

# 6. Serve.
if curl -s -f "$imgr/volume" | grep -Eq "\"Name\" *: *$(json_string "$volume")"; then
    echo "volume $volume is already served"
    exit 0
fi
if [ -n "$static_token" ]; then
    body="{\"StorageURL\":$(json_string "$volume_url"),\"AuthToken\":$(json_string "$token")}"
else
    body="{\"StorageURL\":$(json_string "$volume_url")}"
fi
code=$(curl -s -o "$out" -w '%{http_code}' -X PUT "$imgr/volume/$volume" -d "$body")
case "$code" in
    201) echo "serving volume $volume from $volume_url" ;;
    *) die "serving volume $volume failed ($code): $(head -c 300 "$out")" ;;
esac
