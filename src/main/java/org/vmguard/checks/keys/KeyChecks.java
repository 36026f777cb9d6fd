package org.vmguard.checks.keys;

import java.util.List;
import org.vmguard.core.Check;
import org.vmguard.facts.Host;

/** The key area's checks, for the catalogue. */
public final class KeyChecks {

    private KeyChecks() {
    }

    public static List<Check<Host>> all() {
        return List.of(new KeyUnprotected());
    }
}
