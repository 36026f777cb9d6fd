package org.vmguard.checks.service;

import java.util.List;
import java.util.Optional;

/**
 * What vmguard knows about network services, as data: their ports, programs and systemd units,
 * and whether they are commonly attacked, plaintext, or commonly unneeded on a cloud VM.
 */
public final class ServiceCatalogue {

    private ServiceCatalogue() {
    }

    /** @param protocol "tcp", "udp" or "any"; ports from {@code low} to {@code high} */
    public record Service(String name, String protocol, int low, int high, List<String> programs, List<String> units,
            boolean risky, boolean plaintext) {

        boolean matches(String proto, int port) {
            return port >= low && port <= high && (protocol.equals("any") || protocol.equals(proto));
        }
    }

    static final List<Service> SERVICES = List.of(
            new Service("ftp", "tcp", 21, 21, List.of("vsftpd", "proftpd", "pure-ftpd", "in.ftpd"),
                    List.of("vsftpd.service", "proftpd.service", "pure-ftpd.service"), true, true),
            new Service("telnet", "tcp", 23, 23, List.of("in.telnetd", "telnetd"),
                    List.of("telnet.socket", "inetd.service", "openbsd-inetd.service"), true, true),
            new Service("tftp", "udp", 69, 69, List.of("in.tftpd", "tftpd"), List.of("tftpd-hpa.service", "tftp.socket"), true, true),
            new Service("pop3", "tcp", 110, 110, List.of("dovecot", "pop3d"), List.of(), false, true),
            new Service("rpcbind", "any", 111, 111, List.of("rpcbind", "portmap"), List.of("rpcbind.service", "rpcbind.socket"), true, false),
            new Service("netbios", "any", 137, 139, List.of("nmbd", "smbd"), List.of("nmbd.service"), true, false),
            new Service("imap", "tcp", 143, 143, List.of("dovecot", "imapd"), List.of(), false, true),
            new Service("snmp", "udp", 161, 162, List.of("snmpd"), List.of("snmpd.service"), true, false),
            new Service("smb", "tcp", 445, 445, List.of("smbd"), List.of("smbd.service", "samba.service"), true, false),
            new Service("rexec/rlogin/rsh", "tcp", 512, 514, List.of("in.rexecd", "in.rlogind", "in.rshd"),
                    List.of("rsh.socket", "rlogin.socket", "rexec.socket"), true, true),
            new Service("mssql", "tcp", 1433, 1433, List.of("sqlservr"), List.of("mssql-server.service"), true, false),
            new Service("oracle", "tcp", 1521, 1521, List.of("tnslsnr"), List.of(), true, false),
            new Service("nfs", "any", 2049, 2049, List.of("nfsd"), List.of("nfs-server.service"), true, false),
            new Service("docker API", "tcp", 2375, 2376, List.of("dockerd"), List.of(), true, false),
            new Service("mysql", "tcp", 3306, 3306, List.of("mysqld", "mariadbd"), List.of(), true, false),
            new Service("rdp", "tcp", 3389, 3389, List.of("xrdp"), List.of("xrdp.service"), true, false),
            new Service("postgresql", "tcp", 5432, 5432, List.of("postgres"), List.of(), true, false),
            new Service("vnc", "tcp", 5900, 5999, List.of("Xvnc", "x11vnc", "Xtigervnc", "vncserver"),
                    List.of("x11vnc.service", "vncserver@.service", "tigervncserver@.service"), true, false),
            new Service("couchdb", "tcp", 5984, 5984, List.of("beam.smp"), List.of(), true, false),
            new Service("X11", "tcp", 6000, 6063, List.of("Xorg", "X", "Xwayland"), List.of(), true, false),
            new Service("redis", "tcp", 6379, 6379, List.of("redis-server"), List.of(), true, false),
            new Service("elasticsearch", "tcp", 9200, 9300, List.of("java"), List.of(), true, false),
            new Service("memcached", "any", 11211, 11211, List.of("memcached"), List.of(), true, false),
            new Service("mongodb", "tcp", 27017, 27019, List.of("mongod"), List.of(), true, false),
            new Service("http", "tcp", 80, 80, List.of("apache2", "httpd", "nginx", "lighttpd"), List.of(), false, true));

    /** The commonly attacked services (probe.risky-port knocks on their TCP ports). */
    public static List<Service> risky() {
        return SERVICES.stream().filter(Service::risky).toList();
    }

    static Optional<Service> byPort(String protocol, int port) {
        return SERVICES.stream().filter(s -> s.matches(protocol, port)).findFirst();
    }

    /** Services commonly enabled on images that a cloud VM rarely needs. */
    static final List<String> UNNEEDED_UNITS = List.of("avahi-daemon.service", "avahi-daemon.socket", "cups.service",
            "cups.socket", "cups-browsed.service", "rpcbind.service", "rpcbind.socket", "nfs-server.service",
            "xinetd.service", "inetd.service", "openbsd-inetd.service", "telnet.socket", "vsftpd.service",
            "proftpd.service", "snmpd.service", "bluetooth.service", "tftpd-hpa.service", "rsh.socket",
            "rlogin.socket", "isc-dhcp-server.service", "nmbd.service", "smbd.service", "xrdp.service");
}
