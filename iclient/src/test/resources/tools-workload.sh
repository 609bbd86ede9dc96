#!/usr/bin/env bash
# Runs ordinary tools on a ProxyFS mount: tools-workload.sh <mount> <local scratch dir>
# Each step prints "STEP name" first, so a failure names its step.
set -euo pipefail
m="$1"
local="$2"
step() { echo "STEP $*"; }
trap 'echo "FAILED at line $LINENO: $BASH_COMMAND"' ERR

step "source tree on local disk"
mkdir -p "$local/src/sub/deeper"
for i in $(seq 1 20); do head -c $((i * 1000 + 7)) /dev/urandom > "$local/src/file$i.bin"; done
echo "text" > "$local/src/sub/a.txt"
ln -s a.txt "$local/src/sub/link"
chmod 0640 "$local/src/sub/a.txt"
chmod 4755 "$local/src/file1.bin"
touch -d '2001-02-03 04:05:06' "$local/src/sub/deeper"

step "cp -a"
cp -a "$local/src" "$m/src"
diff -r "$local/src" "$m/src"
[ "$(stat -c %a "$m/src/file1.bin")" = 4755 ]
[ "$(stat -c %a "$m/src/sub/a.txt")" = 640 ]
[ "$(readlink "$m/src/sub/link")" = a.txt ]
[ "$(stat -c %Y "$m/src/sub/deeper")" = "$(stat -c %Y "$local/src/sub/deeper")" ]

step "tar"
tar -C "$local" -cf "$local/src.tar" src
mkdir "$m/untar"
tar -C "$m/untar" -xf "$local/src.tar"
diff -r "$local/src" "$m/untar/src"
tar -C "$m" -cf "$m/again.tar" src
mkdir "$local/fromfuse"
tar -C "$local/fromfuse" -xf "$m/again.tar"
diff -r "$local/src" "$local/fromfuse/src"

step "dd and truncate"
dd if=/dev/urandom of="$m/dd.bin" bs=64k count=40 status=none
dd if="$m/dd.bin" of="$local/dd.bin" bs=1M status=none
cmp "$m/dd.bin" "$local/dd.bin"
dd if=/dev/zero of="$m/dd.bin" bs=1 count=10 seek=100000 conv=notrunc status=none
dd if=/dev/zero of="$local/dd.bin" bs=1 count=10 seek=100000 conv=notrunc status=none
cmp "$m/dd.bin" "$local/dd.bin"
truncate -s 10M "$m/sparse"
[ "$(stat -c %s "$m/sparse")" = 10485760 ]
cmp -n 10485760 "$m/sparse" /dev/zero
truncate -s 100 "$m/dd.bin"
truncate -s 100 "$local/dd.bin"
cmp "$m/dd.bin" "$local/dd.bin"
truncate -s 5000 "$m/dd.bin"
truncate -s 5000 "$local/dd.bin"
cmp "$m/dd.bin" "$local/dd.bin"

step "ln, ln -s, mv"
echo one > "$m/orig"
ln "$m/orig" "$m/hard"
# The new name's count is fresh; "orig"'s may be cached for FUSEAttrValidDuration (PORTING.md).
[ "$(stat -c %h "$m/hard")" = 2 ]
[ "$(stat -c %i "$m/orig")" = "$(stat -c %i "$m/hard")" ]
ln -s orig "$m/soft"
[ "$(cat "$m/soft")" = one ]
mv "$m/hard" "$m/src/sub/moved"
[ "$(cat "$m/src/sub/moved")" = one ]
rm "$m/orig"
sleep 0.3
[ "$(stat -c %h "$m/src/sub/moved")" = 1 ]
mkdir -p "$m/d1/d2"
mv "$m/d1" "$m/src/d1"
[ -d "$m/src/d1/d2" ]
if mv "$m/src" "$m/src/d1/d2/inside" 2>/dev/null; then echo "moved a dir into itself"; exit 1; fi

step "xattrs"
setfattr -n user.color -v blue "$m/src/sub/a.txt"
[ "$(getfattr --only-values -n user.color "$m/src/sub/a.txt")" = blue ]
getfattr -d "$m/src/sub/a.txt" | grep -q 'user.color="blue"'
setfattr -x user.color "$m/src/sub/a.txt"
if getfattr -n user.color "$m/src/sub/a.txt" 2>/dev/null; then echo "xattr not removed"; exit 1; fi
setfattr -n user.keep -v kept "$m/src/sub/a.txt"

step "special files"
mkfifo "$m/fifo"
[ -p "$m/fifo" ]
mknod "$m/chardev" c 1 3
[ -c "$m/chardev" ]
[ "$(stat -c %t:%T "$m/chardev")" = 1:3 ]

step "git"
export HOME="$local" GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@t GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@t
git config --global init.defaultBranch main
git config --global --add safe.directory '*'
git init -q "$m/repo"
cp "$local/src/file"*.bin "$m/repo/"
echo "hello" > "$m/repo/README"
git -C "$m/repo" add -A
git -C "$m/repo" commit -q -m first
echo "more" >> "$m/repo/README"
git -C "$m/repo" commit -q -am second
git clone -q "$m/repo" "$m/clone"
diff "$m/repo/README" "$m/clone/README"
git -C "$m/clone" log --oneline | wc -l | grep -q 2
git -C "$m/repo" fsck --no-progress

step "sqlite3"
sqlite3 "$m/db.sqlite" "create table t(k integer primary key, v text);"
for i in $(seq 1 20); do
    sqlite3 "$m/db.sqlite" "begin; insert into t(v) values('row$i'); insert into t(v) values('x$i'); commit;"
done
sqlite3 "$m/db.sqlite" "begin; delete from t where k % 2 = 0; commit;"
[ "$(sqlite3 "$m/db.sqlite" 'select count(*) from t;')" = 20 ]
[ "$(sqlite3 "$m/db.sqlite" 'pragma integrity_check;')" = ok ]

step "make"
mkdir "$m/cproj"
cat > "$m/cproj/main.c" <<'C'
#include <stdio.h>
int add(int, int);
int main(void) { printf("%d\n", add(40, 2)); return 0; }
C
cat > "$m/cproj/add.c" <<'C'
int add(int a, int b) { return a + b; }
C
printf 'prog: main.o add.o\n\tcc -o prog main.o add.o\n%%.o: %%.c\n\tcc -c $<\n' > "$m/cproj/Makefile"
make -s -C "$m/cproj"
[ "$("$m/cproj/prog")" = 42 ]

step "snapshot"
( cd "$m" && find . -path ./fifo -prune -o -printf '%p %y %m %s %n %U %G\n' | sort > "$local/before.txt" )
( cd "$m" && find . -type f ! -name fifo ! -name chardev -exec md5sum {} + | sort -k2 > "$local/before.md5" )
echo "DONE"
