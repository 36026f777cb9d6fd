package org.vmguard.checks.cloud;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.vmguard.cloud.CloudProject;
import org.vmguard.cloud.Port;
import org.vmguard.core.Check;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Evidence;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;

public final class CloudSgUnused implements Check<CloudProject> {

    static final CheckInfo INFO = CloudCheckInfo.of("cloud.sg-unused",
            "Every security group is attached to a port", Severity.LOW,
            "Groups nobody uses accumulate old, broad rules; attached to a new server by habit, they open it "
                    + "without anyone reviewing why. The project's default group is not counted: Neutron creates "
                    + "it and it cannot be deleted.",
            "Delete the groups no port uses: openstack security group delete GROUP_ID (after checking that no "
                    + "Heat stack or automation expects them).",
            "Nectar: Security Groups — review and remove unused groups", "CIS Controls v8 4.2: Establish and maintain a secure configuration process for network infrastructure");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(CloudProject p) {
        Set<String> used = new HashSet<>();
        for (Port port : p.ports()) {
            used.addAll(port.securityGroups());
        }
        List<Evidence> unused = p.groups().stream()
                .filter(g -> !g.name().equals("default") && !used.contains(g.id()))
                .map(g -> Evidence.file("/v2.0/security-groups/" + g.id(), "group " + g.name() + " (" + g.id()
                        + ", region " + g.region() + ", " + g.rules().size() + " rule(s)) is attached to no port"))
                .toList();
        if (!unused.isEmpty()) {
            return Outcome.fail(unused.size() + " security group(s) attached to no port", unused);
        }
        return Outcome.pass("every one of the " + p.groups().size() + " security group(s) is attached to a port "
                + "(or is the default group)");
    }
}
