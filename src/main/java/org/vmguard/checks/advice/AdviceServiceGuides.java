package org.vmguard.checks.advice;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vmguard.core.Check;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Evidence;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;
import org.vmguard.facts.FactException;
import org.vmguard.facts.Host;
import org.vmguard.facts.net.Sockets;
import org.vmguard.facts.systemd.SystemdUnits;

public final class AdviceServiceGuides implements Check<Host> {

    static final CheckInfo INFO = CheckInfo.host("advice.service-guides",
            "Hardening guides for the network services found", Severity.INFO,
            "vmguard checks the settings that matter most, but every network service has a vendor guide with "
                    + "more: read the one for each service this host offers.",
            "Read and apply the guides listed in the result.",
            "Vendor hardening guides (listed per service)");

    /** A guide, and the program names and units that identify its service. */
    record Guide(String service, String url, List<String> programs, List<String> units) {
    }

    static final List<Guide> GUIDES = List.of(
            new Guide("OpenSSH", "https://infosec.mozilla.org/guidelines/openssh",
                    List.of("sshd", "sshd-session"), List.of("ssh.service", "sshd.service")),
            new Guide("Apache HTTP Server", "https://httpd.apache.org/docs/current/misc/security_tips.html",
                    List.of("apache2", "httpd"), List.of("apache2.service", "httpd.service")),
            new Guide("nginx", "https://docs.nginx.com/nginx/admin-guide/security-controls/",
                    List.of("nginx"), List.of("nginx.service")),
            new Guide("Postfix", "https://www.postfix.org/SMTPD_ACCESS_README.html",
                    List.of("master", "smtpd"), List.of("postfix.service")),
            new Guide("Exim", "https://www.exim.org/exim-html-current/doc/html/spec_html/ch-security_considerations.html",
                    List.of("exim4", "exim"), List.of("exim4.service", "exim.service")),
            new Guide("BIND 9", "https://bind9.readthedocs.io/en/latest/chapter7.html",
                    List.of("named"), List.of("named.service", "bind9.service")),
            new Guide("Unbound", "https://unbound.docs.nlnetlabs.nl/en/latest/topics/privacy/index.html",
                    List.of("unbound"), List.of("unbound.service")),
            new Guide("dnsmasq", "https://thekelleys.org.uk/dnsmasq/docs/dnsmasq-man.html (--local-service)",
                    List.of("dnsmasq"), List.of("dnsmasq.service")),
            new Guide("NTP (ntpsec / chrony)", "https://docs.ntpsec.org/latest/access.html",
                    List.of("ntpd", "chronyd"), List.of("ntpsec.service", "ntp.service", "chrony.service", "chronyd.service")),
            new Guide("MySQL / MariaDB", "https://dev.mysql.com/doc/refman/8.0/en/security-guidelines.html",
                    List.of("mysqld", "mariadbd"), List.of("mysql.service", "mariadb.service", "mysqld.service")),
            new Guide("PostgreSQL", "https://www.postgresql.org/docs/current/auth-pg-hba-conf.html",
                    List.of("postgres", "postmaster"), List.of("postgresql.service")),
            new Guide("Redis", "https://redis.io/docs/latest/operate/oss_and_stack/management/security/",
                    List.of("redis-server"), List.of("redis-server.service", "redis.service")),
            new Guide("MongoDB", "https://www.mongodb.com/docs/manual/administration/security-checklist/",
                    List.of("mongod"), List.of("mongod.service")),
            new Guide("Elasticsearch", "https://www.elastic.co/guide/en/elasticsearch/reference/current/secure-cluster.html",
                    List.of("java-elasticsearch"), List.of("elasticsearch.service")),
            new Guide("memcached", "https://github.com/memcached/memcached/wiki/SASLHowto",
                    List.of("memcached"), List.of("memcached.service")),
            new Guide("Docker", "https://docs.docker.com/engine/security/",
                    List.of("dockerd"), List.of("docker.service")),
            new Guide("Samba", "https://wiki.samba.org/index.php/Setting_up_Samba_as_a_Standalone_Server",
                    List.of("smbd"), List.of("smbd.service", "smb.service")),
            new Guide("vsftpd", "https://security.appspot.com/vsftpd/vsftpd_conf.html",
                    List.of("vsftpd"), List.of("vsftpd.service")),
            new Guide("rpcbind / NFS", "https://www.kernel.org/doc/html/latest/filesystems/nfs/index.html",
                    List.of("rpcbind", "rpc.mountd"), List.of("rpcbind.service", "nfs-server.service")));

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(Host host) {
        Map<String, Evidence> found = new LinkedHashMap<>();
        String how;
        try {
            if (host.kind().live()) {
                how = "listening sockets";
                Sockets s = host.fact(Sockets.KEY);
                for (Guide g : GUIDES) {
                    List<Sockets.Socket> socks = s.ownedBy(g.programs().toArray(String[]::new));
                    if (!socks.isEmpty()) {
                        found.put(g.service(), Evidence.note(g.service() + " (" + socks.get(0).describe() + "): " + g.url()));
                    }
                }
            } else {
                how = "enabled units";
                SystemdUnits u = host.fact(SystemdUnits.KEY);
                for (Guide g : GUIDES) {
                    for (String unit : g.units()) {
                        if (u.state(unit).enabled()) {
                            found.put(g.service(), Evidence.note(g.service() + " (" + unit + " enabled): " + g.url()));
                            break;
                        }
                    }
                }
            }
        } catch (FactException e) {
            return Outcome.info("the network services could not be listed (" + e.getMessage()
                    + "); read the vendor hardening guide of every service this host offers");
        }
        if (found.isEmpty()) {
            return Outcome.info("no network service with a known hardening guide was found (from " + how + ")");
        }
        List<Evidence> ev = new ArrayList<>(found.values());
        return Outcome.info("hardening guides for " + String.join(", ", found.keySet()), ev.toArray(Evidence[]::new));
    }
}
