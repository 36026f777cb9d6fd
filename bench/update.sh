#!/bin/sh
# Times `vmguard audit --only update` on this machine: median wall time of 5 runs, JVM start included.
# Usage: bench/update.sh   (builds the jar first if it is missing)
set -eu
cd "$(dirname "$0")/.."
. scripts/jdk.sh 2>/dev/null || true
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
[ -f target/vmguard.jar ] || ./mvnw -B -q package -DskipTests
for i in 1 2 3 4 5; do
  start=$(date +%s%N)
  "$JAVA" -jar target/vmguard.jar audit --only update --format json >/dev/null 2>&1 || true
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
done | sort -n | sed -n 3p | awk '{print "update area, median of 5: " $1 " ms"}'
