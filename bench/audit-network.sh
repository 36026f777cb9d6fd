#!/usr/bin/env bash
# Wall time of `vmguard audit` of this machine with every host area, median of N runs (default 5).
# It runs inside a network namespace it creates (with one listener, so the /proc socket join
# runs): `nft`/`iptables-save` then list that namespace's empty ruleset, never this machine's.
# Needs root and socat. Usage: bench/audit-network.sh [RUNS]
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
runs=${1:-5}
ns=vg-bench-$$
ip netns del "$ns" 2>/dev/null || true
ip netns add "$ns"
ip -n "$ns" link set lo up
ip netns exec "$ns" socat -u TCP4-LISTEN:2222,bind=0.0.0.0,fork OPEN:/dev/null >/dev/null 2>&1 &
listener=$!
trap 'kill $listener 2>/dev/null; ip netns del "$ns"' EXIT
"$here/vmguard" checks >/dev/null   # build the jar and the class-data archive first
times=()
for _ in $(seq "$runs"); do
    s=$(date +%s%N)
    ip netns exec "$ns" "$here/vmguard" audit --format json >/dev/null || true
    e=$(date +%s%N)
    times+=($(( (e - s) / 1000000 )))
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
echo "runs (ms): ${times[*]}"
echo "median: ${sorted[$(( runs / 2 ))]} ms   load: $(cut -d' ' -f1-3 /proc/loadavg)"
