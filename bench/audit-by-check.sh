#!/usr/bin/env bash
# Where the time of `vmguard audit` goes: runs the audit once per check (`--only ID`) and lists
# the wall times, slowest first. Each run includes the JVM start, so compare a check with the
# fastest one rather than with zero. Extra arguments go to every audit (e.g. --root DIR).
#
#   bench/audit-by-check.sh
#   bench/audit-by-check.sh --root /mnt/image
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
./vmguard audit --format json --output /dev/null "$@" >/dev/null 2>&1 || true   # warm-up, AppCDS
ids=$(./vmguard checks | awk '$1 ~ /^[a-z]+\.[a-z0-9-]+$/ {print $1}')
for id in $ids; do
    s=$(date +%s%N)
    ./vmguard audit --only "$id" --format json --output /dev/null "$@" >/dev/null 2>&1 || true
    e=$(date +%s%N)
    printf '%6d ms  %s\n' $(((e - s) / 1000000)) "$id"
done | sort -rn
echo "(load average: $(cut -d' ' -f1-3 /proc/loadavg))"
