package org.vmguard.facts.authlog;

import java.util.LinkedHashMap;

/**
 * The per-connection memory of fail2ban's sshd filter (its "mlfid" cache), so that our failure
 * count per address is the one {@code fail2ban-regex -o ip} prints. fail2ban keys a connection by
 * the log prefix ("host sshd[pid]:"), keeps at most 100 of them (the oldest goes first), and on
 * each matched line: a line without an address takes the connection's; "nofail" lines (a failed
 * public key, a closed connection) count as failures once the connection has tried a second user
 * name or has a failure pending; an accepted login clears pending failures; closing lines forget
 * the connection. Entries also expire after 5 minutes of fail2ban's own run time, which only
 * matters for runs longer than that and is not modelled.
 */
final class Fail2banConnections {

    private static final int CAPACITY = 100;

    private static final class State {
        // the filter keeps a set of the connection's user names and asks whether it holds two:
        // the first name and whether another one came are enough
        String firstUser;
        boolean manyUsers;
        boolean nofail;
        boolean gained;
        boolean pending;
        String ip4;
        String ip6;
        String dns;
    }

    private final LinkedHashMap<String, State> cache = new LinkedHashMap<>();

    /**
     * One line the filter matched.
     *
     * @param address the line's address (canonical), or null
     * @param kind 4 for IPv4, 6 for IPv6, 0 for a host name
     * @return the address fail2ban counts a failure for, or null when it counts none
     */
    String line(SshdMessage message, String connection, String user, String address, int kind) {
        if (user != null && user.isEmpty()) {
            user = null; // the filter's "if user:" — an empty name is no name
        }
        boolean gained = message.gained();
        boolean nofail = message.nofail() || gained;
        boolean forget = message.forget();
        State c = cache.get(connection);
        boolean manyUsers;
        State fail;
        if (c != null) {
            if (user != null) {
                if (c.firstUser == null) {
                    c.firstUser = user;
                } else if (!c.manyUsers && !c.firstUser.equals(user)) {
                    c.manyUsers = true;
                }
            }
            manyUsers = c.manyUsers;
            c.nofail = false;
            c.gained = false;
            if (gained) {
                c.pending = false;
            }
            if (nofail) {
                c.nofail = true;
            }
            if (gained) {
                c.gained = true;
            }
            set(c, address, kind);
            fail = c;
            if (forget) {
                cache.remove(connection);
            }
        } else {
            fail = new State();
            fail.nofail = nofail;
            fail.gained = gained;
            set(fail, address, kind);
            manyUsers = false;
            if (!forget) {
                fail.firstUser = user;
                if (cache.size() >= CAPACITY) {
                    cache.pollFirstEntry();
                }
                cache.put(connection, fail);
            }
        }
        boolean pending = fail.pending;
        fail.pending = false;
        if (pending || manyUsers) {
            fail.nofail = false;
            fail.gained = false;
        }
        if (fail.nofail) {
            return null;
        }
        String ip = fail.ip4 != null ? fail.ip4 : fail.ip6 != null ? fail.ip6 : fail.dns;
        if (ip == null) {
            fail.pending = true;
        }
        return ip;
    }

    private static void set(State s, String address, int kind) {
        if (address == null) {
            return;
        }
        switch (kind) {
            case 4 -> s.ip4 = address;
            case 6 -> s.ip6 = address;
            default -> s.dns = address;
        }
    }
}
