#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine to run ProxyFS for Java and builds it: scripts/quickstart.sh
# Installs JDK 17, Maven and FUSE if missing, builds every module, and reports which programs of
# the system exist in this version (see README.md, "Status of this version").
set -euo pipefail
top="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$top"

scripts/setup-debian.sh run
mvn -q -B -ntp package -DskipTests

echo "Built: ickpt/target/ickpt-all.jar imgr/target/imgr-all.jar iclient/target/iclient-all.jar idestroy/target/idestroy-all.jar"
echo "This version of the port has the shared foundation (config, on-disk layout, B+tree) only:"
echo "imgr, iclient, ickpt and idestroy refuse to start and say so. Nothing is running or mounted."
