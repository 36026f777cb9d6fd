package org.vmguard.checks.update;

import java.time.Duration;
import java.time.Instant;
import org.vmguard.core.Check;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Evidence;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;
import org.vmguard.core.TargetKind;
import org.vmguard.facts.Host;
import org.vmguard.facts.update.PackageLists;

public final class UpdateStaleLists implements Check<Host> {

    static final Duration MAX_AGE = Duration.ofDays(7);

    static final CheckInfo INFO = CheckInfo.host("update.stale-lists",
            "Package lists were refreshed within 7 days", Severity.MEDIUM,
            "A host only learns of security updates when it refreshes its package lists. Lists older than a week "
                    + "mean that neither the owner nor an automatic job has looked for fixes recently, so every "
                    + "other update check sees an outdated world.",
            "Debian/Ubuntu: apt-get update, and keep APT::Periodic::Update-Package-Lists \"1\"; with "
                    + "apt-daily.timer enabled. RHEL family: dnf makecache, and keep dnf-makecache.timer enabled.",
            "CIS Debian Linux 12 Benchmark 1.9",
            "https://manpages.debian.org/bookworm/apt/apt.conf.5.en.html");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(Host host) {
        PackageLists lists = host.fact(PackageLists.KEY);
        if (lists.manager().isEmpty()) {
            return Outcome.skip("no package lists of apt, dnf or yum on this host");
        }
        if (lists.newest().isEmpty()) {
            if (host.kind() == TargetKind.ROOTFS) {
                return Outcome.skip("the image carries no " + lists.manager()
                        + " package lists (removed when it was built): freshness is judged on the running host");
            }
            return Outcome.fail("the " + lists.manager() + " package lists were never refreshed",
                    Evidence.note("no index files under the " + lists.manager() + " list cache"));
        }
        Instant newest = lists.newest().get();
        Duration age = Duration.between(newest, host.now());
        Evidence ev = lists.newestEvidence().orElseThrow();
        if (age.compareTo(MAX_AGE) > 0) {
            return Outcome.fail("the " + lists.manager() + " package lists were last refreshed " + age.toDays()
                    + " days ago (" + newest + ")", ev);
        }
        String when = age.isNegative() ? "in the future (" + newest + "): the clock is off" : age.toHours() + " hours ago";
        return Outcome.pass("the " + lists.manager() + " package lists were refreshed " + when, ev);
    }
}
