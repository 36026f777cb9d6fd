package org.vmguard.core;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything known about a check before it runs, kept in one place: the docs, {@code vmguard
 * checks} and every report read it from here.
 *
 * @param targets the kinds of target the check can judge; on any other it is skipped
 */
public record CheckInfo(
        String id,
        String title,
        Severity severity,
        String rationale,
        String remediation,
        List<String> references,
        Set<TargetKind> targets) {

    public CheckInfo {
        Objects.requireNonNull(id);
        Objects.requireNonNull(severity);
        references = List.copyOf(references);
        targets = Set.copyOf(targets);
    }

    /** A check that judges any host: this machine, a remote one, or an offline image. */
    public static CheckInfo host(String id, String title, Severity severity, String rationale,
            String remediation, String... references) {
        return new CheckInfo(id, title, severity, rationale, remediation, List.of(references), TargetKind.HOSTS);
    }

    /** A check that needs a running host (local or ssh). */
    public static CheckInfo live(String id, String title, Severity severity, String rationale,
            String remediation, String... references) {
        return new CheckInfo(id, title, severity, rationale, remediation, List.of(references), TargetKind.LIVE);
    }

    /** A check that judges what a host answers on the network (vmguard probe). */
    public static CheckInfo network(String id, String title, Severity severity, String rationale,
            String remediation, String... references) {
        return new CheckInfo(id, title, severity, rationale, remediation, List.of(references), Set.of(TargetKind.NETWORK));
    }

    /** The part of the id before the dot. */
    public String area() {
        int dot = id.indexOf('.');
        return dot < 0 ? id : id.substring(0, dot);
    }
}
