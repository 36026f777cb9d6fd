#!/usr/bin/env bash
# Time of the SSH probes (SshProbe.kexinit, SshProbe.authMethods) against a real sshd on
# 127.0.0.1: the first call in a fresh JVM (class loading, MINA's start) and the median of N
# warm calls, beside OpenSSH's client asking the same "none" question (one process per call).
# Needs root (sshd's privilege separation). Usage: bench/probe-ssh.sh [CALLS]
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
calls=${1:-50}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
dir=$(mktemp -d)
trap 'kill "$(cat "$dir/pid" 2>/dev/null)" 2>/dev/null || true; rm -rf "$dir"' EXIT
cd "$here"
./mvnw -B -q compile dependency:build-classpath -Dmdep.outputFile="$dir/cp" >/dev/null
ssh-keygen -q -t ed25519 -N '' -f "$dir/host_ed25519"
mkdir -p /run/sshd
port=$(( 20000 + RANDOM % 40000 ))
cat > "$dir/sshd_config" <<CFG
ListenAddress 127.0.0.1:$port
HostKey $dir/host_ed25519
PidFile $dir/pid
UsePAM no
MaxStartups 500
PerSourcePenalties no
CFG
# PerSourcePenalties exists from OpenSSH 9.8 on; older sshd refuses the keyword
/usr/sbin/sshd -t -f "$dir/sshd_config" 2>/dev/null || sed -i '/PerSourcePenalties/d' "$dir/sshd_config"
/usr/sbin/sshd -f "$dir/sshd_config" -E "$dir/sshd.log"
sleep 0.3
echo "$(date -u +%FT%RZ) sshd $(ssh -V 2>&1 | cut -d, -f1) on 127.0.0.1:$port, load $(cut -d' ' -f1-3 /proc/loadavg)"
"$JAVA_HOME/bin/java" -cp "target/classes:$(cat "$dir/cp")" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn bench/ProbeSsh.java "$port" "$calls"
times=()
for _ in $(seq 20); do
    s=$(date +%s%N)
    ssh -F /dev/null -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
        -o PreferredAuthentications=none -p "$port" root@127.0.0.1 true >/dev/null 2>&1 || true
    e=$(date +%s%N)
    times+=($(( (e - s) / 100000 )))
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
printf 'ssh -o PreferredAuthentications=none (a process per call), 20 calls: median %d.%d ms\n' \
    $(( sorted[10] / 10 )) $(( sorted[10] % 10 ))
