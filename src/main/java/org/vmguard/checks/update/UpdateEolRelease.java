package org.vmguard.checks.update;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vmguard.core.Check;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Evidence;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;
import org.vmguard.facts.Host;
import org.vmguard.facts.update.EolTable;
import org.vmguard.facts.update.ExtendedSupport;
import org.vmguard.facts.update.ReleaseId;

public final class UpdateEolRelease implements Check<Host> {

    static final CheckInfo INFO = CheckInfo.host("update.eol-release",
            "The OS release still receives security updates", Severity.HIGH,
            "After the end of its security support a release gets no fixes at all: every flaw found later stays "
                    + "open for good, and automatic updates silently install nothing. Ubuntu ESM and RHEL ELS extend "
                    + "support only for hosts with a subscription attached.",
            "Upgrade to a supported release (do-release-upgrade; Debian: edit sources to the next codename, apt "
                    + "full-upgrade; RHEL family: leapp upgrade, or rebuild the VM from a current image), or attach "
                    + "the paid extension: pro attach TOKEN && pro enable esm-infra (Ubuntu), the RHEL ELS add-on "
                    + "with subscription-manager, Freexian ELTS for Debian.",
            "CIS Controls v8 2.2: Ensure authorized software is currently supported",
            "https://ubuntu.com/about/release-cycle", "https://wiki.debian.org/LTS",
            "https://access.redhat.com/support/policy/updates/errata");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(Host host) {
        ReleaseId id = host.fact(ReleaseId.KEY);
        EolTable table = EolTable.shipped();
        if (!id.known()) {
            return Outcome.skip("the release is not one the end-of-support table covers: "
                    + (id.pretty().isEmpty() ? id.evidence().text() : id.pretty()));
        }
        Optional<EolTable.Row> row = table.find(id.distro(), id.version());
        if (row.isEmpty()) {
            return Outcome.skip(id.pretty() + " (" + id.distro() + " " + id.version()
                    + ") is not in the end-of-support table of " + table.tableDate());
        }
        EolTable.Row r = row.get();
        LocalDate today = LocalDate.ofInstant(host.now(), ZoneOffset.UTC);
        List<Evidence> ev = new ArrayList<>();
        ev.add(id.evidence());
        // the table is vmguard's, not the target's: a note, not a path on the target
        ev.add(Evidence.note("vmguard's end-of-support table (eol.csv line " + r.line() + ", dated "
                + table.tableDate() + "): free security support until " + r.freeEnd()
                + r.paidEnd().map(p -> ", " + r.paidName() + " until " + p).orElse("") + "; source " + r.source()));
        if (!today.isAfter(r.freeEnd())) {
            return Outcome.pass(id.pretty() + " has free security support until " + r.freeEnd(), ev);
        }
        if (r.paidEnd().isPresent() && !today.isAfter(r.paidEnd().get())) {
            ExtendedSupport s = host.fact(ExtendedSupport.KEY);
            ev.addAll(s.evidence());
            if (s.active()) {
                return Outcome.pass(id.pretty() + " is past free support (" + r.freeEnd() + ") and covered by "
                        + s.what() + " until " + r.paidEnd().get(), ev);
            }
            return Outcome.fail(id.pretty() + " lost free security support on " + r.freeEnd() + "; " + r.paidName()
                    + " would cover it until " + r.paidEnd().get() + ", but no subscription is attached", ev);
        }
        return Outcome.fail(id.pretty() + " receives no security updates since "
                + r.paidEnd().filter(p -> p.isAfter(r.freeEnd())).orElse(r.freeEnd()), ev);
    }
}
