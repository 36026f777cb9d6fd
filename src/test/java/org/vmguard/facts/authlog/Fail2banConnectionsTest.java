package org.vmguard.facts.authlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Fail2banConnections} (open addressing on numbers, states used again) against a plain
 * model of fail2ban's cache (a LinkedHashMap by connection, as the filter keeps it), on seeded
 * random lines over more connections than the cache holds: every line must count for the same
 * address, or for none, in both.
 */
class Fail2banConnectionsTest {

    /** fail2ban's cache as the filter keeps it, written the plain way. */
    static final class Model {
        static final class State {
            String firstUser;
            boolean manyUsers;
            boolean nofail;
            boolean gained;
            boolean pending;
            String ip4;
            String ip6;
            String dns;
        }

        final LinkedHashMap<Long, State> cache = new LinkedHashMap<>();

        String line(SshdMessage message, long connection, String user, String address, int kind) {
            if (user != null && user.isEmpty()) {
                user = null;
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
                    } else if (!c.firstUser.equals(user)) {
                        c.manyUsers = true;
                    }
                }
                manyUsers = c.manyUsers;
                c.nofail = nofail;
                c.gained = gained;
                if (gained) {
                    c.pending = false;
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
                    if (cache.size() >= 100) {
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

    static Stream<Long> seeds() {
        return new Random(11).longs(60).boxed();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void countsAsTheFiltersCacheDoes(long seed) {
        Random r = new Random(seed);
        SshdMessage[] messages = Stream.of(SshdMessage.values()).filter(SshdMessage::matchedByFilter)
                .toArray(SshdMessage[]::new);
        String[] users = {null, "", "root", "admin", "bob"};
        String[][] addresses = {{null, "0"}, {"192.0.2.1", "4"}, {"192.0.2.2", "4"}, {"2001:db8::1", "6"},
            {"host.example", "0"}};
        // connection numbers as ConnectionKeys makes them, and negative ones; few enough to repeat,
        // more than the 100 the cache keeps
        int pool = 40 + r.nextInt(400);
        long[] connections = new long[pool];
        for (int i = 0; i < pool; i++) {
            connections[i] = r.nextInt(8) == 0 ? -1 - r.nextInt(1000)
                    : ConnectionKeys.pid(r.nextInt(3), 1 + r.nextInt(99_999), 1 + r.nextInt(9));
        }
        Fail2banConnections<String> ours = new Fail2banConnections<>();
        Model model = new Model();
        int counted = 0;
        for (int line = 0; line < 20_000; line++) {
            SshdMessage m = messages[r.nextInt(messages.length)];
            long c = connections[r.nextInt(pool)];
            String user = users[r.nextInt(users.length)];
            String[] a = addresses[r.nextInt(addresses.length)];
            int kind = Integer.parseInt(a[1]);
            String expected = model.line(m, c, user, a[0], kind);
            assertThat(ours.line(m, c, user, a[0], kind)).as("line %d: %s on %d", line, m, c).isEqualTo(expected);
            if (expected != null) {
                counted++;
            }
        }
        assertThat(counted).isGreaterThan(1000);
    }
}
