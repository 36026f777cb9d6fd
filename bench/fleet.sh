#!/usr/bin/env bash
# Fleet benchmark: N real OpenSSH servers on 127.0.0.1 (each its own host key and port, all
# chrooted into one small fixture), audited by `vmguard audit --inventory`. Prints wall time,
# peak RSS of the vmguard JVM and the hosts reached, for each N given (default: 25 50 100).
# Needs root (ChrootDirectory) and openssh-server. Usage: bench/fleet.sh [N...]
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
sizes=("${@:-25 50 100}")
read -r -a sizes <<< "${sizes[*]}"
max=0; for n in "${sizes[@]}"; do (( n > max )) && max=$n; done
[ "$(id -u)" = 0 ] || { echo "fleet.sh: needs root (sshd ChrootDirectory)" >&2; exit 2; }
work=$here/target/bench-fleet
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
rm -rf "$work"; mkdir -p "$work/root/etc" "$work/keys"; chmod 755 "$work" "$here/target"
root=$work/root
printf 'root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/bash\n' > "$root/etc/passwd"
printf 'ID=debian\nVERSION_ID="12"\n' > "$root/etc/os-release"
mkdir -p "$root/usr/bin" "$root/usr/lib" "$root/usr/lib64"
ln -s usr/bin "$root/bin"; ln -s usr/lib64 "$root/lib64"
for t in bash dash head find stat readlink cat; do
    ln "/usr/bin/$t" "$root/usr/bin/$t"
    for l in $(ldd "/usr/bin/$t" | grep -o '/[^ ]*'); do
        case $l in *ld-linux*) dst=$root$l ;; *) dst=$root/usr/lib/$(basename "$l") ;; esac
        [ -e "$dst" ] || { mkdir -p "$(dirname "$dst")"; ln "$(readlink -f "$l")" "$dst" 2>/dev/null || cp "$(readlink -f "$l")" "$dst"; }
    done
done
ln -s dash "$root/usr/bin/sh"
ssh-keygen -q -t ed25519 -N '' -f "$work/keys/id" -C bench
cp "$work/keys/id.pub" "$work/authorized_keys"
mkdir -p /run/sshd
: > "$work/known_hosts"; : > "$work/all.ini"
port=$((30000 + RANDOM % 20000))
for i in $(seq 1 "$max"); do
    d=$work/sshd$i; mkdir -p "$d"
    ssh-keygen -q -t ed25519 -N '' -f "$d/host" -C "h$i"
    while ss -ltn | grep -q ":$port "; do port=$((port + 1)); done
    cat > "$d/config" <<CFG
ListenAddress 127.0.0.1:$port
HostKey $d/host
PidFile $d/pid
AuthorizedKeysFile $work/authorized_keys
StrictModes no
PermitRootLogin prohibit-password
PasswordAuthentication no
UsePAM no
MaxStartups 100
Subsystem sftp internal-sftp
LogLevel ERROR
ChrootDirectory $root
CFG
    /usr/sbin/sshd -D -f "$d/config" -E "$d/log" & pids+=($!)
    echo "[127.0.0.1]:$port $(cut -d' ' -f1,2 "$d/host.pub")" >> "$work/known_hosts"
    echo "h$i ansible_host=127.0.0.1 ansible_port=$port ansible_user=root" >> "$work/all.ini"
    port=$((port + 1))
done
sleep 1
"$here/vmguard" checks >/dev/null   # build the jar and its class archive before timing
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "hosts  wall_s  cpu_s(vmguard)  peak_rss_MiB  reached  unreachable"
for n in "${sizes[@]}"; do
    head -n "$n" "$work/all.ini" > "$work/inv$n.ini"
    /usr/bin/time -f '%e %U %S %M' -o "$work/time$n" "$here/vmguard" audit --inventory "$work/inv$n.ini" \
        --identity "$work/keys/id" --known-hosts "$work/known_hosts" --parallel "${PARALLEL:-32}" \
        --format json --output "$work/out$n.json" --fail-on none --quiet 2>"$work/err$n" || true
    read -r wall user sys rss < <(tail -n 1 "$work/time$n")
    read -r reached un < <(python3 -c "import json; d=json.load(open('$work/out$n.json')); print(len(d['reports']), len(d['unreachable']))")
    printf '%5d  %6s  %14s  %12d  %7d  %11d\n' "$n" "$wall" "$(python3 -c "print(round($user + $sys, 1))")" $((rss / 1024)) "$reached" "$un"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
