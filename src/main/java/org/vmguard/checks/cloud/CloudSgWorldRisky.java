package org.vmguard.checks.cloud;

import java.util.ArrayList;
import java.util.List;
import org.vmguard.cloud.SecurityRule;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Severity;

public final class CloudSgWorldRisky extends WorldRuleCheck {

    static final CheckInfo INFO = CloudCheckInfo.of("cloud.sg-world-risky",
            "Databases, remote desktops and other risky services are not open to the world", Severity.CRITICAL,
            "Databases, the Docker API, memcached, redis, SMB, RDP and VNC were never meant to face the Internet: "
                    + "many run without authentication by default, and scanners find them within hours; an exposed "
                    + "Docker API or redis is a root shell for anyone.",
            "Delete the rule (openstack security group rule delete RULE_ID); reach the service through SSH "
                    + "tunnels, a VPN or a rule limited to the addresses of its clients (--remote-ip PREFIX or "
                    + "--remote-group GROUP).",
            "Nectar: Security guidelines — do not expose databases", "CIS Controls v8 4.4: Implement and manage a firewall on servers");

    /** A risky service: protocol, first and last port, name. */
    record Service(String protocol, int from, int to, String name) {
    }

    static final List<Service> SERVICES = List.of(
            new Service("tcp", 23, 23, "telnet"),
            new Service("tcp", 111, 111, "rpcbind"), new Service("udp", 111, 111, "rpcbind"),
            new Service("udp", 137, 138, "NetBIOS"), new Service("tcp", 139, 139, "NetBIOS"),
            new Service("udp", 161, 161, "SNMP"),
            new Service("tcp", 445, 445, "SMB"),
            new Service("tcp", 1433, 1433, "SQL Server"), new Service("tcp", 1521, 1521, "Oracle"),
            new Service("tcp", 2049, 2049, "NFS"), new Service("udp", 2049, 2049, "NFS"),
            new Service("tcp", 2375, 2376, "Docker API"), new Service("tcp", 2379, 2380, "etcd"),
            new Service("tcp", 3306, 3306, "MySQL/MariaDB"), new Service("tcp", 3389, 3389, "RDP"),
            new Service("udp", 3389, 3389, "RDP"),
            new Service("tcp", 5432, 5432, "PostgreSQL"), new Service("tcp", 5900, 5903, "VNC"),
            new Service("tcp", 5984, 5984, "CouchDB"), new Service("tcp", 6379, 6379, "redis"),
            new Service("tcp", 9042, 9042, "Cassandra"), new Service("tcp", 9200, 9200, "Elasticsearch"),
            new Service("tcp", 10250, 10250, "kubelet"),
            new Service("tcp", 11211, 11211, "memcached"), new Service("udp", 11211, 11211, "memcached"),
            new Service("tcp", 27017, 27019, "MongoDB"));

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    String matches(SecurityRule r) {
        List<String> hit = new ArrayList<>();
        for (Service s : SERVICES) {
            for (int port = s.from(); port <= s.to(); port++) {
                if (r.opens(s.protocol(), port)) {
                    String label = s.name() + " (" + s.protocol() + " " + (s.from() == s.to() ? s.from() : s.from() + "-" + s.to()) + ")";
                    if (!hit.contains(label)) {
                        hit.add(label);
                    }
                    break;
                }
            }
        }
        return String.join(", ", hit);
    }

    @Override
    String subject() {
        return "a database, remote-desktop or similar risky port";
    }
}
