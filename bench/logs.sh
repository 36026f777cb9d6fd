#!/usr/bin/env bash
# vmguard logs against fail2ban-regex on the same generated auth.log (issue 5).
#   bench/logs.sh            1M-line comparison (median of 3, whole-process wall time, peak RSS)
#                            and lines/second on a 10M-line file
# fail2ban-regex runs two ways: "-o ip" (prints the address of each failure: what
# Fail2banAgreementTest compares with, and its fastest mode) and its default report (statistics
# of every line: the mode that uses the most memory, ~620 MiB here).
#   LINES=100000 RUNS=1 BIG=0 bench/logs.sh   a quick smoke run
# Needs: fail2ban (fail2ban-regex), time (/usr/bin/time), the JDK the launcher uses.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
LINES=${LINES:-1000000}
BIG=${BIG:-10000000}
RUNS=${RUNS:-3}
SEED=${SEED:-1}
out=${BENCH_DIR:-$here/bench/results}
mkdir -p "$out"
filter=/etc/fail2ban/filter.d/sshd.conf
for tool in /usr/bin/time fail2ban-regex; do
    command -v "$tool" >/dev/null || { echo "bench/logs.sh: needs $tool (apt-get install time fail2ban)" >&2; exit 2; }
done

. scripts/jdk.sh
./vmguard --version >/dev/null                       # builds the jar if needed
./mvnw -B -q test-compile >/dev/null                 # the generator lives in src/test
gen() { "$JAVA_HOME/bin/java" -cp target/classes:target/test-classes org.vmguard.logs.AuthLogGenerator "$@"; }
log=$out/auth-$LINES.log
[ -s "$log" ] || gen "$log" "$LINES" "$SEED"
./vmguard logs "$log" --format json --fail-on none >/dev/null   # one untimed run: the launcher's CDS archive

measure() { # prints "seconds kilobytes cpu-seconds" (cpu: user + system, what a loaded machine cannot hide)
    /usr/bin/time -f "%e %M %U %S" -o "$out/time.txt" "$@" >/dev/null 2>"$out/stderr.txt" || true
    tail -1 "$out/time.txt" | awk '{printf "%s %s %.2f\n", $1, $2, $3 + $4}'
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

: >"$out/vmguard.txt"; : >"$out/vmguard-c2.txt"; : >"$out/fail2ban.txt"; : >"$out/fail2ban-default.txt"
for i in $(seq "$RUNS"); do
    measure ./vmguard logs "$log" --format json --fail-on none >>"$out/vmguard.txt"
    # the launcher runs logs with C1 only; for comparison, the same JVM set-up with C2 (tiered)
    measure "$JAVA_HOME/bin/java" -XX:SharedArchiveFile=target/vmguard.jsa -Xshare:auto -XX:+UseSerialGC \
        -Xlog:cds=off -Xlog:cds+dynamic=off -jar target/vmguard.jar \
        logs "$log" --format json --fail-on none >>"$out/vmguard-c2.txt"
    measure fail2ban-regex --usedns raw -o ip "$log" "$filter" >>"$out/fail2ban.txt"
    measure fail2ban-regex "$log" "$filter" >>"$out/fail2ban-default.txt"
done
v=$(cut -d' ' -f1 "$out/vmguard.txt" | median)
c=$(cut -d' ' -f1 "$out/vmguard-c2.txt" | median)
f=$(cut -d' ' -f1 "$out/fail2ban.txt" | median)
vm=$(cut -d' ' -f2 "$out/vmguard.txt" | sort -n | tail -1)
cm=$(cut -d' ' -f2 "$out/vmguard-c2.txt" | sort -n | tail -1)
vc=$(cut -d' ' -f3 "$out/vmguard.txt" | median)
cc=$(cut -d' ' -f3 "$out/vmguard-c2.txt" | median)
fc=$(cut -d' ' -f3 "$out/fail2ban.txt" | median)
fm=$(cut -d' ' -f2 "$out/fail2ban.txt" | sort -n | tail -1)
d=$(cut -d' ' -f1 "$out/fail2ban-default.txt" | median)
dc=$(cut -d' ' -f3 "$out/fail2ban-default.txt" | median)
dm=$(cut -d' ' -f2 "$out/fail2ban-default.txt" | sort -n | tail -1)
echo "## $(date -u +%Y-%m-%dT%H:%MZ) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $LINES lines ($(du -hL "$log" | cut -f1)), median of $RUNS"
echo "| command | wall s (median) | CPU s (user+sys, median) | peak RSS MiB | runs (wall s) |"
echo "|---|---|---|---|---|"
echo "| ./vmguard logs FILE --format json | $v | $vc | $((vm / 1024)) | $(cut -d' ' -f1 "$out/vmguard.txt" | tr '\n' ' ')|"
echo "| same jar, C2 (tiered), no -XX:TieredStopAtLevel=1 | $c | $cc | $((cm / 1024)) | $(cut -d' ' -f1 "$out/vmguard-c2.txt" | tr '\n' ' ')|"
echo "| fail2ban-regex --usedns raw -o ip FILE sshd.conf | $f | $fc | $((fm / 1024)) | $(cut -d' ' -f1 "$out/fail2ban.txt" | tr '\n' ' ')|"
echo "| fail2ban-regex FILE sshd.conf (its default report) | $d | $dc | $((dm / 1024)) | $(cut -d' ' -f1 "$out/fail2ban-default.txt" | tr '\n' ' ')|"
echo "speed-up (fail2ban / vmguard, medians): against -o ip: wall $(awk -v a="$f" -v b="$v" 'BEGIN {printf "%.0f", a / b}')x, CPU $(awk -v a="$fc" -v b="$vc" 'BEGIN {printf "%.0f", a / b}')x; against the default report: wall $(awk -v a="$d" -v b="$v" 'BEGIN {printf "%.0f", a / b}')x, CPU $(awk -v a="$dc" -v b="$vc" 'BEGIN {printf "%.0f", a / b}')x; vmguard with C2: wall $(awk -v a="$f" -v b="$c" 'BEGIN {printf "%.0f", a / b}')x against -o ip"

if [ "$BIG" != 0 ]; then
    big=$out/auth-$BIG.log
    [ -s "$big" ] || gen "$big" "$BIG" "$SEED"
    read -r s k cpu < <(measure ./vmguard logs "$big" --format json --fail-on none)
    echo "$BIG lines ($(du -hL "$big" | cut -f1)): $s s wall, $cpu s CPU, $((k / 1024)) MiB peak RSS, $(awk -v n="$BIG" -v s="$s" 'BEGIN {printf "%.0f", n / s}') lines/s (load then: $(cut -d' ' -f1-3 /proc/loadavg))"
fi
