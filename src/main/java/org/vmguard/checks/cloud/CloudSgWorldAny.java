package org.vmguard.checks.cloud;

import org.vmguard.cloud.SecurityRule;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Severity;

public final class CloudSgWorldAny extends WorldRuleCheck {

    static final CheckInfo INFO = CloudCheckInfo.of("cloud.sg-world-any",
            "No security group rule opens every port to the world", Severity.CRITICAL,
            "A rule that lets in every protocol, or every port, from 0.0.0.0/0 or ::/0 (or with no remote at all, "
                    + "which Neutron applies to every address) turns off the cloud firewall: every service on the "
                    + "server, including ones started by accident or by an attacker, is reachable from the Internet.",
            "Delete the rule (openstack security group rule delete RULE_ID) and add one rule per service that must "
                    + "be reachable, from the narrowest remote prefix that works "
                    + "(openstack security group rule create --protocol tcp --dst-port 443 --remote-ip PREFIX GROUP).",
            "Nectar: Security Groups — open only the ports you need", "CSC Pouta: Security guidelines — firewalls and security groups");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    String matches(SecurityRule r) {
        return r.opensEverything() ? r.what() : "";
    }

    @Override
    String subject() {
        return "every port or protocol";
    }
}
