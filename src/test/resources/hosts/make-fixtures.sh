#!/usr/bin/env bash
# Builds the realistic host fixtures under src/test/resources/hosts/<name>/root from the real
# files of Debian's packages (apt-get download + dpkg-deb -x), doing what the maintainer scripts
# and cloud-init would have done on a fresh cloud VM. Ubuntu and Rocky files are written from
# their documented defaults (see each fixture's README.md). Run it on a Debian 12 machine after
# `apt-get update`; it rewrites root/ and modes of every fixture, never expected-report.json.
#
#   src/test/resources/hosts/make-fixtures.sh            # all fixtures
#
# Every key it writes is a throwaway generated here with ssh-keygen: test-only, never a real
# machine's key.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# --- the package defaults -----------------------------------------------------------------
pkgs=(openssh-server openssh-client base-files login sudo passwd base-passwd unattended-upgrades cloud-init apt
    ufw rsyslog logrotate)
(cd "$work" && apt-get download -q "${pkgs[@]}" >/dev/null 2>&1)
for p in "${pkgs[@]}"; do
    mkdir -p "$work/x/$p"
    dpkg-deb -x "$work"/"${p}"_*.deb "$work/x/$p"
done
X=$work/x

# --- helpers ------------------------------------------------------------------------------
# The modes file: one line per path. Defaults are root-owned 0644 files and 0755 directories;
# mode_of/owner_of overrides are collected in $modes_over (PATH MODE UID GID).
declare -A MODE OWNER MTIME LINK
R=""          # the fixture's root/ directory
fixture=""    # its name

start() {
    fixture=$1
    R=$here/$fixture/root
    # keep the previous keys (golden reports may show their fingerprints): keygen reuses them
    OLD=$work/old/$fixture
    mkdir -p "$OLD"
    if [ -d "$R" ]; then cp -a "$R/." "$OLD/"; fi
    rm -rf "$R"
    mkdir -p "$R"
    MODE=() OWNER=() MTIME=() LINK=()
}
put() {     # put PATH < content
    mkdir -p "$(dirname "$R$1")"
    cat >"$R$1"
}
cp_in() {   # cp_in SOURCE PATH
    mkdir -p "$(dirname "$R$2")"
    cp "$1" "$R$2"
}
dir() { mkdir -p "$R$1"; }
mode() { MODE[${1%/}]=$2; }             # mode PATH 0600
owner() { OWNER[${1%/}]="$2 $3"; }      # owner PATH UID GID
mtime() { MTIME[$1]=$2; }               # mtime PATH 2026-11-23T06:25:11Z
link() { LINK[$1]=$2; }                 # link PATH TARGET

finish() {
    local m=$here/$fixture/modes
    {
        echo "# Modes, owners, symlinks and times of $fixture/root (git keeps none of them)."
        echo "# Written by make-fixtures.sh; HostFixturesTest applies it to its copy of root/."
        echo "#   MODE UID GID PATH        every file and directory (a PATH ending in / is a directory)"
        echo "#   link PATH TARGET         a symlink (kept out of git: Maven's resource copy would follow it)"
        echo "#   mtime PATH INSTANT       a file's time; every other file gets 2026-11-22T09:00:00Z"
        (cd "$R" && find . -mindepth 1 \( -type d -printf '/%P/\n' -o -printf '/%P\n' \) | LC_ALL=C sort) |
        while read -r p; do
            local key=${p%/}
            local md=${MODE[$key]:-}
            if [ -z "$md" ]; then
                if [ -d "$R$key" ]; then md=0755; else md=0644; fi
            fi
            echo "$md ${OWNER[$key]:-0 0} $p"
        done
        for l in $(printf '%s\n' "${!LINK[@]}" | LC_ALL=C sort); do
            echo "link $l ${LINK[$l]}"
        done
        for t in $(printf '%s\n' "${!MTIME[@]}" | LC_ALL=C sort); do
            echo "mtime $t ${MTIME[$t]}"
        done
    } >"$m"
}

keygen() {  # keygen TYPE FILE COMMENT [extra ssh-keygen args]: an unencrypted throwaway key
    local type=$1 file=$2 comment=$3
    shift 3
    mkdir -p "$(dirname "$file")"
    rm -f "$file" "$file.pub"
    local old=${OLD:-/nonexistent}/${file#"$R"/}
    if [ -n "${OLD:-}" ] && [ -f "$old" ] && [ -f "$old.pub" ]; then
        cp "$old" "$file"; cp "$old.pub" "$file.pub"   # the key of the previous build
    else
        ssh-keygen -q -t "$type" -N "" -C "$comment" -f "$file" "$@"
    fi
}

host_keys() {  # host_keys NAME: throwaway host keys as cloud-init generates them on first boot
    for t in rsa ecdsa ed25519; do
        keygen $t "$R/etc/ssh/ssh_host_${t}_key" "root@$1 (vmguard test fixture, not a real host key)"
        mode /etc/ssh/ssh_host_${t}_key 0600
    done
}

# A throwaway user key pair whose public half goes into authorized_keys (the same as last time
# when there was a last time; the private half is never kept).
if [ -f "$here/debian12-default/root/home/debian/.ssh/authorized_keys" ]; then
    USER_PUB=$(head -1 "$here/debian12-default/root/home/debian/.ssh/authorized_keys")
else
    keygen ed25519 "$work/user_key" "alice@workstation (vmguard test fixture)"
    USER_PUB=$(cat "$work/user_key.pub")
fi

# apt's list files: the clear-signed header of this machine's real InRelease files (the hash
# lists and the signature are cut: nothing reads them and they are large).
inrelease_header() {
    sed -n '1,/^\(MD5Sum\|SHA256\):/p' "$1" | sed '$d'
}

# apt's daily jobs (apt 2.6 on Debian 12; Ubuntu's apt ships the same units): the timers,
# enabled as apt's postinst enables them, cron's fallback and the script they run.
apt_daily() {
    for u in apt-daily.timer apt-daily.service apt-daily-upgrade.timer apt-daily-upgrade.service; do
        cp_in "$X/apt/lib/systemd/system/$u" /usr/lib/systemd/system/$u
    done
    link /etc/systemd/system/timers.target.wants/apt-daily.timer /lib/systemd/system/apt-daily.timer
    link /etc/systemd/system/timers.target.wants/apt-daily-upgrade.timer /lib/systemd/system/apt-daily-upgrade.timer
    cp_in "$X/apt/etc/cron.daily/apt-compat" /etc/cron.daily/apt-compat; mode /etc/cron.daily/apt-compat 0755
    cp_in "$X/apt/usr/lib/apt/apt.systemd.daily" /usr/lib/apt/apt.systemd.daily; mode /usr/lib/apt/apt.systemd.daily 0755
}

# systemd as init. The binary itself is an empty placeholder: the checks only look for it.
systemd_init() {
    : | put /usr/lib/systemd/systemd; mode /usr/lib/systemd/systemd 0755
    link /usr/sbin/init ../lib/systemd/systemd
}

# =========================================================================================
debian_base() {   # debian_base NAME: a fresh Debian 12 cloud VM after cloud-init's first boot
    local name=$1
    # merged /usr, as Debian 12 installs it
    link /bin usr/bin; link /sbin usr/sbin; link /lib usr/lib; link /lib64 usr/lib64
    link /var/run /run; link /var/lock /run/lock
    dir /usr/bin; dir /usr/sbin; dir /usr/lib64; dir /run/lock; dir /tmp; mode /tmp 1777
    systemd_init
    apt_daily
    # base-files
    cp_in "$X/base-files/usr/lib/os-release" /usr/lib/os-release
    link /etc/os-release ../usr/lib/os-release
    for f in debian_version issue issue.net host.conf; do cp_in "$X/base-files/etc/$f" /etc/$f; done
    cp_in "$X/base-files/usr/share/base-files/motd" /etc/motd
    cp /etc/shells "$R/etc/shells"   # debianutils' add-shell result on a Debian 12 machine
    sed -i '/tmux/d' "$R/etc/shells"
    echo "$name" | put /etc/hostname
    # openssh-server: postinst copies the template to /etc/ssh/sshd_config (via ucf)
    cp_in "$X/openssh-server/usr/share/openssh/sshd_config" /etc/ssh/sshd_config
    cp_in "$X/openssh-server/usr/share/openssh/sshd_config" /usr/share/openssh/sshd_config
    dir /etc/ssh/sshd_config.d
    cp_in "$X/openssh-server/etc/default/ssh" /etc/default/ssh
    cp_in "$X/openssh-server/etc/pam.d/sshd" /etc/pam.d/sshd
    cp_in "$X/openssh-server/lib/systemd/system/ssh.service" /usr/lib/systemd/system/ssh.service
    cp_in "$X/openssh-server/lib/systemd/system/ssh.socket" /usr/lib/systemd/system/ssh.socket
    link /etc/systemd/system/multi-user.target.wants/ssh.service /lib/systemd/system/ssh.service
    link /etc/systemd/system/sshd.service /lib/systemd/system/ssh.service
    dir /run/sshd
    cp_in "$X/openssh-client/etc/ssh/ssh_config" /etc/ssh/ssh_config
    dir /etc/ssh/ssh_config.d
    host_keys "$name"
    # login, passwd, sudo
    cp_in "$X/login/etc/login.defs" /etc/login.defs
    cp_in "$X/login/etc/pam.d/login" /etc/pam.d/login
    cp_in "$X/passwd/etc/default/useradd" /etc/default/useradd
    cp_in "$X/sudo/etc/sudoers" /etc/sudoers; mode /etc/sudoers 0440
    cp_in "$X/sudo/etc/sudoers.d/README" /etc/sudoers.d/README; mode /etc/sudoers.d/README 0440
    mode /etc/sudoers.d/ 0750
    cp_in "$X/sudo/etc/sudo.conf" /etc/sudo.conf
    # cloud-init's default_user (cloud.cfg: sudo ["ALL=(ALL) NOPASSWD:ALL"]) is written here
    put /etc/sudoers.d/90-cloud-init-users <<'EOF'
# Created by cloud-init v. 22.4.2 on Mon, 23 Nov 2026 06:21:37 +0000

# User rules for debian
debian ALL=(ALL) NOPASSWD:ALL
EOF
    mode /etc/sudoers.d/90-cloud-init-users 0440
    # base-passwd: passwd.master and group.master become /etc/passwd and /etc/group; the system
    # users after them are what the maintainer scripts of the installed packages add (ids as on
    # a Debian 12 machine), then cloud-init's default user.
    { sed 's/^\([^:]*\):\*:/\1:x:/' "$X/base-passwd/usr/share/base-passwd/passwd.master"
      cat <<'EOF'
systemd-network:x:998:998:systemd Network Management:/:/usr/sbin/nologin
systemd-timesync:x:997:997:systemd Time Synchronization:/:/usr/sbin/nologin
messagebus:x:100:102::/nonexistent:/usr/sbin/nologin
sshd:x:101:65534::/run/sshd:/usr/sbin/nologin
debian:x:1000:1000:Debian:/home/debian:/bin/bash
EOF
    } | put /etc/passwd
    { sed 's/^\([^:]*\):\*:/\1:x:/' "$X/base-passwd/usr/share/base-passwd/group.master" |
        sed -e 's/^adm:x:4:$/adm:x:4:debian/' -e 's/^\(cdrom\|floppy\|sudo\|audio\|dip\|video\|plugdev\|dialout\):x:\([0-9]*\):$/\1:x:\2:debian/'
      cat <<'EOF'
_ssh:x:101:
systemd-journal:x:999:
systemd-network:x:998:
systemd-timesync:x:997:
netdev:x:103:debian
messagebus:x:102:
debian:x:1000:
EOF
    } | put /etc/group
    # shadow: every system account locked with "*", root and debian locked with "!"/"*"
    # (cloud-init's lock_passwd: True writes "!"), as shadowconfig/pwconv leave them.
    awk -F: '{pw = ($1=="debian") ? "!" : "*"; print $1":"pw":20415:0:99999:7:::"}' "$R/etc/passwd" | put /etc/shadow
    awk -F: '{print $1":*::"$4}' "$R/etc/group" | put /etc/gshadow
    mode /etc/shadow 0640; owner /etc/shadow 0 42
    mode /etc/gshadow 0640; owner /etc/gshadow 0 42
    # homes and keys: cloud-init puts the OpenStack key pair into the default user's
    # authorized_keys and, with disable_root: true, a refusing command into root's.
    dir /root; mode /root/ 0700
    echo "no-port-forwarding,no-agent-forwarding,no-X11-forwarding,command=\"echo 'Please login as the user \\\"debian\\\" rather than the user \\\"root\\\".';echo;sleep 10;exit 142\" $USER_PUB" |
        put /root/.ssh/authorized_keys
    mode /root/.ssh/ 0700; mode /root/.ssh/authorized_keys 0600
    echo "$USER_PUB" | put /home/debian/.ssh/authorized_keys
    cp_in "$X/base-files/usr/share/base-files/dot.profile" /home/debian/.profile
    cp_in "$X/base-files/usr/share/base-files/dot.bashrc" /home/debian/.bashrc
    owner /home/debian 1000 1000; owner /home/debian/.ssh 1000 1000
    owner /home/debian/.ssh/authorized_keys 1000 1000; mode /home/debian/.ssh/ 0700
    mode /home/debian/.ssh/authorized_keys 0600
    owner /home/debian/.profile 1000 1000; owner /home/debian/.bashrc 1000 1000
    # cloud-init
    cp_in "$X/cloud-init/etc/cloud/cloud.cfg" /etc/cloud/cloud.cfg
    cp_in "$X/cloud-init/etc/cloud/cloud.cfg.d/05_logging.cfg" /etc/cloud/cloud.cfg.d/05_logging.cfg
    cp_in "$X/cloud-init/etc/cloud/cloud.cfg.d/README" /etc/cloud/cloud.cfg.d/README
    # apt
    put /etc/apt/sources.list <<'EOF'
deb http://deb.debian.org/debian bookworm main
deb http://deb.debian.org/debian bookworm-updates main
deb http://deb.debian.org/debian-security bookworm-security main
deb http://deb.debian.org/debian bookworm-backports main
EOF
    local lists=/var/lib/apt/lists
    for f in deb.debian.org_debian_dists_bookworm_InRelease deb.debian.org_debian_dists_bookworm-updates_InRelease \
             deb.debian.org_debian-security_dists_bookworm-security_InRelease; do
        inrelease_header "/var/lib/apt/lists/$f" | put $lists/$f
    done
    : | put $lists/lock; mode $lists/lock 0640
    dir $lists/partial; mode $lists/partial/ 0700; owner $lists/partial 42 0
    : | put /var/lib/apt/periodic/update-success-stamp
    : | put /var/lib/apt/periodic/update-stamp
    dir /var/log/apt; dir /var/tmp; mode /var/tmp 1777
    dir /var/log/journal   # Debian 12 keeps the journal on disk; no syslog daemon, no auth.log
}

dpkg_status() {   # dpkg_status PKG…
    python3 "$here/dpkg-status.py" "$@" | put /var/lib/dpkg/status
}

DEBIAN_PKGS=(adduser apt base-files base-passwd bash ca-certificates coreutils dpkg init-system-helpers
    libc6 libpam-modules libpam-runtime libssl3 login openssh-client openssh-server openssh-sftp-server
    openssl passwd procps python3 python3-apt systemd systemd-sysv ucf sudo cloud-init
    cloud-guest-utils linux-image-cloud-amd64 linux-image-6.1.0-56-cloud-amd64)

lists_time() {   # lists_time INSTANT: when apt last fetched its lists (the files, their directory)
    local t=$1
    for f in "$R"/var/lib/apt/lists/*_InRelease; do mtime "${f#"$R"}" $t; done
    mtime /var/lib/apt/lists $t; mtime /var/lib/apt/lists/partial $t; mtime /var/lib/apt/lists/lock $t
}

fresh_times() {   # lists fetched at first boot, 2026-11-23 06:2x, and by apt's daily job since
    local t=2026-11-23T06:25:11Z
    lists_time $t
    mtime /var/lib/apt/periodic/update-success-stamp $t
    mtime /var/lib/apt/periodic/update-stamp $t
}

# ---- debian12-default ---------------------------------------------------------------------
start debian12-default
debian_base debian12-default
cp_in "$X/unattended-upgrades/usr/share/unattended-upgrades/50unattended-upgrades" /etc/apt/apt.conf.d/50unattended-upgrades
# postinst writes the package's 20auto-upgrades when debconf enable_auto_updates is true, as
# Debian's cloud images are built
cp_in "$X/unattended-upgrades/usr/share/unattended-upgrades/20auto-upgrades" /etc/apt/apt.conf.d/20auto-upgrades
cp_in "$X/unattended-upgrades/lib/systemd/system/unattended-upgrades.service" /usr/lib/systemd/system/unattended-upgrades.service
link /etc/systemd/system/multi-user.target.wants/unattended-upgrades.service /lib/systemd/system/unattended-upgrades.service
dpkg_status "${DEBIAN_PKGS[@]}" unattended-upgrades
fresh_times
finish

# ---- debian12-weak ------------------------------------------------------------------------
start debian12-weak
debian_base debian12-weak
# cloud-init with ssh_pwauth: true writes this drop-in (Include is the first line of sshd_config,
# so it wins over anything below)
put /etc/ssh/sshd_config.d/50-cloud-init.conf <<'EOF'
PasswordAuthentication yes
EOF
sed -i -e 's/^#PermitRootLogin prohibit-password$/PermitRootLogin yes/' "$R/etc/ssh/sshd_config"
cat >>"$R/etc/ssh/sshd_config" <<'EOF'

# added by hand "for the old backup client"
Ciphers aes128-cbc,3des-cbc,aes256-ctr,aes128-ctr
MACs hmac-md5,hmac-sha1-96,hmac-sha2-256
EOF
for t in rsa ecdsa ed25519; do mode /etc/ssh/ssh_host_${t}_key 0644; done
# a second UID 0 account, an empty password, a default "test" account with a password
cat >>"$R/etc/passwd" <<'EOF'
toor:x:0:0:root:/root:/bin/bash
deploy:x:1001:1001:deploy:/home/deploy:/bin/bash
test:x:1002:1002:test:/home/test:/bin/bash
EOF
cat >>"$R/etc/group" <<'EOF'
deploy:x:1001:
test:x:1002:
ops:x:1003:deploy,test
EOF
# (shadow was written from passwd before these accounts existed: add theirs)
cat >>"$R/etc/shadow" <<EOF
toor:$(openssl passwd -6 -salt vmguardfixture toor):20380:0:99999:7:::
deploy::20401:0:99999:7:::
test:$(openssl passwd -6 -salt vmguardfixture test):20401:0:99999:7:::
EOF
printf 'deploy:!::\ntest:!::\nops:!::deploy,test\n' >>"$R/etc/gshadow"
sed -i -e 's/^sudo:x:27:debian$/sudo:x:27:debian,deploy/' "$R/etc/group"
put /etc/sudoers.d/10-ops <<'EOF'
# ops team: no more password prompts
%ops ALL=(ALL:ALL) NOPASSWD: ALL
test ALL=(ALL) NOPASSWD: ALL
EOF
mode /etc/sudoers.d/10-ops 0440
for u in deploy:1001 test:1002; do
    n=${u%%:*} id=${u##*:}
    cp_in "$X/base-files/usr/share/base-files/dot.profile" /home/$n/.profile
    owner /home/$n $id $id; owner /home/$n/.profile $id $id
done
echo "$USER_PUB" | put /home/test/.ssh/authorized_keys
owner /home/test/.ssh 1002 1002; owner /home/test/.ssh/authorized_keys 1002 1002; mode /home/test/.ssh/ 0700
# an unencrypted private key left in a home, and a root history
keygen rsa "$R/home/debian/.ssh/id_rsa" "debian@debian12-weak (vmguard test fixture)" -b 2048
mode /home/debian/.ssh/id_rsa 0600
owner /home/debian/.ssh/id_rsa 1000 1000; owner /home/debian/.ssh/id_rsa.pub 1000 1000
printf 'passwd test\nssh-keygen -t rsa\napt-get remove unattended-upgrades\n' | put /root/.bash_history
mode /root/.bash_history 0600
# no unattended-upgrades: not installed, no 20auto-upgrades; lists last fetched in September
dpkg_status "${DEBIAN_PKGS[@]}"
t=2026-09-02T14:03:52Z
lists_time $t
for f in "$R"/var/lib/apt/lists/*_InRelease; do
    sed -i -e 's/^Date: .*/Date: Wed, 02 Sep 2026 08:12:40 UTC/' -e 's/^Valid-Until: .*/Valid-Until: Wed, 09 Sep 2026 08:12:40 UTC/' "$f"
done
mtime /var/lib/apt/periodic/update-success-stamp $t
mtime /var/lib/apt/periodic/update-stamp $t
# a kernel update waits for a reboot (update-notifier-common's hook writes these under /run)
echo '*** System restart required ***' | put /run/reboot-required
echo 'linux-image-6.1.0-56-cloud-amd64' | put /run/reboot-required.pkgs
finish

# ---- ubuntu2404-style, rocky9-style --------------------------------------------------------
# Written from the distributions' documented defaults (no Ubuntu or Rocky packages can be
# downloaded here): see ubuntu.sh and rocky.sh beside this script.
. "$here/ubuntu.sh"
. "$here/rocky.sh"

echo "fixtures written under $here"
