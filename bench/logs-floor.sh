#!/usr/bin/env bash
# The lower bound of a `vmguard logs` process on this machine (issue 5, "100x fail2ban-regex"):
#   - start-up: the whole process on an empty log (median of 5), as the launcher runs it;
#   - the work itself with the JIT fully warmed: the same command run RUNS times in one JVM
#     (LogsWarmRuns in src/test), C1 only (as the launcher runs logs) and C2; the last runs cost
#     what the process would cost with no start-up and no warm-up.
# Their sum is the fastest a JVM process could be, were its compiled code there at start.
#   bench/logs-floor.sh                   on bench/results/auth-1000000.log (bench/logs.sh makes it)
#   RUNS=20 LOG=FILE bench/logs-floor.sh
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
. scripts/jdk.sh
RUNS=${RUNS:-15}
LOG=${LOG:-bench/results/auth-1000000.log}
[ -s "$LOG" ] || { echo "bench/logs-floor.sh: no $LOG (bench/logs.sh generates it)" >&2; exit 2; }
./vmguard --version >/dev/null
./mvnw -B -q test-compile >/dev/null
empty=$(mktemp); trap 'rm -f "$empty"' EXIT
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "## $(date -u +%Y-%m-%dT%H:%MZ) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $LOG ($(du -hL "$LOG" | cut -f1))"
./vmguard logs "$empty" --format json --fail-on none >/dev/null
for i in 1 2 3 4 5; do
    /usr/bin/time -f "%e" -o /dev/stdout ./vmguard logs "$empty" --format json --fail-on none 2>/dev/null | tail -1
done | median | awk '{printf "start-up: ./vmguard logs EMPTY-FILE --format json, whole process: %s s (median of 5)\n", $1}'
for mode in c1 c2; do
    tier=()
    [ $mode = c1 ] && tier=(-XX:TieredStopAtLevel=1)
    "$JAVA_HOME/bin/java" -XX:+UseSerialGC -Xmn256m "${tier[@]}" -cp target/test-classes:target/vmguard.jar \
        org.vmguard.logs.LogsWarmRuns "$RUNS" logs "$LOG" --format json --fail-on none >"$empty.$mode"
    ms=$(tail -n $((RUNS / 2)) "$empty.$mode" | awk '{print $3}')
    echo "warm $mode: last $((RUNS / 2)) of $RUNS runs in one JVM: median $(echo "$ms" | median) ms, best $(echo "$ms" | sort -n | head -1) ms (first run $(head -1 "$empty.$mode" | awk '{print $3}') ms)"
    rm -f "$empty.$mode"
done
