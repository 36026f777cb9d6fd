package org.vmguard.facts.authlog;

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
 * <p>A connection is named by its {@link ConnectionKeys} number; the cache is a small open
 * addressing table of those numbers (it never holds more than 100), and a forgotten connection's
 * state is used again for the next new one: a million lines make no garbage here.
 *
 * @param <A> what an address is to the caller
 */
final class Fail2banConnections<A> {

    private static final int CAPACITY = 100;
    private static final int SLOTS = 512; // a power of two, well above CAPACITY

    private static final class State<A> {
        long key;
        // the filter keeps a set of the connection's user names and asks whether it holds two:
        // the first name and whether another one came are enough
        String firstUser;
        boolean manyUsers;
        boolean nofail;
        boolean gained;
        boolean pending;
        A ip4;
        A ip6;
        A dns;
        // insertion order, oldest first
        State<A> older;
        State<A> newer;

        void reset(long k) {
            key = k;
            firstUser = null;
            manyUsers = nofail = gained = pending = false;
            ip4 = ip6 = dns = null;
            older = newer = null;
        }
    }

    @SuppressWarnings("unchecked")
    private final State<A>[] slots = new State[SLOTS];
    private int size;
    private State<A> oldest;
    private State<A> newest;
    private State<A> spare; // one state to use again, a forgotten one

    /**
     * One line the filter matched.
     *
     * @param connection the connection's {@link ConnectionKeys} number
     * @param address the line's address, or null
     * @param kind 4 for IPv4, 6 for IPv6, 0 for a host name
     * @return the address fail2ban counts a failure for, or null when it counts none
     */
    A line(SshdMessage message, long connection, String user, A address, int kind) {
        if (user != null && user.isEmpty()) {
            user = null; // the filter's "if user:" — an empty name is no name
        }
        boolean gained = message.gained();
        boolean nofail = message.nofail() || gained;
        boolean forget = message.forget();
        int slot = find(connection);
        State<A> c = slots[slot];
        boolean manyUsers;
        State<A> fail;
        boolean release = false;
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
                release = true;
            }
        } else {
            fail = take(connection);
            fail.nofail = nofail;
            fail.gained = gained;
            set(fail, address, kind);
            manyUsers = false;
            if (forget) {
                release = true;
            } else {
                fail.firstUser = user;
                if (size >= CAPACITY) {
                    State<A> old = oldest;
                    remove(old);
                    spare = old;
                }
                add(fail, find(connection)); // the slot may have moved with the removal
            }
        }
        boolean pending = fail.pending;
        fail.pending = false;
        if (pending || manyUsers) {
            fail.nofail = false;
            fail.gained = false;
        }
        A ip = null;
        if (!fail.nofail) {
            ip = fail.ip4 != null ? fail.ip4 : fail.ip6 != null ? fail.ip6 : fail.dns;
            if (ip == null) {
                fail.pending = true;
            }
        }
        if (release) {
            spare = fail; // no longer cached: nothing refers to it after this line
        }
        return ip;
    }

    private State<A> take(long key) {
        State<A> s = spare;
        if (s == null) {
            s = new State<>();
        }
        spare = null;
        s.reset(key);
        return s;
    }

    private static int hash(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 40) & (SLOTS - 1);
    }

    /** The slot holding {@code key}, or the empty slot where it would go. */
    private int find(long key) {
        int i = hash(key);
        while (slots[i] != null && slots[i].key != key) {
            i = (i + 1) & (SLOTS - 1);
        }
        return i;
    }

    private void add(State<A> s, int slot) {
        slots[slot] = s;
        size++;
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
        // linear probing: empty the slot, then move back the entries that probed past it
        int i = find(s.key);
        slots[i] = null;
        size--;
        int j = i;
        while (true) {
            j = (j + 1) & (SLOTS - 1);
            State<A> t = slots[j];
            if (t == null) {
                break;
            }
            int home = hash(t.key);
            // t may move to i when its home is not cyclically within (i, j]
            if (((j - home) & (SLOTS - 1)) >= ((j - i) & (SLOTS - 1))) {
                slots[i] = t;
                slots[j] = null;
                i = j;
            }
        }
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
