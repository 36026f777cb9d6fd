# Sourced by make-fixtures.sh: the ubuntu2404-style fixture, an Ubuntu 24.04 cloud VM after
# cloud-init's first boot. Debian's registry has no Ubuntu packages, so the files are Debian's
# package files changed the way Ubuntu's packages document it, or written from Ubuntu's
# documented defaults; ubuntu2404-style/README.md lists which is which.

start ubuntu2404-style
link /bin usr/bin; link /sbin usr/sbin; link /lib usr/lib; link /lib64 usr/lib64
link /var/run /run; link /var/lock /run/lock
dir /usr/bin; dir /usr/sbin; dir /usr/lib64; dir /run/lock; dir /tmp; mode /tmp 1777
systemd_init
apt_daily
put /usr/lib/os-release <<'EOF'
PRETTY_NAME="Ubuntu 24.04.3 LTS"
NAME="Ubuntu"
VERSION_ID="24.04"
VERSION="24.04.3 LTS (Noble Numbat)"
VERSION_CODENAME=noble
ID=ubuntu
ID_LIKE=debian
HOME_URL="https://www.ubuntu.com/"
SUPPORT_URL="https://help.ubuntu.com/"
BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"
PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"
UBUNTU_CODENAME=noble
LOGO=ubuntu-logo
EOF
link /etc/os-release ../usr/lib/os-release
echo 'trixie/sid' | put /etc/debian_version
printf 'Ubuntu 24.04.3 LTS \\n \\l\n\n' | put /etc/issue
echo 'ubuntu2404-style' | put /etc/hostname
grep -v tmux /etc/shells | put /etc/shells

# openssh-server 1:9.6p1-3ubuntu13: Debian's template plus Ubuntu's socket-activation note and
# its longer AcceptEnv
sed -e 's/^#Port 22$/# Port and ListenAddress options are not used when sshd is socket-activated,\n# which is now the default in Ubuntu. See sshd_config(5) and\n# \/usr\/share\/doc\/openssh-server\/README.Debian.gz for details.\n#Port 22/' \
    -e 's/^AcceptEnv LANG LC_\*$/AcceptEnv LANG LC_* COLORTERM NO_COLOR/' \
    "$X/openssh-server/usr/share/openssh/sshd_config" | put /etc/ssh/sshd_config
# cloud-init (ssh_pwauth: false) writes 50-cloud-init.conf; the cloud image build adds
# 60-cloudimg-settings.conf
echo 'PasswordAuthentication no' | put /etc/ssh/sshd_config.d/50-cloud-init.conf
mode /etc/ssh/sshd_config.d/50-cloud-init.conf 0600
echo 'PasswordAuthentication no' | put /etc/ssh/sshd_config.d/60-cloudimg-settings.conf
cp_in "$X/openssh-client/etc/ssh/ssh_config" /etc/ssh/ssh_config
dir /etc/ssh/ssh_config.d
cp_in "$X/openssh-server/etc/pam.d/sshd" /etc/pam.d/sshd
host_keys ubuntu2404-style
# socket activation: ssh.socket enabled, ssh.service started by it
cp_in "$X/openssh-server/lib/systemd/system/ssh.service" /usr/lib/systemd/system/ssh.service
cp_in "$X/openssh-server/lib/systemd/system/ssh.socket" /usr/lib/systemd/system/ssh.socket
link /etc/systemd/system/sockets.target.wants/ssh.socket /usr/lib/systemd/system/ssh.socket
link /etc/systemd/system/ssh.service.wants/sshd-keygen.service /usr/lib/systemd/system/sshd-keygen.service
dir /run/sshd

# shadow 1:4.13+dfsg1-4ubuntu3 ships the same login.defs as Debian's 1:4.13+dfsg1-1
cp_in "$X/login/etc/login.defs" /etc/login.defs
# sudo 1.9.15p5-3ubuntu5: Debian's sudoers plus /snap/bin and the %admin rule
sed -e 's|secure_path="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"|secure_path="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/snap/bin"|' \
    -e 's/^# Allow members of group sudo to execute any command$/# Members of the admin group may gain root privileges\n%admin ALL=(ALL) ALL\n\n&/' \
    "$X/sudo/etc/sudoers" | put /etc/sudoers
mode /etc/sudoers 0440
cp_in "$X/sudo/etc/sudoers.d/README" /etc/sudoers.d/README; mode /etc/sudoers.d/README 0440
mode /etc/sudoers.d 0750
put /etc/sudoers.d/90-cloud-init-users <<'EOF'
# Created by cloud-init v. 24.4.1-0ubuntu0~24.04.3 on Mon, 23 Nov 2026 06:18:02 +0000

# User rules for ubuntu
ubuntu ALL=(ALL) NOPASSWD:ALL
EOF
mode /etc/sudoers.d/90-cloud-init-users 0440

# accounts: base-passwd's masters (Ubuntu ships the same base-passwd), then the system users
# of an Ubuntu 24.04 cloud image's packages, then cloud-init's default user
{ sed 's/^\([^:]*\):\*:/\1:x:/' "$X/base-passwd/usr/share/base-passwd/passwd.master"
  cat <<'EOF'
systemd-network:x:998:998:systemd Network Management:/:/usr/sbin/nologin
systemd-timesync:x:996:996:systemd Time Synchronization:/:/usr/sbin/nologin
dhcpcd:x:100:65534:DHCP Client Daemon,,,:/usr/lib/dhcpcd:/bin/false
messagebus:x:101:101::/nonexistent:/usr/sbin/nologin
syslog:x:102:102::/nonexistent:/usr/sbin/nologin
systemd-resolve:x:991:991:systemd Resolver:/:/usr/sbin/nologin
uuidd:x:103:103::/run/uuidd:/usr/sbin/nologin
usbmux:x:104:46:usbmux daemon,,,:/var/lib/usbmux:/usr/sbin/nologin
tss:x:105:105:TPM software stack,,,:/var/lib/tpm:/bin/false
sshd:x:106:65534::/run/sshd:/usr/sbin/nologin
pollinate:x:107:1::/var/cache/pollinate:/bin/false
tcpdump:x:108:109::/nonexistent:/usr/sbin/nologin
landscape:x:109:110::/var/lib/landscape:/usr/sbin/nologin
fwupd-refresh:x:989:989:Firmware update daemon:/var/lib/fwupd:/usr/sbin/nologin
polkitd:x:988:988:User for polkitd:/:/usr/sbin/nologin
ubuntu:x:1000:1000:Ubuntu:/home/ubuntu:/bin/bash
EOF
} | put /etc/passwd
{ sed 's/^\([^:]*\):\*:/\1:x:/' "$X/base-passwd/usr/share/base-passwd/group.master" |
    sed -e 's/^adm:x:4:$/adm:x:4:syslog,ubuntu/' -e 's/^\(cdrom\|sudo\|dip\):x:\([0-9]*\):$/\1:x:\2:ubuntu/'
  cat <<'EOF'
systemd-journal:x:999:
systemd-network:x:998:
systemd-timesync:x:996:
messagebus:x:101:
syslog:x:102:
systemd-resolve:x:991:
uuidd:x:103:
_ssh:x:104:
tss:x:105:
rdma:x:106:
tcpdump:x:109:
landscape:x:110:
admin:x:111:
netdev:x:112:
lxd:x:113:ubuntu
polkitd:x:988:
ubuntu:x:1000:
EOF
} | put /etc/group
awk -F: '{pw = ($1=="ubuntu") ? "!" : "*"; print $1":"pw":20415:0:99999:7:::"}' "$R/etc/passwd" | put /etc/shadow
awk -F: '{print $1":*::"$4}' "$R/etc/group" | put /etc/gshadow
mode /etc/shadow 0640; owner /etc/shadow 0 42
mode /etc/gshadow 0640; owner /etc/gshadow 0 42
dir /root; mode /root 0700
echo "no-port-forwarding,no-agent-forwarding,no-X11-forwarding,command=\"echo 'Please login as the user \\\"ubuntu\\\" rather than the user \\\"root\\\".';echo;sleep 10;exit 142\" $USER_PUB" |
    put /root/.ssh/authorized_keys
mode /root/.ssh 0700; mode /root/.ssh/authorized_keys 0600
echo "$USER_PUB" | put /home/ubuntu/.ssh/authorized_keys
cp_in "$X/base-files/usr/share/base-files/dot.profile" /home/ubuntu/.profile
mode /home/ubuntu 0750   # adduser/useradd on 24.04: HOME_MODE 0750
owner /home/ubuntu 1000 1000; owner /home/ubuntu/.ssh 1000 1000; owner /home/ubuntu/.profile 1000 1000
owner /home/ubuntu/.ssh/authorized_keys 1000 1000; mode /home/ubuntu/.ssh 0700
mode /home/ubuntu/.ssh/authorized_keys 0600

# cloud-init (Ubuntu's cloud.cfg, abridged to the settings the checks read)
put /etc/cloud/cloud.cfg <<'EOF'
# The top level settings are used as module
# and base configuration.

# A set of users which may be applied and/or used by various modules
# when a 'default' entry is found it will reference the 'default_user'
# from the distro configuration specified below
users:
  - default

# If this is set, 'root' will not be able to ssh in and they
# will get a message to login instead as the default $user
disable_root: true

# This will cause the set+update hostname module to not operate (if true)
preserve_hostname: false

# If you use datasource_list array, keep array items in a single line.
# If you use multi line array, ds-identify script won't read array items.
# Example datasource config
# datasource:
#   Ec2:
#     metadata_urls: [ 'blah.com' ]
#     timeout: 5 # (defaults to 50 seconds)
#     max_wait: 10 # (defaults to 120 seconds)

# The modules that run in the 'init' stage
cloud_init_modules:
  - seed_random
  - bootcmd
  - write_files
  - growpart
  - resizefs
  - disk_setup
  - mounts
  - set_hostname
  - update_hostname
  - update_etc_hosts
  - ca_certs
  - rsyslog
  - users_groups
  - ssh
  - set_passwords

# System and/or distro specific settings
# (not accessible to handlers/transforms)
system_info:
  # This will affect which distro class gets used
  distro: ubuntu
  # Default user name + that default users groups (if added/used)
  default_user:
    name: ubuntu
    lock_passwd: True
    gecos: Ubuntu
    groups: [adm, cdrom, dip, lxd, sudo]
    sudo: ["ALL=(ALL) NOPASSWD:ALL"]
    shell: /bin/bash
  network:
    dhcp_client_priority: [dhcpcd, dhclient, udhcpc]
    renderers: ['netplan', 'eni', 'sysconfig']
    activators: ['netplan', 'eni', 'network-manager', 'networkd']
  # Automatically discover the best ntp_client
  ntp_client: auto
  # Other config here will be given to the distro class and/or path classes
  paths:
    cloud_dir: /var/lib/cloud/
    templates_dir: /etc/cloud/templates/
  package_mirrors:
    - arches: [i386, amd64]
      failsafe:
        primary: http://archive.ubuntu.com/ubuntu
        security: http://security.ubuntu.com/ubuntu
  ssh_svcname: ssh
EOF
echo 'datasource_list: [ NoCloud, ConfigDrive, OpenStack, Ec2, None ]' | put /etc/cloud/cloud.cfg.d/90_dpkg.cfg

# unattended-upgrades 2.9.1+nmu4ubuntu1: enabled by default on Ubuntu, with its origins
put /etc/apt/apt.conf.d/20auto-upgrades <<'EOF'
APT::Periodic::Update-Package-Lists "1";
APT::Periodic::Unattended-Upgrade "1";
EOF
put /etc/apt/apt.conf.d/50unattended-upgrades <<'EOF'
// Automatically upgrade packages from these (origin:archive) pairs
//
// Note that in Ubuntu security updates may pull in new dependencies
// from non-security sources (e.g. chromium). By allowing the release
// pocket these get automatically pulled in.
Unattended-Upgrade::Allowed-Origins {
	"${distro_id}:${distro_codename}";
	"${distro_id}:${distro_codename}-security";
	// Extended Security Maintenance; doesn't necessarily exist for
	// every release and this system may not have it installed, but if
	// available, the policy for updates is such that unattended-upgrades
	// should also install from here by default.
	"${distro_id}ESMApps:${distro_codename}-apps-security";
	"${distro_id}ESM:${distro_codename}-infra-security";
//	"${distro_id}:${distro_codename}-updates";
//	"${distro_id}:${distro_codename}-proposed";
//	"${distro_id}:${distro_codename}-backports";
};

// Python regular expressions, matching packages to exclude from upgrading
Unattended-Upgrade::Package-Blacklist {
    // The following matches all packages starting with linux-
//  "linux-";
};

// This option controls whether the development release of Ubuntu will be
// upgraded automatically. Valid values are "true", "false", and "auto".
Unattended-Upgrade::DevRelease "auto";

// Split the upgrade into the smallest possible chunks so that
// they can be interrupted with SIGTERM. This makes the upgrade
// a bit slower but it has the benefit that shutdown while a upgrade
// is running is possible (with a small delay)
//Unattended-Upgrade::MinimalSteps "true";

// Automatically reboot *WITHOUT CONFIRMATION* if
//  the file /var/run/reboot-required is found after the upgrade
//Unattended-Upgrade::Automatic-Reboot "false";
EOF
put /etc/apt/sources.list.d/ubuntu.sources <<'EOF'
Types: deb
URIs: http://archive.ubuntu.com/ubuntu/
Suites: noble noble-updates noble-backports
Components: main universe restricted multiverse
Signed-By: /usr/share/keyrings/ubuntu-archive-keyring.gpg

Types: deb
URIs: http://security.ubuntu.com/ubuntu/
Suites: noble-security
Components: main universe restricted multiverse
Signed-By: /usr/share/keyrings/ubuntu-archive-keyring.gpg
EOF
ubuntu_inrelease() {  # ubuntu_inrelease FILE SUITE VERSION DATE
    put "/var/lib/apt/lists/$1" <<EOF
-----BEGIN PGP SIGNED MESSAGE-----
Hash: SHA512

Origin: Ubuntu
Label: Ubuntu
Suite: $2
Version: 24.04
Codename: noble
Date: $3
Architectures: amd64 arm64 armhf i386 ppc64el riscv64 s390x
Components: main restricted universe multiverse
Description: Ubuntu Noble 24.04
EOF
}
ubuntu_inrelease archive.ubuntu.com_ubuntu_dists_noble_InRelease noble "Thu, 25 Apr 2024 15:10:33 UTC"
ubuntu_inrelease archive.ubuntu.com_ubuntu_dists_noble-updates_InRelease noble-updates "Mon, 23 Nov 2026 02:11:07 UTC"
ubuntu_inrelease archive.ubuntu.com_ubuntu_dists_noble-backports_InRelease noble-backports "Sun, 22 Nov 2026 19:40:12 UTC"
ubuntu_inrelease security.ubuntu.com_ubuntu_dists_noble-security_InRelease noble-security "Mon, 23 Nov 2026 04:02:55 UTC"
: | put /var/lib/apt/lists/lock; mode /var/lib/apt/lists/lock 0640
: | put /var/lib/apt/periodic/update-success-stamp
mtime /var/lib/apt/periodic/update-success-stamp 2026-11-23T06:19:44Z
dir /var/lib/apt/lists/partial; mode /var/lib/apt/lists/partial 0700; owner /var/lib/apt/lists/partial 42 0
lists_time 2026-11-23T06:19:44Z

# ufw is installed but off on Ubuntu's cloud images (ufw 0.36.2: Debian's package files; its
# postinst installs ufw.conf and the rules from /usr/share/ufw)
cp_in "$X/ufw/usr/share/ufw/ufw.conf" /etc/ufw/ufw.conf
cp_in "$X/ufw/etc/default/ufw" /etc/default/ufw
for f in before.rules after.rules before6.rules after6.rules user.rules user6.rules; do
    cp_in "$X/ufw/usr/share/ufw/$f" /etc/ufw/$f; mode /etc/ufw/$f 0640
done
cp_in "$X/ufw/lib/systemd/system/ufw.service" /usr/lib/systemd/system/ufw.service
link /etc/systemd/system/multi-user.target.wants/ufw.service /usr/lib/systemd/system/ufw.service
# rsyslog 8.2312 writes the classic files (Ubuntu's rsyslog.conf and 50-default.conf);
# logrotate keeps 4 weeks of them
put /etc/rsyslog.conf <<'EOF'
# /etc/rsyslog.conf configuration file for rsyslog
#
# For more information install rsyslog-doc and see
# /usr/share/doc/rsyslog-doc/html/configuration/index.html
#
# Default logging rules can be found in /etc/rsyslog.d/50-default.conf


#################
#### MODULES ####
#################

module(load="imuxsock") # provides support for local system logging
#module(load="immark")  # provides --MARK-- message capability

# provides UDP syslog reception
#module(load="imudp")
#input(type="imudp" port="514")

# provides TCP syslog reception
#module(load="imtcp")
#input(type="imtcp" port="514")

# provides kernel logging support and enable non-kernel klog messages
module(load="imklog" permitnonkernelfacility="on")

###########################
#### GLOBAL DIRECTIVES ####
###########################

# Filter duplicated messages
$RepeatedMsgReduction on

#
# Set the default permissions for all log files.
#
$FileOwner syslog
$FileGroup adm
$FileCreateMode 0640
$DirCreateMode 0755
$Umask 0022
$PrivDropToUser syslog
$PrivDropToGroup syslog

#
# Where to place spool and state files
#
$WorkDirectory /var/spool/rsyslog

#
# Include all config files in /etc/rsyslog.d/
#
$IncludeConfig /etc/rsyslog.d/*.conf
EOF
put /etc/rsyslog.d/50-default.conf <<'EOF'
#  Default rules for rsyslog.
#
#			For more information see rsyslog.conf(5) and /etc/rsyslog.conf

#
# First some standard log files.  Log by facility.
#
auth,authpriv.*			/var/log/auth.log
*.*;auth,authpriv.none		-/var/log/syslog
#cron.*				/var/log/cron.log
#daemon.*			-/var/log/daemon.log
kern.*				-/var/log/kern.log
#lpr.*				-/var/log/lpr.log
mail.*				-/var/log/mail.log
#user.*				-/var/log/user.log

#
# Logging for the mail system.  Split it up so that
# it is easy to write scripts to parse these files.
#
#mail.info			-/var/log/mail.info
#mail.warn			-/var/log/mail.warn
mail.err			/var/log/mail.err

#
# Emergencies are sent to everybody logged in.
#
*.emerg				:omusrmsg:*
EOF
cp_in "$X/rsyslog/lib/systemd/system/rsyslog.service" /usr/lib/systemd/system/rsyslog.service
link /etc/systemd/system/multi-user.target.wants/rsyslog.service /usr/lib/systemd/system/rsyslog.service
link /etc/systemd/system/syslog.service /usr/lib/systemd/system/rsyslog.service
sed 's/^weekly$/weekly\n\n# use the adm group by default, since this is the owning group\n# of \/var\/log\/.\nsu root adm/' \
    "$X/logrotate/etc/logrotate.conf" | put /etc/logrotate.conf
put /etc/logrotate.d/rsyslog <<'EOF'
/var/log/syslog
/var/log/mail.log
/var/log/kern.log
/var/log/auth.log
/var/log/user.log
/var/log/cron.log
{
	rotate 4
	weekly
	missingok
	notifempty
	compress
	delaycompress
	sharedscripts
	postrotate
		/usr/lib/rsyslog/rsyslog-rotate
	endscript
}
EOF
# rsyslog is installed on Ubuntu: auth.log exists, 0640 syslog:adm
put /var/log/auth.log <<'EOF'
2026-11-23T06:18:05.112233+00:00 ubuntu2404-style sshd[812]: Server listening on 0.0.0.0 port 22.
2026-11-23T06:18:05.112401+00:00 ubuntu2404-style sshd[812]: Server listening on :: port 22.
2026-11-23T06:21:40.551870+00:00 ubuntu2404-style sshd[1203]: Accepted publickey for ubuntu from 192.0.2.10 port 50512 ssh2: ED25519 SHA256:qk4m3fixturefixturefixturefixturefixture0
EOF
mode /var/log/auth.log 0640; owner /var/log/auth.log 102 4
dir /var/log/journal; dir /var/tmp; mode /var/tmp 1777

# dpkg status: the packages the checks read, with the versions of Ubuntu 24.04's archive
# (written by hand: see the README)
ubuntu_pkg() {  # ubuntu_pkg NAME VERSION ARCH SECTION SOURCE DESCRIPTION
    cat <<EOF
Package: $1
Status: install ok installed
Priority: optional
Section: $4
Maintainer: Ubuntu Developers <ubuntu-devel-discuss@lists.ubuntu.com>
Architecture: $3
Source: $5
Version: $2
Description: $6

EOF
}
{
ubuntu_pkg apt 2.8.3 amd64 admin apt "commandline package manager"
ubuntu_pkg base-files 13ubuntu10.3 amd64 admin base-files "Debian base system miscellaneous files"
ubuntu_pkg base-passwd 3.6.3build1 amd64 admin base-passwd "Debian base system master password and group files"
ubuntu_pkg cloud-init 24.4.1-0ubuntu0~24.04.3 all admin cloud-init "initialization and customization tool for cloud instances"
ubuntu_pkg dpkg 1.22.6ubuntu6.1 amd64 admin dpkg "Debian package management system"
ubuntu_pkg libc6 2.39-0ubuntu8.4 amd64 libs glibc "GNU C Library: Shared libraries"
ubuntu_pkg linux-image-6.8.0-88-generic 6.8.0-88.89 amd64 kernel linux-signed "Signed kernel image generic"
ubuntu_pkg linux-image-virtual 6.8.0-88.89 amd64 kernel linux-meta "Virtual Linux kernel image"
ubuntu_pkg logrotate 3.21.0-2build1 amd64 admin logrotate "Log rotation utility"
ubuntu_pkg login 1:4.13+dfsg1-4ubuntu3.2 amd64 admin shadow "system login tools"
ubuntu_pkg openssh-client 1:9.6p1-3ubuntu13.14 amd64 net openssh "secure shell (SSH) client, for secure access to remote machines"
ubuntu_pkg openssh-server 1:9.6p1-3ubuntu13.14 amd64 net openssh "secure shell (SSH) server, for secure access from remote machines"
ubuntu_pkg openssh-sftp-server 1:9.6p1-3ubuntu13.14 amd64 net openssh "secure shell (SSH) sftp server module, for SFTP access from remote machines"
ubuntu_pkg passwd 1:4.13+dfsg1-4ubuntu3.2 amd64 admin shadow "change and administer password and group data"
ubuntu_pkg rsyslog 8.2312.0-3ubuntu9.1 amd64 admin rsyslog "reliable system and kernel logging daemon"
ubuntu_pkg sudo 1.9.15p5-3ubuntu5.24.04.1 amd64 admin sudo "Provide limited super user privileges to specific users"
ubuntu_pkg systemd 255.4-1ubuntu8.11 amd64 admin systemd "system and service manager"
ubuntu_pkg ubuntu-pro-client 36ubuntu0~24.04 amd64 misc ubuntu-pro-client "Management tools for Ubuntu Pro"
ubuntu_pkg ufw 0.36.2-6 all admin ufw "program for managing a Netfilter firewall"
ubuntu_pkg unattended-upgrades 2.9.1+nmu4ubuntu1 all admin unattended-upgrades "automatic installation of security upgrades"
} | put /var/lib/dpkg/status
finish
