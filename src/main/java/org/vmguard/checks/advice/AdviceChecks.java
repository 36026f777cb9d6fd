package org.vmguard.checks.advice;

import java.util.List;
import org.vmguard.core.Check;
import org.vmguard.facts.Host;

/** The advice area's checks, for the catalogue. */
public final class AdviceChecks {

    private AdviceChecks() {
    }

    public static List<Check<Host>> all() {
        return List.of(new AdviceCompromiseResponse(), new AdviceSecurityAnnouncements(), new AdviceServiceGuides(),
                new AdviceSocialEngineering());
    }
}
