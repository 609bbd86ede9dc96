#!/usr/bin/env bash
# Runs one of the project's programs from its built jar: launch.sh NAME [ARGS ...]
#
# Each module's launcher (imgr/imgr, iclient/iclient, ickpt/ickpt, idestroy/idestroy) calls this.
# It never builds anything: if the jar is missing it says how to build it and exits 1.
# The jar is looked for in NAME/target/NAME-all.jar (a source checkout after `mvn package`) and
# then beside the launcher as NAME-all.jar (the Docker deploy image).
# JAVA_HOME selects the JVM; PROXYFS_JAVA_OPTS adds JVM options.
# A tool living in a module's jar besides its daemon (imgr/icheck) sets PROXYFS_LAUNCH_MAIN_CLASS
# (run that class instead of the jar's Main), PROXYFS_LAUNCH_PROGRAM (the name in messages) and
# PROXYFS_LAUNCH_USAGE (the usage line); unset, nothing changes.
set -euo pipefail

name="${1:?usage: launch.sh NAME [ARGS ...]}"
shift
top="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
program="${PROXYFS_LAUNCH_PROGRAM:-$name}"

usage() {
    echo "${PROXYFS_LAUNCH_USAGE:-usage: $program <file>.conf [Section.Key=value ...]}" >&2
}

if [ $# -lt 1 ]; then
    echo "$program: no .conf file specified" >&2
    usage
    exit 2
fi
case "$1" in
    -h|--help) usage; exit 2 ;;
    -*) echo "$program: unknown option $1" >&2; usage; exit 2 ;;
esac
if [ ! -f "$1" ]; then
    echo "$program: config file $1 does not exist or is not a file" >&2
    usage
    exit 2
fi

jar=""
for candidate in "$top/$name/target/$name-all.jar" "$top/$name/$name-all.jar" "$top/$name-all.jar"; do
    if [ -f "$candidate" ]; then
        jar="$candidate"
        break
    fi
done
if [ -z "$jar" ]; then
    echo "$program: $name-all.jar is not built; build it first with: (cd $top && mvn -q -B package -DskipTests)" >&2
    exit 1
fi

java="java"
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    java="$JAVA_HOME/bin/java"
fi
if [ -n "${PROXYFS_LAUNCH_MAIN_CLASS:-}" ]; then
    # shellcheck disable=SC2086
    exec "$java" ${PROXYFS_JAVA_OPTS:-} -cp "$jar" "$PROXYFS_LAUNCH_MAIN_CLASS" "$@"
fi
# shellcheck disable=SC2086
exec "$java" ${PROXYFS_JAVA_OPTS:-} -jar "$jar" "$@"
