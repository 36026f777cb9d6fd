package org.vmguard.checks.ssh;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Predicate;
import org.vmguard.core.Check;
import org.vmguard.core.Evidence;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;
import org.vmguard.facts.FactException;
import org.vmguard.facts.Host;
import org.vmguard.facts.sshd.Connection;
import org.vmguard.facts.sshd.Setting;
import org.vmguard.facts.sshd.Sshd;
import org.vmguard.facts.sshd.SshdConfig;
import org.vmguard.facts.sshd.SshdCrossCheck;

/**
 * The family of sshd checks: skip when sshd is not installed, error when its configuration
 * cannot be read, judge the effective configuration, and on a live host attach what
 * {@code sshd -T} said when it disagrees with us (a pass we cannot confirm becomes an error).
 */
abstract class SshdCheck implements Check<Host> {

    /** The drop-in whose name sorts before the others', so its values win. */
    static final String DROP_IN = "/etc/ssh/sshd_config.d/00-vmguard.conf";

    /** Remediation text that sets one line through the drop-in. */
    static String setLine(String line, String why) {
        return why + " Put `" + line + "` in " + DROP_IN + ": its name sorts before the other drop-ins, so its "
                + "value wins (sshd keeps the first value it reads; the main sshd_config must start with `Include "
                + "/etc/ssh/sshd_config.d/*.conf` as on Debian, Ubuntu and RHEL 9, else put the line at its top). "
                + "Change any Match block that sets it back. Then: echo '" + line + "' | sudo tee -a " + DROP_IN
                + " && sudo sshd -t && sudo systemctl reload ssh (sshd on RHEL).";
    }

    /** The options this check judges, for the sshd -T cross-check. */
    abstract List<String> options();

    abstract Outcome judge(Host host, Sshd sshd);

    @Override
    public final Outcome evaluate(Host host) {
        Sshd sshd;
        try {
            sshd = host.fact(Sshd.KEY);
        } catch (FactException e) {
            return Outcome.error(e.getMessage());
        }
        if (!sshd.installed()) {
            return Outcome.skip(sshd.absent());
        }
        Outcome o;
        try {
            o = judge(host, sshd);
        } catch (FactException e) {
            return Outcome.error(e.getMessage());
        }
        return crossChecked(host, o);
    }

    private Outcome crossChecked(Host host, Outcome o) {
        if (!host.kind().live()) {
            return o;
        }
        SshdCrossCheck x;
        try {
            x = host.fact(SshdCrossCheck.KEY);
        } catch (FactException e) {
            return amend(o, " (sshd -T cross-check did not run: " + e.getMessage() + ")", List.of());
        }
        if (!x.ran()) {
            return amend(o, " (sshd -T cross-check did not run: " + x.notRun() + ")", List.of());
        }
        List<String> notes = new ArrayList<>();
        List<Evidence> ev = new ArrayList<>();
        for (String opt : options()) {
            SshdCrossCheck.Disagreement d = x.disagreements().get(opt);
            if (d != null) {
                notes.add(d.describe());
                ev.add(Evidence.command(x.command(), d.option() + " " + String.join(" ", d.sshd())));
            }
        }
        if (notes.isEmpty()) {
            return amend(o, " (sshd -T agrees)", List.of());
        }
        String note = "; sshd -T disagrees with our reading for " + x.connection().testSpec() + ": "
                + String.join("; ", notes);
        if (o instanceof Outcome.Pass p) {
            return Outcome.error(p.reason() + note + ": the pass cannot be confirmed");
        }
        return amend(o, note, ev);
    }

    private static Outcome amend(Outcome o, String note, List<Evidence> extra) {
        List<Evidence> ev = new ArrayList<>(o.evidence());
        ev.addAll(extra);
        return switch (o) {
            case Outcome.Pass p -> Outcome.pass(p.reason() + note, ev);
            case Outcome.Fail f -> new Outcome.Fail(f.reason() + note, ev, f.severity());
            case Outcome.Skip s -> Outcome.skip(s.reason() + note);
            case Outcome.Error e -> Outcome.error(e.reason() + note);
            case Outcome.Info i -> new Outcome.Info(i.reason() + note, ev);
        };
    }

    /** A value some connection gets, with the configuration it comes from. */
    record Found(Setting setting, String context, List<Evidence> extra) {
    }

    /**
     * Judges one option across every connection like {@code c}: fails when any of them can
     * get a value {@code bad} accepts, naming the Match block when one is responsible.
     */
    static Outcome judgeOption(Sshd sshd, String option, Connection c, Predicate<String> bad, Severity severity) {
        List<Found> found = possibilities(sshd, option, c);
        List<Found> offending = found.stream().filter(f -> bad.test(f.setting().value())).toList();
        if (offending.isEmpty()) {
            Setting base = found.getFirst().setting();
            String more = found.size() > 1 ? " (Match blocks set it to " + String.join(", ",
                    new LinkedHashSet<>(found.subList(1, found.size()).stream().map(f -> f.setting().value())
                            .toList())) + ")" : "";
            return Outcome.pass(base.name() + " " + base.value() + " for every connection " + base.source() + more,
                    base.evidence());
        }
        return failure(offending, found.size() > 1, severity);
    }

    static Outcome failure(List<Found> offending, boolean someDiffer, Severity severity) {
        List<String> reasons = new ArrayList<>();
        LinkedHashSet<Evidence> ev = new LinkedHashSet<>();
        for (Found f : offending) {
            reasons.add(sentence(f.setting(), someDiffer) + f.context());
            ev.addAll(f.setting().evidence());
            ev.addAll(f.extra());
        }
        return Outcome.fail(severity, String.join("; ", reasons), List.copyOf(ev));
    }

    /** "PasswordAuthentication yes for users matching Match User alice at …: …". */
    static String sentence(Setting s, boolean someDiffer) {
        String head = s.name() + " " + s.value();
        if (s.via() != null && !s.via().all()) {
            return head + " for connections matching " + s.via().describe() + ", " + s.source();
        }
        return s.describe() + (someDiffer ? ", unless a Match block says otherwise" : ", for every connection");
    }

    /** The configuration on disk, and as cloud-init's ssh_pwauth leaves it after boot. */
    static List<Found> possibilities(Sshd sshd, String option, Connection c) {
        List<Found> out = new ArrayList<>();
        for (Setting s : sshd.config().possible(option, c)) {
            out.add(new Found(s, "", List.of()));
        }
        SshdConfig after = sshd.afterCloudInit();
        if (after != null && option.equals("passwordauthentication")) {
            Evidence src = sshd.cloudInit().source();
            String ctx = " (after cloud-init applies ssh_pwauth from " + src.where() + ")";
            for (Setting s : after.possible(option, c)) {
                boolean same = out.stream().anyMatch(f -> f.setting().values().equals(s.values())
                        && f.setting().from().equals(s.from()));
                if (!same) {
                    out.add(new Found(s, ctx, List.of(src)));
                }
            }
        }
        return out;
    }
}
