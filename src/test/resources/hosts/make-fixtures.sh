#!/usr/bin/env bash
# Builds the realistic host fixtures under src/test/resources/hosts/<name>/root from the real
# files of Debian's packages (apt-get download + dpkg-deb -x), doing what the maintainer scripts
# and cloud-init would have done on a fresh cloud VM. Ubuntu and Rocky files are written from
# their documented defaults (see each fixture's README.md). Run it on a Debian 12 machine after
# `apt-get update`; it rewrites root/ and modes of every fixture, never expected-report.json.
#
#   src/test/resources/hosts/make-fixtures.sh                    # all fixtures
#   src/test/resources/hosts/make-fixtures.sh debian12-hardened  # only the named ones
#
# Every key it writes is a throwaway generated here with ssh-keygen: test-only, never a real
# machine's key.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# --- the package defaults -----------------------------------------------------------------
pkgs=(openssh-server openssh-client base-files login sudo passwd base-passwd unattended-upgrades cloud-init apt
    ufw rsyslog logrotate postfix ntpsec redis-server unbound nftables fail2ban apache2 apache2-data nginx-common
    mariadb-server mariadb-common mysql-common systemd cups-daemon vsftpd)
(cd "$work" && apt-get download -q "${pkgs[@]}" >/dev/null 2>&1)
for p in "${pkgs[@]}"; do
    mkdir -p "$work/x/$p"
    dpkg-deb -x "$work"/"${p}"_*.deb "$work/x/$p"
done
X=$work/x

only=("$@")
want() {    # want NAME: was this fixture asked for (no arguments: every fixture)?
    [ ${#only[@]} -eq 0 ] && return 0
    local n
    for n in "${only[@]}"; do [ "$n" = "$1" ] && return 0; done
    return 1
}

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

# --- network services -----------------------------------------------------------------------
# Program files are empty placeholders: the checks only look for them.
placeholder() { local f; for f in "$@"; do : | put "$f"; mode "$f" 0755; done; }
wants() {   # wants TARGET UNIT [SOURCE]: what `systemctl enable` (deb-systemd-helper) links
    link /etc/systemd/system/$1.wants/$2 ${3:-/lib/systemd/system/$2}
}
unit() {    # unit PKG UNIT: a package's unit file
    cp_in "$X/$1/lib/systemd/system/$2" /usr/lib/systemd/system/$2
}

# postfix: the main.cf its postinst generates on Debian 12 (debconf "Internet Site", a VM named
# "vm"), with the given inet_interfaces and mynetworks; the package's master.cf.
postfix_conf() {   # postfix_conf INET_INTERFACES MYNETWORKS
    sed -e "s|@INET@|$1|" -e "s|@NETS@|$2|" <<'EOF' | put /etc/postfix/main.cf
# See /usr/share/postfix/main.cf.dist for a commented, more complete version


# Debian specific:  Specifying a file name will cause the first
# line of that file to be used as the name.  The Debian default
# is /etc/mailname.
#myorigin = /etc/mailname

smtpd_banner = $myhostname ESMTP $mail_name (Debian/GNU)
biff = no

# appending .domain is the MUA's job.
append_dot_mydomain = no

# Uncomment the next line to generate "delayed mail" warnings
#delay_warning_time = 4h

readme_directory = no

# See http://www.postfix.org/COMPATIBILITY_README.html -- default to 3.6 on
# fresh installs.
compatibility_level = 3.6


smtpd_relay_restrictions = permit_mynetworks permit_sasl_authenticated defer_unauth_destination
myhostname = vm
alias_maps = hash:/etc/aliases
alias_database = hash:/etc/aliases
mydestination = $myhostname, vm, localhost.localdomain, localhost
relayhost = 
mynetworks = @NETS@
mailbox_size_limit = 0
recipient_delimiter = +
inet_interfaces = @INET@
default_transport = error
relay_transport = error
inet_protocols = all
EOF
    cp_in "$X/postfix/usr/share/postfix/master.cf.dist" /etc/postfix/master.cf
    placeholder /usr/sbin/postfix
}

ntpsec_conf() {   # the ntpsec package's ntp.conf (restrict default kod nomodify nopeer noquery limited)
    cp_in "$X/ntpsec/etc/ntpsec/ntp.conf" /etc/ntpsec/ntp.conf
    placeholder /usr/sbin/ntpd
}

unbound_pkg() {   # unbound 1.17: its unbound.conf (includes unbound.conf.d/*.conf) and drop-ins, enabled
    local f
    for f in unbound.conf unbound.conf.d/root-auto-trust-anchor-file.conf unbound.conf.d/remote-control.conf; do
        cp_in "$X/unbound/etc/unbound/$f" /etc/unbound/$f
    done
    placeholder /usr/sbin/unbound
    unit unbound unbound.service; wants multi-user.target unbound.service
}

# --- Apache httpd (apache2 2.4 on Debian 12) ---------------------------------------------------
# a2enmod: a module's .load (and .conf) linked into mods-enabled, with what its "# Depends:"
# line names, as a2enmod does it.
a2en() {
    local n dep
    for n in "$@"; do
        [ -n "${LINK[/etc/apache2/mods-enabled/$n.load]:-}" ] && continue
        link /etc/apache2/mods-enabled/$n.load ../mods-available/$n.load
        if [ -f "$R/etc/apache2/mods-available/$n.conf" ]; then
            link /etc/apache2/mods-enabled/$n.conf ../mods-available/$n.conf
        fi
        for dep in $(sed -n 's/^# Depends: //p' "$R/etc/apache2/mods-available/$n.load"); do a2en "$dep"; done
    done
}
a2dis() { local n; for n in "$@"; do unset "LINK[/etc/apache2/mods-enabled/$n.load]" "LINK[/etc/apache2/mods-enabled/$n.conf]"; done; }
a2enconf() { local n; for n in "$@"; do link /etc/apache2/conf-enabled/$n.conf ../conf-available/$n.conf; done; }
a2ensite() { local n; for n in "$@"; do link /etc/apache2/sites-enabled/$n.conf ../sites-available/$n.conf; done; }
a2dissite() { local n; for n in "$@"; do unset "LINK[/etc/apache2/sites-enabled/$n.conf]"; done; }

apache_pkg() {   # the apache2 package as its postinst leaves a fresh install
    mkdir -p "$R/etc"
    cp -r "$X/apache2/etc/apache2" "$R/etc/apache2"
    rm -f "$R/etc/apache2/magic"   # mod_mime_magic's data (not enabled, 31 KB)
    cp_in "$X/apache2/etc/logrotate.d/apache2" /etc/logrotate.d/apache2
    unit apache2 apache2.service
    wants multi-user.target apache2.service
    placeholder /usr/sbin/apache2
    a2en mpm_event authz_host auth_basic access_compat authn_file authz_user alias dir autoindex env mime \
        negotiation setenvif filter deflate status reqtimeout
    a2enconf charset localized-error-pages other-vhosts-access-log security serve-cgi-bin
    a2ensite 000-default
    cp_in "$X/apache2-data/usr/share/apache2/default-site/index.html" /var/www/html/index.html
    dir /var/log/apache2; mode /var/log/apache2/ 0750; owner /var/log/apache2 0 4
    local f
    for f in access.log error.log other_vhosts_access.log; do
        : | put /var/log/apache2/$f; mode /var/log/apache2/$f 0640; owner /var/log/apache2/$f 0 4
    done
}

# --- nginx (nginx 1.22 on Debian 12) ------------------------------------------------------------
nginx_pkg() {   # nginx-common as its postinst leaves a fresh install
    mkdir -p "$R/etc"
    cp -r "$X/nginx-common/etc/nginx" "$R/etc/nginx"
    dir /etc/nginx/sites-enabled; dir /etc/nginx/modules-enabled; dir /etc/nginx/conf.d
    link /etc/nginx/sites-enabled/default /etc/nginx/sites-available/default
    cp_in "$X/nginx-common/usr/share/nginx/html/index.html" /var/www/html/index.nginx-debian.html
    cp_in "$X/nginx-common/etc/logrotate.d/nginx" /etc/logrotate.d/nginx
    unit nginx-common nginx.service
    wants multi-user.target nginx.service
    placeholder /usr/sbin/nginx
    dir /var/log/nginx; owner /var/log/nginx 0 4
    local f
    for f in access.log error.log; do
        : | put /var/log/nginx/$f; mode /var/log/nginx/$f 0640; owner /var/log/nginx/$f 33 4
    done
}

# --- firewall and ban tool ------------------------------------------------------------------------
nftables_pkg() {   # nftables: its accept-everything /etc/nftables.conf, the unit (not enabled by itself)
    cp_in "$X/nftables/etc/nftables.conf" /etc/nftables.conf; mode /etc/nftables.conf 0755
    unit nftables nftables.service
    placeholder /usr/sbin/nft
}
ufw_pkg() {        # ufw, installed and off: its postinst installs ufw.conf (ENABLED=no) and the rules
    local f
    cp_in "$X/ufw/usr/share/ufw/ufw.conf" /etc/ufw/ufw.conf
    cp_in "$X/ufw/etc/default/ufw" /etc/default/ufw
    for f in before.rules after.rules before6.rules after6.rules user.rules user6.rules; do
        cp_in "$X/ufw/usr/share/ufw/$f" /etc/ufw/$f; mode /etc/ufw/$f 0640
    done
    unit ufw ufw.service
    wants multi-user.target ufw.service
    placeholder /usr/sbin/ufw
}
fail2ban_pkg() {   # fail2ban 1.0.2: jail.conf, Debian's jail.d (sshd enabled), enabled at boot
    local f
    for f in fail2ban.conf jail.conf paths-common.conf paths-debian.conf jail.d/defaults-debian.conf \
        filter.d/common.conf filter.d/sshd.conf action.d/iptables.conf action.d/iptables-multiport.conf \
        action.d/iptables-allports.conf action.d/nftables.conf action.d/nftables-multiport.conf \
        action.d/nftables-allports.conf; do
        cp_in "$X/fail2ban/etc/fail2ban/$f" /etc/fail2ban/$f
    done
    cp_in "$X/fail2ban/usr/bin/fail2ban-server" /usr/bin/fail2ban-server; mode /usr/bin/fail2ban-server 0755
    unit fail2ban fail2ban.service
    wants multi-user.target fail2ban.service
}

# --- logging ---------------------------------------------------------------------------------------
rsyslog_pkg() {    # rsyslog and logrotate, enabled; the files rsyslog creates (root:adm 0640)
    cp_in "$X/rsyslog/etc/rsyslog.conf" /etc/rsyslog.conf
    dir /etc/rsyslog.d
    cp_in "$X/rsyslog/etc/logrotate.d/rsyslog" /etc/logrotate.d/rsyslog
    cp_in "$X/rsyslog/usr/lib/rsyslog/rsyslog-rotate" /usr/lib/rsyslog/rsyslog-rotate; mode /usr/lib/rsyslog/rsyslog-rotate 0755
    unit rsyslog rsyslog.service
    wants multi-user.target rsyslog.service
    link /etc/systemd/system/syslog.service /lib/systemd/system/rsyslog.service
    placeholder /usr/sbin/rsyslogd
    cp_in "$X/logrotate/etc/logrotate.conf" /etc/logrotate.conf
    for f in btmp wtmp; do cp_in "$X/logrotate/etc/logrotate.d/$f" /etc/logrotate.d/$f; done
    unit logrotate logrotate.service; unit logrotate logrotate.timer
    wants timers.target logrotate.timer
    placeholder /usr/sbin/logrotate
    local f
    for f in syslog auth.log kern.log; do
        : | put /var/log/$f; mode /var/log/$f 0640; owner /var/log/$f 0 4
    done
    cp_in "$X/systemd/etc/systemd/journald.conf" /etc/systemd/journald.conf
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
if want debian12-default; then
start debian12-default
debian_base debian12-default
cp_in "$X/unattended-upgrades/usr/share/unattended-upgrades/50unattended-upgrades" /etc/apt/apt.conf.d/50unattended-upgrades
# postinst writes the package's 20auto-upgrades when debconf enable_auto_updates is true, as
# Debian's cloud images are built
cp_in "$X/unattended-upgrades/usr/share/unattended-upgrades/20auto-upgrades" /etc/apt/apt.conf.d/20auto-upgrades
cp_in "$X/unattended-upgrades/lib/systemd/system/unattended-upgrades.service" /usr/lib/systemd/system/unattended-upgrades.service
link /etc/systemd/system/multi-user.target.wants/unattended-upgrades.service /lib/systemd/system/unattended-upgrades.service
dpkg_status "${DEBIAN_PKGS[@]}" unattended-upgrades
# postfix (Debian 12's generated main.cf: loopback only) and ntpsec, as their packages install them
postfix_conf loopback-only '127.0.0.0/8 [::ffff:127.0.0.0]/104 [::1]/128'
ntpsec_conf
fresh_times
finish
fi

# ---- debian12-weak ------------------------------------------------------------------------
if want debian12-weak; then
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
dpkg_status "${DEBIAN_PKGS[@]}" apache2 apache2-data nginx nginx-common nftables ufw fail2ban rsyslog logrotate \
    postfix ntpsec redis-server unbound cups-daemon vsftpd
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
# network services: an open relay listening everywhere, NTP control queries for anyone, an exposed
# Redis, an open resolver, cups and vsftpd enabled
postfix_conf all '127.0.0.0/8 0.0.0.0/0'
ntpsec_conf
echo 'unrestrict default noquery limited' >>"$R/etc/ntpsec/ntp.conf"
cp_in "$X/redis-server/etc/redis/redis.conf" /etc/redis/redis.conf
cat >>"$R/etc/redis/redis.conf" <<'EOF'

# opened up "so the app server can reach it"
bind 0.0.0.0
protected-mode no
EOF
placeholder /usr/bin/redis-server
unit redis-server redis-server.service; wants multi-user.target redis-server.service
unbound_pkg
put /etc/unbound/unbound.conf.d/open-resolver.conf <<'EOF'
# "so the other VMs of the project can use it"
server:
    interface: 0.0.0.0
    access-control: 0.0.0.0/0 allow
EOF
unit cups-daemon cups.service; wants multi-user.target cups.service
unit vsftpd vsftpd.service; wants multi-user.target vsftpd.service
cp_in "$X/vsftpd/etc/vsftpd.conf" /etc/vsftpd.conf
placeholder /usr/sbin/vsftpd /usr/sbin/cupsd
# web: Apache and nginx as their packages install them, then the classic mistakes. Apache keeps
# the default site (the Debian default page, "Options Indexes" for /var/www/ from apache2.conf,
# autoindex loaded) and gets userdir and the default TLS site with the package's
# "SSLProtocol all -SSLv3" (TLS 1.0 and 1.1 allowed); its logs are opened to everyone.
apache_pkg
a2en userdir ssl
a2ensite default-ssl
sed -i -e 's/^ServerTokens OS$/ServerTokens Full/' "$R/etc/apache2/conf-available/security.conf"
mode /var/log/apache2/ 0755
for f in access.log error.log other_vhosts_access.log; do mode /var/log/apache2/$f 0644; done
# nginx moved to port 8080 beside Apache, with the default page, a listed download directory,
# and server_tokens left at its default (on); plain http only
nginx_pkg
sed -i -e 's/listen 80 default_server;/listen 8080 default_server;/' \
    -e 's/listen \[::\]:80 default_server;/listen [::]:8080 default_server;/' \
    -e 's|^\(\t\ttry_files \$uri \$uri/ =404;\)$|\1\n\t}\n\n\tlocation /downloads/ {\n\t\tautoindex on;|' \
    "$R/etc/nginx/sites-available/default"
# firewall: nftables enabled with the package's ruleset (accepts everything), ufw installed but
# off, fail2ban with Debian's defaults: the sshd jail on, banning with iptables-multiport (jail.conf)
# on a host where only nftables is installed
nftables_pkg
wants sysinit.target nftables.service
ufw_pkg
fail2ban_pkg
# logging: rsyslog forwards everything over plain UDP, its files are readable by everyone and
# logrotate keeps the package's four weeks of auth.log
rsyslog_pkg
put /etc/rsyslog.d/50-remote.conf <<'EOT'
# ship everything to the central log server
*.* @logs.example.org:514
EOT
for f in syslog auth.log kern.log; do mode /var/log/$f 0644; done
finish
fi

# ---- debian12-hardened ----------------------------------------------------------------------
if want debian12-hardened; then
start debian12-hardened
debian_base debian12-hardened
# The owner's image with every guideline followed, ready to snapshot: `cloud-init clean` run, the
# launch-time files removed (host keys and authorized_keys: cloud-init writes them on every VM
# launched from it), no shell history, no private key.
rm -f "$R"/etc/ssh/ssh_host_*_key "$R"/etc/ssh/ssh_host_*_key.pub
rm -f "$R/root/.ssh/authorized_keys" "$R/home/debian/.ssh/authorized_keys"
# sshd: keys only, no root, few tries, no X11, named users, off port 22. sshd_config includes
# sshd_config.d/*.conf on its first line, and the first value of a keyword wins.
put /etc/ssh/sshd_config.d/10-hardening.conf <<'EOT'
# Hardening of this image; read before the rest of sshd_config, so these values win.
Port 2222
PermitRootLogin no
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitEmptyPasswords no
X11Forwarding no
MaxAuthTries 3
AllowUsers debian
EOT
# cloud-init: no password login, root refused, the OpenStack datasources, and a default user whose
# sudo asks for a password (the package's cloud.cfg says NOPASSWD:ALL)
put /etc/cloud/cloud.cfg.d/90-hardening.cfg <<'EOT'
# Hardening of this image
ssh_pwauth: false
disable_root: true
datasource_list: [ ConfigDrive, OpenStack, None ]
system_info:
   default_user:
     name: debian
     lock_passwd: True
     gecos: Debian
     groups: [adm, audio, cdrom, dialout, dip, floppy, netdev, plugdev, sudo, video]
     sudo: ["ALL=(ALL:ALL) ALL"]
     shell: /bin/bash
EOT
sed -i 's/^debian ALL=(ALL) NOPASSWD:ALL$/debian ALL=(ALL:ALL) ALL/' "$R/etc/sudoers.d/90-cloud-init-users"
# debian's sudo password (`passwd debian`; a throwaway hash of a throwaway password)
sed -i "s|^debian:!:|debian:$(openssl passwd -6 -salt vmguardfixture 'throwaway fixture password'):|" "$R/etc/shadow"
# unattended-upgrades on, as on debian12-default
cp_in "$X/unattended-upgrades/usr/share/unattended-upgrades/50unattended-upgrades" /etc/apt/apt.conf.d/50unattended-upgrades
cp_in "$X/unattended-upgrades/usr/share/unattended-upgrades/20auto-upgrades" /etc/apt/apt.conf.d/20auto-upgrades
cp_in "$X/unattended-upgrades/lib/systemd/system/unattended-upgrades.service" /usr/lib/systemd/system/unattended-upgrades.service
wants multi-user.target unattended-upgrades.service
# firewall: nftables enabled, input dropped unless it is loopback, an answer, ICMP, SSH on 2222 or
# the web; fail2ban's sshd jail on port 2222, reading the journal, banning through nftables
nftables_pkg
put /etc/nftables.conf <<'EOT'
#!/usr/sbin/nft -f

flush ruleset

table inet filter {
	chain input {
		type filter hook input priority filter; policy drop;
		iif "lo" accept
		ct state established,related accept
		ct state invalid drop
		meta l4proto { icmp, ipv6-icmp } accept
		tcp dport 2222 accept comment "ssh"
		tcp dport { 80, 443 } accept comment "nginx"
	}
	chain forward {
		type filter hook forward priority filter; policy drop;
	}
	chain output {
		type filter hook output priority filter;
	}
}
EOT
wants sysinit.target nftables.service
fail2ban_pkg
put /etc/fail2ban/jail.local <<'EOT'
[DEFAULT]
# nftables is this host's firewall (jail.conf's default, iptables-multiport, is not installed)
banaction = nftables-multiport
banaction_allports = nftables-allports

[sshd]
enabled = true
port = 2222
# sshd's messages come from the journal, whether or not a syslog daemon writes auth.log
backend = systemd
EOT
# mail, DNS, NTP, database: on loopback only
postfix_conf loopback-only '127.0.0.0/8 [::ffff:127.0.0.0]/104 [::1]/128'
unit postfix postfix.service; wants multi-user.target postfix.service
ntpsec_conf
unit ntpsec ntpsec.service; wants multi-user.target ntpsec.service
unbound_pkg
put /etc/unbound/unbound.conf.d/local-only.conf <<'EOT'
# a caching resolver for this host only
server:
    interface: 127.0.0.1
    interface: ::1
    access-control: 127.0.0.0/8 allow
    access-control: ::1/128 allow
EOT
# MariaDB: the package's 50-server.cnf (bind-address = 127.0.0.1); my.cnf through alternatives
cp_in "$X/mariadb-common/etc/mysql/mariadb.cnf" /etc/mysql/mariadb.cnf
for f in conf.d/mysql.cnf conf.d/mysqldump.cnf my.cnf.fallback; do cp_in "$X/mysql-common/etc/mysql/$f" /etc/mysql/$f; done
for f in 50-server.cnf 50-mysqld_safe.cnf; do
    cp_in "$X/mariadb-server/etc/mysql/mariadb.conf.d/$f" /etc/mysql/mariadb.conf.d/$f
done
link /etc/mysql/my.cnf /etc/alternatives/my.cnf
link /etc/alternatives/my.cnf /etc/mysql/mariadb.cnf
placeholder /usr/sbin/mariadbd
unit mariadb-server mariadb.service; wants multi-user.target mariadb.service
# web: nginx in front (http redirects to https, TLS 1.2+, no version, no listing), Apache serving
# the application to it on loopback over TLS (no default site, no listing, no userdir, no version)
apache_pkg
a2dissite 000-default
a2dis autoindex status
a2en ssl headers
put /etc/apache2/ports.conf <<'EOT'
# nginx terminates TLS for the world on 443; Apache serves the application to it on loopback,
# over TLS as well
Listen 127.0.0.1:8443
EOT
sed -i -e 's/^ServerTokens OS$/ServerTokens Prod/' -e 's/^ServerSignature On$/ServerSignature Off/' \
    "$R/etc/apache2/conf-available/security.conf"
python3 - "$R/etc/apache2/apache2.conf" <<'EOT'
import sys
p = sys.argv[1]
s = open(p).read()
old = "<Directory /var/www/>\n\tOptions Indexes FollowSymLinks\n"
assert old in s
open(p, "w").write(s.replace(old, "<Directory /var/www/>\n\tOptions FollowSymLinks\n"))
EOT
sed -i -e 's/^\(\s*\)SSLProtocol all -SSLv3$/\1SSLProtocol -all +TLSv1.2 +TLSv1.3/' "$R/etc/apache2/mods-available/ssl.conf"
grep -q 'SSLProtocol -all +TLSv1.2 +TLSv1.3' "$R/etc/apache2/mods-available/ssl.conf"
put /etc/apache2/sites-available/app.conf <<'EOT'
<VirtualHost 127.0.0.1:8443>
	ServerName app.example.org
	DocumentRoot /srv/www/app
	<Directory /srv/www/app>
		Options -Indexes
		AllowOverride None
		Require all granted
	</Directory>

	SSLEngine on
	SSLCertificateFile /etc/apache2/tls/app.example.org.pem
	SSLCertificateKeyFile /etc/apache2/tls/app.example.org.key

	ErrorLog ${APACHE_LOG_DIR}/app_error.log
	CustomLog ${APACHE_LOG_DIR}/app_access.log combined
</VirtualHost>
EOT
a2ensite app
echo '<!doctype html><title>app.example.org</title><p>The application.</p>' | put /srv/www/app/index.html
for f in app_access.log app_error.log; do
    : | put /var/log/apache2/$f; mode /var/log/apache2/$f 0640; owner /var/log/apache2/$f 0 4
done
nginx_pkg
unset "LINK[/etc/nginx/sites-enabled/default]"
sed -i -e 's/^\t# server_tokens off;$/\tserver_tokens off;/' \
    -e 's/^\tssl_protocols TLSv1 TLSv1.1 TLSv1.2 TLSv1.3; # Dropping SSLv3, ref: POODLE$/\tssl_protocols TLSv1.2 TLSv1.3;/' \
    "$R/etc/nginx/nginx.conf"
grep -q '^	server_tokens off;' "$R/etc/nginx/nginx.conf"
grep -q '^	ssl_protocols TLSv1.2 TLSv1.3;' "$R/etc/nginx/nginx.conf"
put /etc/nginx/sites-available/example.org <<'EOT'
server {
	listen 80;
	listen [::]:80;
	server_name example.org www.example.org;
	return 301 https://$host$request_uri;
}

server {
	listen 443 ssl http2;
	listen [::]:443 ssl http2;
	server_name example.org www.example.org;

	ssl_certificate /etc/letsencrypt/live/example.org/fullchain.pem;
	ssl_certificate_key /etc/letsencrypt/live/example.org/privkey.pem;

	root /srv/www/example.org;
	index index.html;

	location / {
		try_files $uri $uri/ =404;
	}

	location /app/ {
		proxy_pass https://127.0.0.1:8443/;
		include proxy_params;
	}
}
EOT
link /etc/nginx/sites-enabled/example.org /etc/nginx/sites-available/example.org
echo '<!doctype html><title>example.org</title><p>Welcome to example.org.</p>' | put /srv/www/example.org/index.html
# logging: rsyslog forwards everything over TLS, checking the log host's certificate; auth.log
# kept 13 weeks; the journal on disk
rsyslog_pkg
put /etc/rsyslog.d/90-remote.conf <<'EOT'
# Forward everything to the project's log host over TLS (RFC 5425), checking its certificate.
global(DefaultNetstreamDriverCAFile="/etc/ssl/certs/ca-certificates.crt")
action(type="omfwd" target="logs.example.org" port="6514" protocol="tcp"
       StreamDriver="gtls" StreamDriverMode="1" StreamDriverAuthMode="x509/name"
       StreamDriverPermittedPeers="logs.example.org"
       queue.type="LinkedList" queue.filename="fwd_logs" queue.saveOnShutdown="on"
       action.resumeRetryCount="-1")
EOT
python3 - "$R/etc/logrotate.d/rsyslog" <<'EOT'
import sys
p = sys.argv[1]
s = open(p).read()
assert "/var/log/auth.log\n" in s
s = s.replace("/var/log/auth.log\n", "")
s += """
# authentication records: 13 weeks (CIS Controls 8.10 asks for 90 days)
/var/log/auth.log
{
	rotate 13
	weekly
	missingok
	notifempty
	compress
	delaycompress
	postrotate
		/usr/lib/rsyslog/rsyslog-rotate
	endscript
}
"""
open(p, "w").write(s)
EOT
put /etc/systemd/journald.conf.d/50-persistent.conf <<'EOT'
[Journal]
Storage=persistent
SystemMaxUse=1G
EOT
dpkg_status "${DEBIAN_PKGS[@]}" unattended-upgrades apache2 apache2-data nginx nginx-common nftables fail2ban \
    python3-systemd rsyslog rsyslog-gnutls logrotate postfix unbound ntpsec mariadb-server mariadb-common mysql-common
fresh_times
finish
fi

# ---- ubuntu2404-style, rocky9-style --------------------------------------------------------
# Written from the distributions' documented defaults (no Ubuntu or Rocky packages can be
# downloaded here): see ubuntu.sh and rocky.sh beside this script.
if want ubuntu2404-style; then . "$here/ubuntu.sh"; fi
if want rocky9-style; then . "$here/rocky.sh"; fi

echo "fixtures written under $here"
