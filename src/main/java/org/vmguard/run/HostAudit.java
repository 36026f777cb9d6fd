package org.vmguard.run;

import java.time.Instant;
import java.util.function.Supplier;
import org.vmguard.catalogue.Catalogue;
import org.vmguard.catalogue.Selection;
import org.vmguard.core.OsInfo;
import org.vmguard.core.Report;
import org.vmguard.core.ReportTarget;
import org.vmguard.facts.FactException;
import org.vmguard.facts.Host;
import org.vmguard.facts.OsRelease;
import org.vmguard.target.Target;

/** Audits one host: gathers its facts through the target and runs the selected host checks. */
public final class HostAudit {

    private HostAudit() {
    }

    public static Report run(Target target, Selection selection) {
        return run(target, selection, Instant::now);
    }

    /** @param clock "now" for the facts (fixed in golden tests) */
    public static Report run(Target target, Selection selection, Supplier<Instant> clock) {
        return run(new Host(target, clock), selection, clock);
    }

    /**
     * Audits through a host whose facts may already be (partly) gathered: facts are memoised,
     * so a second selection over the same host reads each fact once.
     */
    public static Report run(Host host, Selection selection, Supplier<Instant> clock) {
        Target target = host.target();
        OsInfo os;
        try {
            os = host.fact(OsRelease.KEY).info();
        } catch (FactException e) {
            os = OsInfo.UNKNOWN;
        }
        ReportTarget rt = new ReportTarget(target.kind(), target.name(), os);
        return Runner.run(host, target.kind(), rt, selection.profile().name(),
                selection.apply(Catalogue.hostChecks()), clock.get());
    }
}
