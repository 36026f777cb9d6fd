package org.vmguard.checks.service;

import java.util.List;
import org.vmguard.core.Check;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;
import org.vmguard.facts.Host;
import org.vmguard.facts.dns.DnsServers;

public final class DnsOpenRecursion implements Check<Host> {

    static final CheckInfo INFO = CheckInfo.host("dns.open-recursion",
            "The DNS server does not answer recursive queries from anyone", Severity.HIGH,
            "An open resolver is abused to amplify denial-of-service attacks against third parties: small "
                    + "spoofed queries produce large answers. Research clouds block or shut down VMs that run one.",
            "BIND: in named.conf.options set allow-recursion { localhost; localnets; }; (or recursion no; on an "
                    + "authoritative-only server), check with named-checkconf, then rndc reconfig. unbound: keep "
                    + "access-control to trusted netblocks (access-control: 10.0.0.0/8 allow) and no "
                    + "0.0.0.0/0 allow, check with unbound-checkconf. dnsmasq: add local-service or "
                    + "listen-address=127.0.0.1.",
            "Don't run an open DNS resolver", "CIS Debian 12 2.2.x: DNS server is not installed or is restricted");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(Host host) {
        List<DnsServers.Server> servers = host.fact(DnsServers.KEY).servers();
        if (servers.isEmpty()) {
            return Outcome.skip("no DNS server (BIND, unbound, dnsmasq) is installed");
        }
        for (DnsServers.Server s : servers) {
            if (s.open().isPresent()) {
                return Outcome.fail(s.open().get().reason(), s.open().get().evidence());
            }
        }
        for (DnsServers.Server s : servers) {
            if (!s.problem().isEmpty()) {
                return Outcome.error(s.name() + ": " + s.problem());
            }
        }
        return Outcome.pass(String.join(", ", servers.stream().map(DnsServers.Server::name).toList())
                + ": recursion is limited to trusted clients");
    }
}
