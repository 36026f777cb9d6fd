#!/usr/bin/env bash
# JMH micro-benchmarks of the hot loops of `vmguard logs` (issue 5): the auth-log scanner and
# the in-order analysis, single-threaded, on a generated log (ScanBenchmark in src/test).
#   bench/scan-jmh.sh                 # C1 only (as the launcher runs logs) and C2
#   bench/scan-jmh.sh -p lines=50000  # extra arguments go to JMH
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
. scripts/jdk.sh
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/test-classpath.txt >/dev/null
cp="target/test-classes:target/classes:$(cat target/test-classpath.txt)"
echo "## $(date -u +%Y-%m-%dT%H:%MZ) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for mode in c1 c2; do
    extra=()
    [ $mode = c1 ] && extra=(-jvmArgsAppend -XX:TieredStopAtLevel=1)
    echo "### $mode"
    "$JAVA_HOME/bin/java" -cp "$cp" org.openjdk.jmh.Main ScanBenchmark -foe true "${extra[@]}" "$@" 2>&1 |
        sed -n '/^Benchmark/,$p'
done
