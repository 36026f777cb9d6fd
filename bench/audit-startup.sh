#!/usr/bin/env bash
# Start-up benchmark of issue 2: the wall time of a full audit of this machine, JVM start
# included, against Lynis on the same machine in the same run.
#
#   bench/audit-startup.sh              # vmguard (median of 5 after one warm-up) and lynis once
#   bench/audit-startup.sh --no-lynis   # vmguard only (Lynis takes about two minutes)
#
# The warm-up run builds the jar if needed and lets the launcher make its start-up cache (the
# AOT cache on JDK 25; AppCDS before).
# Uses hyperfine when installed (apt: hyperfine), else a bash loop with date +%s%N. Lynis
# (apt: lynis) needs root and runs `apt-get update` itself. Prints the figures and the ratio,
# and keeps them in bench/results/ (not committed). Exit 0 when both targets are met, 1 when
# not, 2 when something could not be measured.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
runs=5
lynis=yes
for a in "$@"; do
    case $a in
        --no-lynis) lynis=no ;;
        --runs=*) runs=${a#--runs=} ;;
        *) echo "usage: bench/audit-startup.sh [--no-lynis] [--runs=N]" >&2; exit 2 ;;
    esac
done
results=$here/bench/results
mkdir -p "$results"
stamp=$(date -u +%Y-%m-%dT%H:%M:%SZ)
out=$results/audit-startup-$stamp.txt
cmd=(./vmguard audit --format json --output /dev/null)

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) exit 1; print (NR%2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }

echo "warm-up: ${cmd[*]} (builds the jar on first use, makes the start-up cache)" >&2
"${cmd[@]}" >/dev/null 2>&1 || [ $? -le 4 ] || { echo "vmguard audit failed" >&2; exit 2; }

if command -v hyperfine >/dev/null; then
    tool="hyperfine $(hyperfine --version | awk '{print $2}')"
    json=$(mktemp)
    # -N: no intermediate shell; -i: the audit exits 1 when it finds failures, which is fine here
    hyperfine -N -i --runs "$runs" --export-json "$json" "${cmd[*]}" >&2
    vm_ms=$(sed -n 's/.*"median": *\([0-9.]*\).*/\1/p' "$json" | head -1 | awk '{printf "%d", $1 * 1000}')
    # CPU time (user + system, mean) depends less on what else the machine is doing
    cpu_ms=$(sed -n 's/.*"\(user\|system\)": *\([0-9.]*\).*/\2/p' "$json" | head -2 | awk '{s += $1} END {printf "%d", s * 1000}')
    rm -f "$json"
else
    tool="bash loop (date +%s%N)"
    cpu_ms="?"
    vm_ms=$(for _ in $(seq "$runs"); do
        s=$(now_ms); "${cmd[@]}" >/dev/null 2>&1 || true; e=$(now_ms); echo $((e - s))
    done | median)
fi
echo "vmguard: median ${vm_ms} ms of $runs runs ($tool)" >&2

lynis_ms=""
if [ $lynis = yes ]; then
    if ! command -v lynis >/dev/null; then
        echo "lynis is not installed (apt-get install lynis); rerun with --no-lynis to skip it" >&2
        exit 2
    fi
    echo "lynis audit system --quick --no-colors (about two minutes)…" >&2
    s=$(now_ms)
    lynis audit system --quick --no-colors >"$results/lynis-$stamp.log" 2>&1 || true
    e=$(now_ms)
    lynis_ms=$((e - s))
    echo "lynis: ${lynis_ms} ms" >&2
fi

{
    echo "date: $stamp"
    echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(. /etc/os-release && echo "$PRETTY_NAME"), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "java: $(/usr/lib/jvm/temurin-25-jdk-amd64/bin/java -version 2>&1 | head -1)"
    echo "checks: $(./vmguard checks 2>/dev/null | grep -cE '^[a-z]+\.[a-z0-9-]+' || true)"
    echo "vmguard audit --format json --output /dev/null: median ${vm_ms} ms of $runs runs, after one warm-up ($tool); CPU (user+sys, mean) ${cpu_ms} ms"
    if [ -n "$lynis_ms" ]; then
        echo "lynis audit system --quick --no-colors: ${lynis_ms} ms (one run)"
        awk -v l="$lynis_ms" -v v="$vm_ms" 'BEGIN {printf "ratio: lynis / vmguard = %.0fx\n", l / v}'
    fi
} | tee "$out"

ok=yes
[ "$vm_ms" -lt 1000 ] || { echo "target missed: vmguard took ${vm_ms} ms (target < 1000 ms)"; ok=no; }
if [ -n "$lynis_ms" ] && [ $((lynis_ms)) -lt $((100 * vm_ms)) ]; then
    echo "target missed: less than 100x faster than lynis"; ok=no
fi
[ $ok = yes ]
