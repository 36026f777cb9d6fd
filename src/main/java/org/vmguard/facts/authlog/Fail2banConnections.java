package org.vmguard.facts.authlog;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Set;

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
        Set<String> users;
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
        boolean gained = message.gained();
        boolean nofail = message.nofail() || gained;
        boolean forget = message.forget();
        State c = cache.get(connection);
        Set<String> users;
        State fail;
        if (c != null) {
            if (user != null) {
                if (c.users == null) {
                    c.users = new HashSet<>();
                }
                c.users.add(user);
            }
            users = c.users;
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
            users = null;
            if (!forget) {
                if (user != null) {
                    fail.users = new HashSet<>();
                    fail.users.add(user);
                    users = fail.users;
                }
                if (cache.size() >= CAPACITY) {
                    cache.pollFirstEntry();
                }
                cache.put(connection, fail);
            }
        }
        boolean pending = fail.pending;
        fail.pending = false;
        if (pending || (users != null && users.size() > 1)) {
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
