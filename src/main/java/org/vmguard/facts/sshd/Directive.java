package org.vmguard.facts.sshd;

import java.util.List;
import org.vmguard.core.Evidence;

/**
 * One configuration line as sshd reads it, with where it stands.
 *
 * @param word the keyword as written (case and alias kept)
 * @param args the arguments after quote removal
 * @param guards the Match blocks that must all apply for this line to count, outermost first
 *     (a Match inside an included file nests under the Match that contained the Include);
 *     empty at top level
 */
public record Directive(String path, int line, String text, SshdKeyword keyword, String word, List<String> args,
        List<MatchBlock> guards) {

    public Directive {
        args = List.copyOf(args);
        guards = List.copyOf(guards);
    }

    public String option() {
        return keyword.option();
    }

    public Evidence evidence() {
        return Evidence.at(path, line, text);
    }

    /** "/etc/ssh/sshd_config:58". */
    public String where() {
        return path + ":" + line;
    }

    public boolean global() {
        return guards.isEmpty();
    }

    /** The innermost Match block, or null at top level. */
    public MatchBlock block() {
        return guards.isEmpty() ? null : guards.getLast();
    }

    /** Active in sshd's first pass (no connection yet): top level, or only inside {@code Match all}. */
    boolean activeWithoutConnection() {
        return guards.stream().allMatch(MatchBlock::all);
    }

    /** Active in the per-connection pass: inside Match blocks that all apply. */
    boolean activeFor(Connection c) {
        return !guards.isEmpty() && guards.stream().allMatch(b -> b.matches(c));
    }

    boolean mayApplyTo(Connection c) {
        return !guards.isEmpty() && guards.stream().allMatch(b -> b.mayMatch(c));
    }
}
