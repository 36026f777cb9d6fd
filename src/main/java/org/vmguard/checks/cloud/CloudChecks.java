package org.vmguard.checks.cloud;

import java.util.List;
import org.vmguard.cloud.CloudProject;
import org.vmguard.core.Check;

/** The cloud area's checks, for the catalogue. */
public final class CloudChecks {

    private CloudChecks() {
    }

    public static List<Check<CloudProject>> all() {
        return List.of(new CloudPortSecurityOff(), new CloudServerExposure(), new CloudSgDefaultOpen(),
                new CloudSgUnused(), new CloudSgWorldAny(), new CloudSgWorldMailDnsNtp(), new CloudSgWorldRisky(),
                new CloudSgWorldSsh());
    }
}
