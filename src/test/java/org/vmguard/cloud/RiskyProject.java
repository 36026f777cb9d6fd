package org.vmguard.cloud;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A project with every kind of risky rule, in two regions, for the fake cloud; and the findings
 * its audit must give, exactly.
 */
public final class RiskyProject {

    public static final String WEB = "7d3c2a1e-0000-4000-8000-000000000001";
    public static final String DB = "7d3c2a1e-0000-4000-8000-000000000002";
    public static final String OPEN = "7d3c2a1e-0000-4000-8000-000000000003";
    public static final String APP = "7d3c2a1e-0000-4000-8000-000000000004";
    public static final String R2 = "7d3c2a1e-0000-4000-8000-000000000005";

    /** Check id → the ids at the end of the evidence paths (rules, groups or ports) it must name. */
    public static final Map<String, Set<String>> FINDINGS = Map.of(
            "cloud.sg-world-any", Set.of("r-any-v4", "r-v6-all"),
            "cloud.sg-world-risky", Set.of("r-any-v4", "r-v6-all", "r-mysql", "r-redis-range", "r-memcached-udp", "r-ssh-range"),
            "cloud.sg-world-mail-dns-ntp", Set.of("r-any-v4", "r-v6-all", "r-smtp", "r-dns-udp", "r-ntp"),
            "cloud.sg-world-ssh", Set.of("r-any-v4", "r-v6-all", "r-ssh", "r-ssh-range"),
            "cloud.sg-default-open", Set.of("r-default-http"),
            "cloud.sg-unused", Set.of("g-unused"),
            "cloud.port-security-off", Set.of("p-open1"));

    /**
     * cloud.server-exposure with {@link #LISTENERS}: the stale IPv4 rules on web1's IPv4 floating IP
     * (its IPv6 rules reach no public address of it) and the wide-open port of open1.
     */
    public static final Set<String> EXPOSURE = Set.of("r-smtp", "r-ntp", "p-open1");

    public static final String LISTENERS = """
            {"hosts": {"web1": {"tcp": [22, 80]}, "open1": {"tcp": [22]}}}
            """;

    private RiskyProject() {
    }

    public static void populate(FakeOpenStack fake) {
        FakeOpenStack.Region r = fake.region("RegionOne");
        r.group("g-default", "default");
        r.rule("g-default", "r-default-self4", "ingress", "IPv4", null, null, null, "group:g-default");
        r.rule("g-default", "r-default-self6", "ingress", "IPv6", null, null, null, "group:g-default");
        r.rule("g-default", "r-default-e4", "egress", "IPv4", null, null, null, null);
        r.rule("g-default", "r-default-e6", "egress", "IPv6", null, null, null, null);
        r.rule("g-default", "r-default-http", "ingress", "IPv4", "tcp", 80, 80, "0.0.0.0/0");

        r.group("g-any", "wide-open");
        r.rule("g-any", "r-any-v4", "ingress", "IPv4", null, null, null, null);
        r.group("g-v6", "v6-tcp-all");
        r.rule("g-v6", "r-v6-all", "ingress", "IPv6", "tcp", null, null, "::/0");

        r.addressGroup("ag-world", "partners-and-everyone", "10.0.0.0/8", "0.0.0.0/0");
        r.addressGroup("ag-inside", "inside", "10.0.0.0/8");
        r.group("g-db", "database");
        r.rule("g-db", "r-mysql", "ingress", "IPv4", "tcp", 3306, 3306, "0.0.0.0/0");
        r.rule("g-db", "r-redis-range", "ingress", "IPv4", "tcp", 6000, 6500, "ag:ag-world");
        r.rule("g-db", "r-pg-inside", "ingress", "IPv4", "tcp", 5432, 5432, "ag:ag-inside");
        r.rule("g-db", "r-pg-net", "ingress", "IPv4", "tcp", 5432, 5432, "10.0.0.0/8");
        r.rule("g-db", "r-memcached-udp", "ingress", "IPv4", "17", 11211, 11211, "0.0.0.0/0");
        r.rule("g-db", "r-icmp", "ingress", "IPv4", "icmp", null, null, "0.0.0.0/0");

        r.group("g-mail", "mail-dns");
        r.rule("g-mail", "r-smtp", "ingress", "IPv4", "tcp", 25, 25, "0.0.0.0/0");
        r.rule("g-mail", "r-dns-udp", "ingress", "IPv6", "udp", 53, 53, "::/0");
        r.rule("g-mail", "r-ntp", "ingress", "IPv4", "udp", 120, 125, "0.0.0.0/0");

        r.group("g-ssh", "ssh");
        r.rule("g-ssh", "r-ssh", "ingress", "IPv4", "tcp", 22, 22, "0.0.0.0/0");
        r.rule("g-ssh", "r-ssh-office", "ingress", "IPv4", "tcp", 22, 22, "192.0.2.0/24");
        r.rule("g-ssh", "r-ssh-range", "ingress", "IPv6", "tcp", 20, 23, "::/0");

        r.group("g-web", "web");
        r.group("g-app", "app");
        r.rule("g-app", "r-app", "ingress", "IPv4", "tcp", 8080, 8080, "group:g-web");

        r.group("g-unused", "legacy");
        r.rule("g-unused", "r-legacy", "ingress", "IPv4", "tcp", 443, 443, "192.0.2.0/24");

        r.server(WEB, "web1", false);
        r.port("p-web1", WEB, "192.168.1.10", true, "g-default", "g-ssh", "g-mail", "g-web");
        r.floatingIp("fip-web1", "203.0.113.10", "p-web1");
        r.server(DB, "db1", false);
        r.port("p-db1", DB, "2a01:4f8:1:2::7", true, "g-db", "g-v6");
        r.server(OPEN, "open1", false);
        r.port("p-open1", OPEN, "10.0.0.5", false);
        r.floatingIp("fip-open1", "203.0.113.20", "p-open1");
        r.server(APP, "app1", true);
        r.port("p-app1", APP, "10.0.0.6", true, "g-any", "g-app");
        r.port("p-router", null, "10.0.0.1", false);
        r.floatingIp("fip-spare", "203.0.113.99", null);

        FakeOpenStack.Region two = fake.region("RegionTwo");
        two.group("g2-default", "default");
        two.rule("g2-default", "r2-self", "ingress", "IPv4", null, null, null, "group:g2-default");
        two.server(R2, "r2-host", false);
        two.port("p-r2", R2, "10.1.0.5", true, "g2-default");
    }

    /** Public addresses per server name, as the audit must list them. */
    public static final Map<String, List<String>> PUBLIC = Map.of(
            "web1", List.of("203.0.113.10"), "db1", List.of("2a01:4f8:1:2::7"), "open1", List.of("203.0.113.20"));
}
