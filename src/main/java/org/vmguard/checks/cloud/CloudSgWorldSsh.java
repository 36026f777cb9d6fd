package org.vmguard.checks.cloud;

import org.vmguard.cloud.SecurityRule;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Severity;

public final class CloudSgWorldSsh extends WorldRuleCheck {

    static final CheckInfo INFO = CloudCheckInfo.of("cloud.sg-world-ssh",
            "SSH is open only to known address ranges", Severity.MEDIUM,
            "SSH open to 0.0.0.0/0 or ::/0 receives password guessing from the whole Internet within minutes of "
                    + "boot; restricting it to your institution's ranges (or a bastion) removes that noise and the "
                    + "risk of a weak password or an unpatched sshd being found.",
            "Replace the rule by one limited to your network: openstack security group rule create --protocol tcp "
                    + "--dst-port 22 --remote-ip YOUR_PREFIX GROUP; then openstack security group rule delete RULE_ID.",
            "Nectar: Securing your instance — restrict SSH access", "CSC Pouta: Security guidelines — limit SSH to known addresses");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    String matches(SecurityRule r) {
        return r.opens("tcp", 22) ? "SSH (tcp 22)" : "";
    }

    @Override
    String subject() {
        return "SSH";
    }
}
