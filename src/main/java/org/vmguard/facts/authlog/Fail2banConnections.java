package org.vmguard.facts.authlog;

import java.util.HashMap;

/**
 * The per-connection memory of fail2ban's sshd filter (its "mlfid" cache), so that our failure
 * count per address is the one {@code fail2ban-regex -o ip} prints. fail2ban keys a connection by
 * the log prefix ("host sshd[pid]:"), keeps at most 100 of them (the oldest goes first), and on
 * each matched line: a line without an address takes the connection's; "nofail" lines (a failed
 * public key, a closed connection) count as failures once the connection has tried a second user
 * name or has a failure pending; an accepted login clears pending failures; closing lines forget
 * the connection. Entries also expire after 5 minutes of fail2ban's own run time, which only
 * matters for runs longer than that and is not modelled.
 *
 * <p>Lines arrive batch by batch ({@link #batch}); within a batch a connection is named by the
 * batch's own small id, so a repeated connection costs an array read, not a map look-up.
 *
 * @param <A> what an address is to the caller
 */
final class Fail2banConnections<A> {

    private static final int CAPACITY = 100;

    private static final class State<A> {
        final String connection;
        // the filter keeps a set of the connection's user names and asks whether it holds two:
        // the first name and whether another one came are enough
        String firstUser;
        boolean manyUsers;
        boolean nofail;
        boolean gained;
        boolean pending;
        boolean cached; // still in the filter's cache
        A ip4;
        A ip6;
        A dns;
        // insertion order, oldest first
        State<A> older;
        State<A> newer;

        State(String connection) {
            this.connection = connection;
        }
    }

    private final HashMap<String, State<A>> cache = new HashMap<>();
    private State<A> oldest;
    private State<A> newest;
    // the batch's connections: names and the states found for them (null: not looked up yet)
    private String[] names = new String[0];
    @SuppressWarnings("unchecked")
    private State<A>[] local = new State[0];

    /** The connections of the lines to come, by their ids in the batch. */
    @SuppressWarnings("unchecked")
    void batch(String[] connections) {
        names = connections;
        local = new State[connections.length];
    }

    /**
     * One line the filter matched.
     *
     * @param connection the connection's id in the current batch
     * @param address the line's address, or null
     * @param kind 4 for IPv4, 6 for IPv6, 0 for a host name
     * @return the address fail2ban counts a failure for, or null when it counts none
     */
    A line(SshdMessage message, int connection, String user, A address, int kind) {
        if (user != null && user.isEmpty()) {
            user = null; // the filter's "if user:" — an empty name is no name
        }
        boolean gained = message.gained();
        boolean nofail = message.nofail() || gained;
        boolean forget = message.forget();
        State<A> c = local[connection];
        if (c == null || !c.cached) {
            c = cache.get(names[connection]);
            local[connection] = c;
        }
        boolean manyUsers;
        State<A> fail;
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
                remove(c);
            }
        } else {
            fail = new State<>(names[connection]);
            fail.nofail = nofail;
            fail.gained = gained;
            set(fail, address, kind);
            manyUsers = false;
            if (!forget) {
                fail.firstUser = user;
                if (cache.size() >= CAPACITY) {
                    remove(oldest);
                }
                add(fail);
                local[connection] = fail;
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
        A ip = fail.ip4 != null ? fail.ip4 : fail.ip6 != null ? fail.ip6 : fail.dns;
        if (ip == null) {
            fail.pending = true;
        }
        return ip;
    }

    private void add(State<A> s) {
        cache.put(s.connection, s);
        s.cached = true;
        s.older = newest;
        s.newer = null;
        if (newest != null) {
            newest.newer = s;
        } else {
            oldest = s;
        }
        newest = s;
    }

    private void remove(State<A> s) {
        cache.remove(s.connection);
        s.cached = false;
        if (s.older != null) {
            s.older.newer = s.newer;
        } else {
            oldest = s.newer;
        }
        if (s.newer != null) {
            s.newer.older = s.older;
        } else {
            newest = s.older;
        }
        s.older = s.newer = null;
    }

    private static <A> void set(State<A> s, A address, int kind) {
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
