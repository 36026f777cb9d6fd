package org.vmguard.checks.cloud;

import java.util.ArrayList;
import java.util.List;
import org.vmguard.cloud.SecurityRule;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Severity;

public final class CloudSgWorldMailDnsNtp extends WorldRuleCheck {

    static final CheckInfo INFO = CloudCheckInfo.of("cloud.sg-world-mail-dns-ntp",
            "Mail, DNS and NTP ports are not open to the world", Severity.HIGH,
            "An SMTP server open to the world becomes a spam relay, and open DNS resolvers and NTP servers are "
                    + "used to amplify denial-of-service attacks; research clouds block or shut down instances that do it.",
            "Delete the rule (openstack security group rule delete RULE_ID); if the service must be public, limit it "
                    + "to the addresses that need it and configure the daemon not to relay or recurse for strangers.",
            "Nectar: Security guidelines — no open mail relays, resolvers or NTP servers", "US-CERT TA14-017A: UDP-based amplification attacks");

    /** Protocol and port of the services: SMTP, DNS (both), NTP. */
    private static final List<Object[]> PORTS = List.of(
            new Object[] {"tcp", 25, "SMTP (tcp 25)"}, new Object[] {"tcp", 53, "DNS (tcp 53)"},
            new Object[] {"udp", 53, "DNS (udp 53)"}, new Object[] {"udp", 123, "NTP (udp 123)"});

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    String matches(SecurityRule r) {
        List<String> hit = new ArrayList<>();
        for (Object[] p : PORTS) {
            if (r.opens((String) p[0], (Integer) p[1])) {
                hit.add((String) p[2]);
            }
        }
        return String.join(", ", hit);
    }

    @Override
    String subject() {
        return "mail, DNS or NTP";
    }
}
