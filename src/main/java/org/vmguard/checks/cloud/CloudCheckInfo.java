package org.vmguard.checks.cloud;

import java.util.List;
import java.util.Set;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Severity;
import org.vmguard.core.TargetKind;

/** Metadata of a check that judges an OpenStack project. */
final class CloudCheckInfo {

    private CloudCheckInfo() {
    }

    static CheckInfo of(String id, String title, Severity severity, String rationale, String remediation,
            String... references) {
        return new CheckInfo(id, title, severity, rationale, remediation, List.of(references), Set.of(TargetKind.OPENSTACK));
    }
}
