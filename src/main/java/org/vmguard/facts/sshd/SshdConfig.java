package org.vmguard.facts.sshd;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An sshd configuration, evaluated as sshd evaluates it. sshd reads its files twice: once at
 * start-up with no connection, where only top-level lines and {@code Match all} blocks count,
 * and once per connection, where only the Match blocks that apply count and whatever they set
 * replaces the start-up value (for the options allowed in Match). Within each pass the first
 * value wins, except for the options that accumulate (AllowUsers, AcceptEnv, Port, HostKey…).
 *
 * @param path the main file
 * @param directives every line in reading order, includes spliced in
 */
public record SshdConfig(String path, List<Directive> directives, SshdDefaults defaults) {

    public SshdConfig {
        directives = List.copyOf(directives);
    }

    /** Parses a configuration whose includes are read from {@code source}. */
    public static SshdConfig parse(SshdConfigReader.Source source, String path, String text, OpensshVersion version) {
        return new SshdConfig(path, SshdConfigReader.read(source, path, text, version), SshdDefaults.of(version));
    }

    public OpensshVersion version() {
        return defaults.version();
    }

    /** The option a line sets; before 8.7 ChallengeResponseAuthentication was an option of its own. */
    String optionOf(Directive d) {
        String w = d.word().toLowerCase(Locale.ROOT);
        if (!version().atLeast(8, 7) && (w.equals("challengeresponseauthentication") || w.equals("skeyauthentication"))) {
            return "challengeresponseauthentication";
        }
        return d.option();
    }

    /** Whether a Match block's value for this option replaces the global one (copy_set_server_options). */
    static boolean overridable(String option) {
        return switch (option) {
            case "challengeresponseauthentication" -> true;
            default -> {
                SshdKeyword k = SshdKeyword.of(option).orElse(null);
                yield k != null && k.inMatch() && switch (k.kind()) {
                    case IGNORED, MATCH, INCLUDE -> false;
                    default -> true;
                };
            }
        };
    }

    private SshdKeyword.Kind kind(String option) {
        return SshdKeyword.of(option).map(SshdKeyword::kind).orElse(SshdKeyword.Kind.STRING);
    }

    /** What sshd computes at start-up, before any connection (top level and Match all). */
    public Setting global(String option) {
        List<Directive> active = directives.stream()
                .filter(d -> optionOf(d).equals(option) && d.activeWithoutConnection()).toList();
        return combine(option, active, null, List.of());
    }

    /**
     * The value for one connection, as {@code sshd -T -C …} prints it. Fields of the connection
     * that are null are not given: Match criteria on them do not apply.
     */
    public Setting effective(String option, Connection c) {
        Setting g = global(option);
        if (!overridable(option)) {
            return g;
        }
        List<Directive> conn = directives.stream().filter(d -> optionOf(d).equals(option) && d.activeFor(c)).toList();
        if (conn.isEmpty()) {
            return g;
        }
        List<Directive> lost = new ArrayList<>(g.from());
        lost.addAll(g.shadowed());
        return combine(option, conn, conn.getFirst().block(), lost);
    }

    /** Every option a line sets or a default exists for, evaluated for one connection. */
    public Map<String, Setting> effective(Connection c) {
        Set<String> options = new LinkedHashSet<>();
        directives.forEach(d -> {
            if (d.keyword().kind() != SshdKeyword.Kind.IGNORED) {
                options.add(optionOf(d));
            }
        });
        Map<String, Setting> out = new TreeMap<>();
        for (String o : options) {
            out.put(o, effective(o, c));
        }
        for (String o : List.of("port", "passwordauthentication", "kbdinteractiveauthentication", "permitrootlogin",
                "permitemptypasswords", "x11forwarding", "maxauthtries", "strictmodes", "usepam", "ciphers", "macs",
                "kexalgorithms", "hostkeyalgorithms", "pubkeyacceptedalgorithms", "hostkey")) {
            out.computeIfAbsent(o, k -> effective(k, c));
        }
        return out;
    }

    /**
     * The values some connection like {@code c} can get: the value that applies when no Match
     * block does, then one entry per Match line that sets the option for connections matching
     * its block (fields of {@code c} that are null may be anything). A Match line that an
     * earlier {@code Match all} line always beats is left out.
     */
    public List<Setting> possible(String option, Connection c) {
        List<Setting> out = new ArrayList<>();
        Setting base = effective(option, new Connection(null, null, null, null, null, null, null));
        out.add(base);
        if (!overridable(option)) {
            return out;
        }
        boolean firstWins = switch (kind(option)) {
            case ACCUMULATE, REPEATED -> false;
            default -> true;
        };
        Setting g = global(option);
        List<Directive> lost = new ArrayList<>(g.from());
        lost.addAll(g.shadowed());
        List<Directive> earlier = new ArrayList<>();
        for (Directive d : directives) {
            if (!optionOf(d).equals(option) || d.guards().isEmpty()) {
                continue;
            }
            boolean beaten = firstWins && earlier.stream().anyMatch(e -> implies(d, e));
            earlier.add(d);
            if (d.activeWithoutConnection() || beaten || !d.mayApplyTo(c)) {
                continue; // Match all lines are in the base already
            }
            out.add(combine(option, List.of(d), d.block(), lost));
        }
        return out;
    }

    /**
     * Whenever {@code later}'s blocks apply, do {@code earlier}'s? True when every criterion of
     * the earlier line's blocks is also one of the later line's (criteria are ANDed).
     */
    private static boolean implies(Directive later, Directive earlier) {
        List<MatchBlock.Criterion> have = later.guards().stream().flatMap(b -> b.criteria().stream()).toList();
        return earlier.guards().stream().allMatch(e -> have.containsAll(e.criteria()));
    }

    private Setting combine(String option, List<Directive> lines, MatchBlock via, List<Directive> lostGlobal) {
        if (lines.isEmpty()) {
            List<String> def = defaults.get(option).orElse(List.of());
            return new Setting(option, def, List.of(), List.of(), null, defaults.version());
        }
        SshdKeyword.Kind kind = kind(option);
        List<Directive> from;
        List<Directive> shadowed = new ArrayList<>();
        List<String> values = new ArrayList<>();
        switch (kind) {
            case ACCUMULATE, REPEATED, SUBSYSTEM -> {
                from = lines;
                for (Directive d : lines) {
                    if (kind == SshdKeyword.Kind.SUBSYSTEM) {
                        values.add(String.join(" ", d.args()));
                    } else if (option.equals("port")) {
                        values.add(Integer.toString(SshdConfigReader.port(d.args().getFirst())));
                    } else {
                        values.addAll(d.args());
                    }
                }
            }
            case LAST -> {
                from = List.of(lines.getLast());
                shadowed.addAll(lines.subList(0, lines.size() - 1));
                values.add(String.join(" ", lines.getLast().args()));
            }
            default -> {
                Directive first = lines.getFirst();
                from = List.of(first);
                shadowed.addAll(lines.subList(1, lines.size()));
                values.add(canonical(option, kind, first));
            }
        }
        shadowed.addAll(lostGlobal);
        return new Setting(option, values, from, shadowed, via, null);
    }

    private String canonical(String option, SshdKeyword.Kind kind, Directive d) {
        String a = d.args().isEmpty() ? "" : d.args().getFirst();
        return switch (kind) {
            case FLAG, CHOICE -> d.keyword().choices().getOrDefault(a.toLowerCase(Locale.ROOT), a);
            case INT -> Long.toString(SshdConfigReader.integer(a));
            case TIME -> Long.toString(SshdConfigReader.seconds(a));
            case ALGORITHMS -> String.join(",", Algorithms.assemble(a,
                    Algorithms.defaults(option, version()), Algorithms.all(option, version())));
            case FIRST_LINE -> String.join(" ", d.args());
            default -> a;
        };
    }

    /** The assembled algorithm list of an option ("ciphers" → its names). */
    public static List<String> names(Setting s) {
        return s.value().isEmpty() ? List.of() : List.of(s.value().split(","));
    }
}
