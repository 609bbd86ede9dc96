#!/usr/bin/env bash
# After a remount: tools-verify.sh <mount> <local scratch dir> compares with the snapshot.
set -euo pipefail
trap 'echo "FAILED at line $LINENO: $BASH_COMMAND"' ERR
m="$1"
local="$2"
( cd "$m" && find . -path ./fifo -prune -o -printf '%p %y %m %s %n %U %G\n' | sort > "$local/after.txt" )
diff "$local/before.txt" "$local/after.txt"
( cd "$m" && find . -type f ! -name fifo ! -name chardev -exec md5sum {} + | sort -k2 > "$local/after.md5" )
diff "$local/before.md5" "$local/after.md5"
[ -p "$m/fifo" ]
[ "$(stat -c %t:%T "$m/chardev")" = 1:3 ]
[ "$(getfattr --only-values -n user.keep "$m/src/sub/a.txt")" = kept ]
[ "$("$m/cproj/prog")" = 42 ]
[ "$(sqlite3 "$m/db.sqlite" 'select count(*) from t;')" = 20 ]
git -C "$m/clone" log --oneline | wc -l | grep -q 2
echo "VERIFIED"
