package org.vmguard.facts.sshd;

import java.util.ArrayList;
import java.util.List;
import org.vmguard.core.Evidence;

/**
 * The value an option takes and why: the lines that set it (one for first-value-wins options,
 * several for AllowUsers, Port, HostKey), the lines it shadowed, or OpenSSH's default.
 *
 * @param values the value as {@code sshd -T} prints it, one entry per printed line
 * @param from the lines that set the value; empty for a default
 * @param shadowed lines for the same option that lost (later lines, or the global value a Match
 *     block overrode)
 * @param via the Match block that set the value, or null when it applies without one
 * @param defaults the release whose compiled-in default this is, when {@code from} is empty
 */
public record Setting(String option, List<String> values, List<Directive> from, List<Directive> shadowed,
        MatchBlock via, OpensshVersion defaults) {

    public Setting {
        values = List.copyOf(values);
        from = List.copyOf(from);
        shadowed = List.copyOf(shadowed);
    }

    public boolean isDefault() {
        return from.isEmpty();
    }

    /** The first value, or "" when the option has none (an empty AllowUsers). */
    public String value() {
        return values.isEmpty() ? "" : values.getFirst();
    }

    public String name() {
        return SshdKeyword.displayName(option);
    }

    /**
     * "PasswordAuthentication yes from /etc/ssh/sshd_config.d/50-cloud-init.conf:1 wins over
     * /etc/ssh/sshd_config:58", or "PasswordAuthentication yes by OpenSSH 9.2's default (no line
     * sets it)".
     */
    public String describe() {
        return (name() + " " + String.join(" ", values)).strip() + " " + source();
    }

    /** Where the value comes from: "from FILE:LINE (in Match …) wins over FILE:LINE", or the default. */
    public String source() {
        if (isDefault()) {
            return "by " + (defaults != null && defaults.known() ? defaults.label() + "'s" : "OpenSSH's")
                    + " default (no line sets it)";
        }
        StringBuilder b = new StringBuilder("from ");
        b.append(String.join(", ", from.stream().map(Directive::where).toList()));
        if (via != null) {
            b.append(" (in ").append(via.text()).append(" at ").append(via.path()).append(':').append(via.line())
                    .append(')');
        }
        if (!shadowed.isEmpty()) {
            b.append(" wins over ").append(String.join(", ", shadowed.stream().map(Directive::where).toList()));
        }
        return b.toString();
    }

    /** The winning lines, the Match block, then the shadowed lines; a note for a default. */
    public List<Evidence> evidence() {
        List<Evidence> out = new ArrayList<>();
        if (isDefault()) {
            out.add(Evidence.note(describe()));
            return out;
        }
        from.forEach(d -> out.add(d.evidence()));
        if (via != null && from.stream().noneMatch(d -> d.path().equals(via.path()) && d.line() == via.line())) {
            out.add(via.evidence());
        }
        shadowed.forEach(d -> out.add(d.evidence()));
        return out;
    }
}
