package org.vmguard.checks.fleet;

import java.util.List;
import org.vmguard.core.Check;
import org.vmguard.facts.fleet.FleetFacts;

/** The checks that judge a whole fleet at once, for the catalogue. */
public final class FleetChecks {

    private FleetChecks() {
    }

    public static List<Check<FleetFacts>> all() {
        return List.of(new FleetClonedHostKeys(), new FleetSharedPrivateKey());
    }
}
