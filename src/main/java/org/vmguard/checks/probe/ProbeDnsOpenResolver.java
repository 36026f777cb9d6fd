package org.vmguard.checks.probe;

import org.vmguard.core.Check;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;
import org.vmguard.probe.DnsAnswer;
import org.vmguard.probe.NetworkHost;

public final class ProbeDnsOpenResolver implements Check<NetworkHost> {

    static final CheckInfo INFO = CheckInfo.network("probe.dns-open-resolver",
            "The host does not resolve names for strangers", Severity.HIGH,
            "An open resolver answers anyone's recursive queries: attackers send it small queries with a "
                    + "forged source and it sends large answers to their victim (DNS amplification). Research "
                    + "clouds block or suspend VMs that do it.",
            "Let the resolver answer only its own networks: unbound access-control: 0.0.0.0/0 refuse plus an "
                    + "allow line per local network; BIND allow-recursion { localhost; localnets; }; dnsmasq "
                    + "--local-service; or stop it listening on the public address.",
            "Nectar: Do not run an open DNS resolver", "US-CERT TA13-088A");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(NetworkHost host) {
        return Answers.judge(host.dnsRecursion(), seen -> {
            DnsAnswer a = seen.value();
            if (a.recursed()) {
                return Outcome.fail("the DNS server on udp/53 answered a recursive query for a name it is not "
                        + "authoritative for (" + a.summary() + ")", seen.evidence());
            }
            return Outcome.pass("the DNS server on udp/53 did not recurse for a stranger (" + a.summary() + ")",
                    seen.evidence());
        });
    }
}
