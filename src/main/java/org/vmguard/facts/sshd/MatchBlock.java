package org.vmguard.facts.sshd;

import java.util.List;
import java.util.Locale;
import org.vmguard.core.Evidence;

/**
 * One {@code Match} line and its criteria, ANDed as sshd does.
 *
 * @param criteria attribute (lowercase) and argument pairs; empty for {@code Match all}
 * @param release "OpenSSH_9.2", what {@code Match Version} (OpenSSH 10.0+) is matched against
 */
public record MatchBlock(String path, int line, String text, List<Criterion> criteria, String release) {

    /** One attribute of a Match line: user, group, host, address, localaddress, localport, rdomain. */
    public record Criterion(String attribute, String argument) {
    }

    public MatchBlock {
        criteria = List.copyOf(criteria);
    }

    public boolean all() {
        return criteria.isEmpty();
    }

    public Evidence evidence() {
        return Evidence.at(path, line, text);
    }

    /** "Match User alice at /etc/ssh/sshd_config:80". */
    public String describe() {
        return text + " at " + path + ":" + line;
    }

    /** Does this block apply to the connection? A criterion on a field not given does not match. */
    public boolean matches(Connection c) {
        for (Criterion k : criteria) {
            if (!matches(k, c, false)) {
                return false;
            }
        }
        return true;
    }

    /** Could it apply to some connection like this one? Fields not given may be anything. */
    public boolean mayMatch(Connection c) {
        for (Criterion k : criteria) {
            if (!matches(k, c, true)) {
                return false;
            }
        }
        return true;
    }

    private boolean matches(Criterion k, Connection c, boolean unknownMatches) {
        String arg = k.argument();
        if (k.attribute().equals("version")) {
            return Patterns.matchList(release, arg, false) == 1;
        }
        return switch (k.attribute()) {
            case "user" -> c.user() == null ? unknownMatches : Patterns.matchList(c.user(), arg, false) == 1;
            case "group" -> {
                if (c.user() == null) {
                    yield unknownMatches;
                }
                if (c.groups() == null) {
                    yield false; // the user does not exist on the target
                }
                boolean found = false;
                for (String g : c.groups()) {
                    int r = Patterns.matchList(g, arg, false);
                    if (r == Patterns.NEGATED) {
                        yield false;
                    }
                    found |= r == 1;
                }
                yield found;
            }
            case "host" -> c.host() == null ? unknownMatches : Patterns.matchHost(c.host(), arg) == 1;
            case "address" -> address(c.addr(), arg, unknownMatches);
            case "localaddress" -> address(c.laddr(), arg, unknownMatches);
            case "localport" -> c.lport() == null ? unknownMatches : Integer.parseInt(arg) == c.lport();
            case "rdomain" -> c.rdomain() == null ? unknownMatches : Patterns.matchList(c.rdomain(), arg, false) == 1;
            // a connection's user validity is never given: sshd -T does not match it, any login may
            case "invalid-user" -> unknownMatches;
            default -> false;
        };
    }

    private static boolean address(String addr, String list, boolean unknownMatches) {
        if (addr == null) {
            return unknownMatches;
        }
        try {
            return Patterns.matchAddress(addr, list) == 1;
        } catch (Patterns.InvalidList e) {
            return false; // validated when read
        }
    }

    /** The criteria of a release: invalid-user since 9.9, version since 10.0. */
    static boolean knownAttribute(String a, OpensshVersion v) {
        return switch (a.toLowerCase(Locale.ROOT)) {
            case "user", "group", "host", "address", "localaddress", "localport", "rdomain" -> true;
            case "version" -> v.atLeast(10, 0) || !v.known();
            default -> false;
        };
    }
}
