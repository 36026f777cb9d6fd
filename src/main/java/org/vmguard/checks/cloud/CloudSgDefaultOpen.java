package org.vmguard.checks.cloud;

import org.vmguard.cloud.CloudProject;
import org.vmguard.cloud.SecurityGroup;
import org.vmguard.cloud.SecurityRule;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;

public final class CloudSgDefaultOpen extends WorldRuleCheck {

    static final CheckInfo INFO = CloudCheckInfo.of("cloud.sg-default-open",
            "The project's default security group admits nothing from the world", Severity.MEDIUM,
            "Every new server and port gets the default group unless another is named, so a world rule added "
                    + "there silently applies to servers launched later, including ones never meant to be public.",
            "Delete the world rules from the default group (openstack security group rule list default; openstack "
                    + "security group rule delete RULE_ID) and put them in a named group attached only to the servers "
                    + "that need them.",
            "Nectar: Security Groups — keep the default group closed", "CIS Controls v8 4.4: Implement and manage a firewall on servers");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(CloudProject p) {
        if (p.groups().stream().noneMatch(this::judges)) {
            return Outcome.skip("the project has no security group named default in the listing");
        }
        return super.evaluate(p);
    }

    @Override
    boolean judges(SecurityGroup g) {
        return g.name().equals("default");
    }

    @Override
    String matches(SecurityRule r) {
        return r.what();
    }

    @Override
    String subject() {
        return "anything in a default group";
    }
}
