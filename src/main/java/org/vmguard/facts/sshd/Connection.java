package org.vmguard.facts.sshd;

import java.util.List;

/**
 * A connection as sshd's Match sees it ({@code sshd -T -C user=…,host=…,addr=…}). A null field
 * is "not given": for {@link SshdConfig#effective} a criterion on it does not match (as with
 * {@code sshd -T}); for {@link SshdConfig#possible} it may be anything.
 *
 * @param groups the user's groups (primary and supplementary) by name; null when the user is
 *     unknown to the target, and then {@code Match Group} never matches, as in sshd
 * @param lport the local port; null when not given
 */
public record Connection(String user, List<String> groups, String host, String addr, String laddr, Integer lport,
        String rdomain) {

    /** Nothing known: every Match block may apply. */
    public static final Connection ANY = new Connection(null, null, null, null, null, null, null);

    public Connection {
        groups = groups == null ? null : List.copyOf(groups);
    }

    public static Connection user(String user, List<String> groups) {
        return new Connection(user, groups, null, null, null, null, null);
    }

    /** The -C argument sshd -T takes for this connection (only the fields given). */
    public String testSpec() {
        StringBuilder b = new StringBuilder();
        add(b, "user", user);
        add(b, "host", host);
        add(b, "addr", addr);
        add(b, "laddr", laddr);
        add(b, "lport", lport == null ? null : lport.toString());
        add(b, "rdomain", rdomain);
        return b.toString();
    }

    private static void add(StringBuilder b, String key, String value) {
        if (value != null) {
            if (!b.isEmpty()) {
                b.append(',');
            }
            b.append(key).append('=').append(value);
        }
    }
}
