package org.vmguard.checks.update;

import java.util.List;
import org.vmguard.core.Check;
import org.vmguard.facts.Host;

/** The update area's checks, for the catalogue. */
public final class UpdateChecks {

    private UpdateChecks() {
    }

    public static List<Check<Host>> all() {
        return List.of(new UpdateAuto(), new UpdateEolRelease(), new UpdateKernel(), new UpdatePendingSecurity(),
                new UpdateRebootRequired(), new UpdateSecurityOrigin(), new UpdateStaleLists());
    }
}
