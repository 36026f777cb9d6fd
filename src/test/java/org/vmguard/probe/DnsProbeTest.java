package org.vmguard.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.vmguard.core.Evidence;
import org.vmguard.probe.DnsProbe.Malformed;
import org.vmguard.probe.DnsProbe.Message;
import org.vmguard.testing.Tools;

class DnsProbeTest {

    static final Duration SHORT = Duration.ofMillis(300);

    /**
     * Real servers on loopback: bind9 authoritative for example.org (recursion off) on 127.0.0.1
     * at a free port, and two unbound resolvers on addresses of 127.0.0.0/8 chosen per run that
     * forward every name to it, so recursion happens without the internet: one open to all, one
     * that refuses 127.0.0.0/8.
     */
    @Nested
    @Tag("slow")
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class RealServers {

        Path dir;
        final List<Process> daemons = new ArrayList<>();
        InetSocketAddress named;
        InetSocketAddress open;
        InetSocketAddress refusing;
        InetSocketAddress nothing;

        @BeforeAll
        void start() throws Exception {
            Tools.require("/usr/sbin/named");
            Tools.require("/usr/sbin/unbound");
            dir = Files.createTempDirectory("vg-dnsprobe");
            String net = "127." + ThreadLocalRandom.current().nextInt(60, 250) + "." + ThreadLocalRandom.current().nextInt(1, 250);
            open = new InetSocketAddress(net + ".1", 53);
            refusing = new InetSocketAddress(net + ".2", 53);
            nothing = new InetSocketAddress(net + ".9", 53);
            named = new InetSocketAddress("127.0.0.1", freePort());

            StringBuilder zone = new StringBuilder("""
                    $TTL 300
                    @ IN SOA ns.example.org. hostmaster.example.org. 1 3600 600 86400 300
                    @ IN NS ns.example.org.
                    ns IN A 192.0.2.53
                    www IN A 192.0.2.7
                    alias IN CNAME www
                    """);
            // 40 addresses do not fit in 512 bytes: the UDP answer is truncated
            for (int i = 1; i <= 40; i++) {
                zone.append("big IN A 198.51.100.").append(i).append('\n');
            }
            Files.writeString(dir.resolve("example.org.zone"), zone);
            Files.writeString(dir.resolve("named.conf"), """
                    options {
                      directory "%1$s";
                      listen-on port %2$d { 127.0.0.1; };
                      listen-on-v6 { none; };
                      recursion no;
                      pid-file "%1$s/named.pid";
                      session-keyfile "%1$s/session.key";
                      dnssec-validation no;
                      allow-query { any; };
                    };
                    controls { };
                    zone "example.org" { type primary; file "example.org.zone"; };
                    """.formatted(dir, named.getPort()));
            daemons.add(start("named", "/usr/sbin/named", "-4", "-g", "-c", dir.resolve("named.conf").toString()));
            daemons.add(start("unbound-open", "/usr/sbin/unbound", "-d", "-c", unbound("open", open, "").toString()));
            daemons.add(start("unbound-refusing", "/usr/sbin/unbound", "-d", "-c",
                    unbound("refusing", refusing, "  access-control: 127.0.0.0/8 refuse\n").toString()));
            awaitAnswer(named);
            awaitAnswer(open);
            awaitAnswer(refusing);
        }

        Path unbound(String name, InetSocketAddress at, String extra) throws IOException {
            Path conf = dir.resolve("unbound-" + name + ".conf");
            Files.writeString(conf, """
                    server:
                      interface: %s@53
                      access-control: 0.0.0.0/0 allow
                    %s  username: ""
                      chroot: ""
                      directory: "%s"
                      pidfile: ""
                      do-daemonize: no
                      use-syslog: no
                      logfile: ""
                      num-threads: 1
                      do-ip6: no
                      module-config: "iterator"
                      do-not-query-localhost: no
                    remote-control:
                      control-enable: no
                    forward-zone:
                      name: "."
                      forward-addr: 127.0.0.1@%d
                    """.formatted(at.getAddress().getHostAddress(), extra, dir, named.getPort()));
            return conf;
        }

        Process start(String name, String... argv) throws IOException {
            return new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        }

        void awaitAnswer(InetSocketAddress at) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (DnsProbe.recursive(at, "www.example.org", Duration.ofMillis(200)) instanceof Probed.Absent<?> a) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no DNS server answered on " + at + ": " + a.reason() + "\n" + logs());
                }
                Thread.sleep(100);
            }
        }

        String logs() throws IOException {
            StringBuilder s = new StringBuilder();
            for (String n : List.of("named", "unbound-open", "unbound-refusing")) {
                Path p = dir.resolve(n + ".log");
                if (Files.exists(p)) {
                    s.append("--- ").append(n).append('\n').append(Files.readString(p));
                }
            }
            return s.toString();
        }

        @AfterAll
        void stop() throws InterruptedException, IOException {
            for (Process p : daemons) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
            if (dir != null) {
                try (var files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        }

        @Test
        void anOpenResolverRecursesForANameItIsNotAuthoritativeFor() {
            DnsAnswer a = seen(DnsProbe.recursive(open, "www.example.org", SHORT));
            assertThat(a.recursed()).isTrue();
            assertThat(a).extracting(DnsAnswer::rcode, DnsAnswer::rcodeName, DnsAnswer::recursionAvailable,
                    DnsAnswer::authoritative, DnsAnswer::answers).containsExactly(0, "NOERROR", true, false, 1);
            // the resolver's cache counts the TTL down from the zone's 300
            assertThat(a.summary()).matches("NOERROR, RA, 1 answer: www\\.example\\.org\\. (300|29\\d) A 192\\.0\\.2\\.7");
            Evidence e = evidence(DnsProbe.recursive(open, "www.example.org.", SHORT)).getFirst();
            assertThat(e.command()).isEqualTo("dns " + open.getAddress().getHostAddress() + ":53 udp: www.example.org A, RD");
            assertThat(e.text()).contains("192.0.2.7");
        }

        @Test
        void followsCompressedNamesInACnameChain() {
            DnsAnswer a = seen(DnsProbe.recursive(open, "alias.example.org", SHORT));
            assertThat(a.recursed()).isTrue();
            assertThat(a.answers()).isEqualTo(2);
            assertThat(a.summary()).matches("NOERROR, RA, 2 answers: alias\\.example\\.org\\. \\d+ CNAME www\\.example\\.org\\.; "
                    + "www\\.example\\.org\\. \\d+ A 192\\.0\\.2\\.7");
        }

        @Test
        void aTruncatedUdpAnswerIsAskedAgainOverTcp() {
            for (InetSocketAddress server : List.of(open, named)) {
                Probed<DnsAnswer> p = DnsProbe.recursive(server, "big.example.org", SHORT);
                assertThat(seen(p).answers()).as("%s", server).isEqualTo(40);
                List<Evidence> e = evidence(p);
                assertThat(e).hasSize(2);
                assertThat(e.get(0).command()).contains(" udp: big.example.org A, RD");
                assertThat(e.get(0).text()).contains("TC");
                assertThat(e.get(1).command()).contains(" tcp: big.example.org A, RD");
                assertThat(e.get(1).text()).doesNotContain("TC").contains("40 answers", "and 35 more");
            }
            assertThat(seen(DnsProbe.recursive(open, "big.example.org", SHORT)).recursed()).isTrue();
        }

        @Test
        void aResolverThatRefusesUsDoesNotRecurse() {
            DnsAnswer a = seen(DnsProbe.recursive(refusing, "www.example.org", SHORT));
            assertThat(a.rcode()).isEqualTo(5);
            assertThat(a.rcodeName()).isEqualTo("REFUSED");
            assertThat(a.answers()).isZero();
            assertThat(a.recursed()).isFalse();
        }

        @Test
        void anAuthoritativeServerAnsweringForItsOwnZoneDoesNotRecurse() {
            DnsAnswer a = seen(DnsProbe.recursive(named, "www.example.org", SHORT));
            assertThat(a.authoritative()).isTrue();
            assertThat(a.recursionAvailable()).isFalse();
            assertThat(a.answers()).isEqualTo(1);
            assertThat(a.recursed()).isFalse();
            assertThat(a.summary()).isEqualTo("NOERROR, AA, 1 answer: www.example.org. 300 A 192.0.2.7");
            // and a name outside its zone: refused, nothing recursed
            assertThat(seen(DnsProbe.recursive(named, "www.example.com", SHORT)).recursed()).isFalse();
        }

        @Test
        void anOpenResolverWithoutAnAnswerIsNotCountedAsRecursing() {
            DnsAnswer a = seen(DnsProbe.recursive(open, "nothing.example.org", SHORT));
            assertThat(a.rcodeName()).isEqualTo("NXDOMAIN");
            assertThat(a.recursed()).isFalse();
        }

        @Test
        void aClosedPortIsAbsentAtOnceThroughIcmp() {
            long t = System.nanoTime();
            Probed<DnsAnswer> p = DnsProbe.recursive(nothing, "www.example.org", Duration.ofSeconds(5));
            assertThat(p).isInstanceOf(Probed.Absent.class);
            assertThat(((Probed.Absent<DnsAnswer>) p).reason()).contains("port unreachable (ICMP)");
            assertThat(Duration.ofNanos(System.nanoTime() - t)).isLessThan(Duration.ofSeconds(4));
        }
    }

    // --- servers that misbehave, played by a responder in this JVM ---

    @Test
    void silenceIsAbsentAfterTwoAttemptsWithinTheTimeout() throws Exception {
        try (UdpResponder silent = new UdpResponder(q -> List.of())) {
            long t = System.nanoTime();
            Probed<DnsAnswer> p = DnsProbe.recursive(silent.address(), "www.example.org", SHORT);
            Duration took = Duration.ofNanos(System.nanoTime() - t);
            assertThat(p).isInstanceOf(Probed.Absent.class);
            assertThat(((Probed.Absent<DnsAnswer>) p).reason()).contains("no answer", "within 2 x 300 ms");
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(500)).isLessThan(Duration.ofMillis(600 + 3000));
            assertThat(silent.received()).isEqualTo(2);
        }
    }

    @Test
    void anAnswerToTheSecondAttemptCounts() throws Exception {
        int[] n = {0};
        try (UdpResponder late = new UdpResponder(q -> ++n[0] == 1 ? List.of() : List.of(answer(q, 0x8180, a("www.example.org", "192.0.2.7"))))) {
            assertThat(seen(DnsProbe.recursive(late.address(), "www.example.org", SHORT)).recursed()).isTrue();
        }
    }

    @Test
    void aWrongQueryIdFails() throws Exception {
        try (UdpResponder r = new UdpResponder(q -> {
            byte[] m = answer(q, 0x8180, a("www.example.org", "192.0.2.7"));
            m[0] ^= 0x55;
            return List.of(m);
        })) {
            assertThat(failed(DnsProbe.recursive(r.address(), "www.example.org", SHORT))).contains("is not the query id");
        }
    }

    @Test
    void garbageFails() throws Exception {
        try (UdpResponder r = new UdpResponder(q -> List.of(new byte[] {q[0], q[1], (byte) 0x81}))) {
            assertThat(failed(DnsProbe.recursive(r.address(), "www.example.org", SHORT))).contains("shorter than a DNS header");
        }
        try (UdpResponder echo = new UdpResponder(List::of)) {
            assertThat(failed(DnsProbe.recursive(echo.address(), "www.example.org", SHORT))).contains("QR bit is clear");
        }
        try (UdpResponder other = new UdpResponder(q -> List.of(answer(DnsProbe.query(u16(q), "www.example.com"), 0x8180)))) {
            assertThat(failed(DnsProbe.recursive(other.address(), "www.example.org", SHORT))).contains("not for the question asked");
        }
    }

    @Test
    void aTruncatedAnswerWithoutTcpFails() throws Exception {
        try (UdpResponder r = new UdpResponder(q -> List.of(answer(q, 0x8380)))) {
            assertThat(failed(DnsProbe.recursive(r.address(), "www.example.org", SHORT))).contains("truncated and TCP failed");
        }
    }

    @Test
    void theTcpAnswerAfterTruncationIsCheckedAndBoundedByTheTimeout() throws Exception {
        // the UDP side truncates; the TCP side on the same port answers well, hangs up, or drips
        byte[][] lastQuery = new byte[1][];
        try (UdpResponder udp = new UdpResponder(q -> {
            lastQuery[0] = q;
            return List.of(answer(q, 0x8380));
        }); ServerSocket tcp = new ServerSocket(udp.address().getPort(), 5, udp.address().getAddress())) {
            Thread server = Thread.ofVirtual().start(() -> {
                for (int round = 0; ; round++) {
                    try (java.net.Socket c = tcp.accept()) {
                        var in = c.getInputStream();
                        byte[] len = in.readNBytes(2);
                        byte[] q = in.readNBytes(((len[0] & 0xff) << 8) | (len[1] & 0xff));
                        byte[] a = answer(q, 0x8180, a("www.example.org", "192.0.2.9"));
                        var out = c.getOutputStream();
                        switch (round) {
                            case 0 -> out.write(concat(new byte[] {0, (byte) a.length}, a));
                            case 1 -> { } // hang up without a word
                            default -> {
                                out.write(new byte[] {0, (byte) a.length, a[0]});
                                out.flush();
                                Thread.sleep(3000); // and never the rest
                            }
                        }
                    } catch (IOException | InterruptedException e) {
                        return;
                    }
                }
            });
            Probed<DnsAnswer> good = DnsProbe.recursive(udp.address(), "www.example.org", SHORT);
            assertThat(seen(good).summary()).isEqualTo("NOERROR, RA, 1 answer: www.example.org. 300 A 192.0.2.9");
            assertThat(evidence(good).get(1).command()).endsWith(" tcp: www.example.org A, RD");
            assertThat(failed(DnsProbe.recursive(udp.address(), "www.example.org", SHORT)))
                    .contains("truncated and TCP failed: the server closed the TCP connection without an answer");
            long t = System.nanoTime();
            assertThat(failed(DnsProbe.recursive(udp.address(), "www.example.org", SHORT)))
                    .contains("truncated and TCP failed: the TCP answer was not complete within the timeout");
            assertThat(Duration.ofNanos(System.nanoTime() - t)).isLessThan(Duration.ofMillis(2 * 300 + 3000));
            tcp.close();
            server.interrupt();
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @Test
    void namesCompressedSeveralLevelsDeepAreFollowed() throws Malformed {
        // question www.example.org at 12; answer 1: alias.<ptr to example.org at 16> CNAME <ptr to 12>;
        // answer 2: <ptr into answer 1's owner> ... a pointer to a name that itself ends in a pointer
        byte[] q = DnsProbe.query(7, "www.example.org");
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        m.writeBytes(answer(q, 0x8180));
        m.writeBytes(new byte[] {5, 'a', 'l', 'i', 'a', 's', (byte) 0xc0, 16}); // at 33: alias.example.org
        m.writeBytes(new byte[] {0, 5, 0, 1, 0, 0, 0, 60, 0, 2, (byte) 0xc0, 12});
        m.writeBytes(new byte[] {(byte) 0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, (byte) 192, 0, 2, 7});
        m.writeBytes(new byte[] {(byte) 0xc0, 33, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, (byte) 192, 0, 2, 8});
        byte[] b = m.toByteArray();
        b[7] = 3; // ANCOUNT
        DnsAnswer a = Message.parse(b, 7, "www.example.org", true).answer();
        assertThat(a.summary()).isEqualTo("NOERROR, RA, 3 answers: alias.example.org. 60 CNAME www.example.org.; "
                + "www.example.org. 60 A 192.0.2.7; alias.example.org. 60 A 192.0.2.8");
    }

    @Test
    void hostileCompressionPointersAndLengthsFail() {
        byte[] q = DnsProbe.query(7, "www.example.org");
        // a pointer to itself, a pointer forward, a label past the end, data past the end
        assertThatThrownBy(() -> Message.parse(withAnswer(q, new byte[] {(byte) 0xc0, 33, 0, 1, 0, 1, 0, 0, 0, 1, 0, 0}), 7,
                "www.example.org", true)).isInstanceOf(Malformed.class).hasMessageContaining("points forward");
        assertThatThrownBy(() -> Message.parse(withAnswer(q, new byte[] {(byte) 0xc0, 40, 0, 1, 0, 1, 0, 0, 0, 1, 0, 0}), 7,
                "www.example.org", true)).isInstanceOf(Malformed.class).hasMessageContaining("points forward");
        assertThatThrownBy(() -> Message.parse(withAnswer(q, new byte[] {60, 'a', 'b'}), 7, "www.example.org", true))
                .isInstanceOf(Malformed.class).hasMessageContaining("runs past the end");
        assertThatThrownBy(() -> Message.parse(withAnswer(q, new byte[] {(byte) 0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 1, 0, 4, 1}),
                7, "www.example.org", true)).isInstanceOf(Malformed.class).hasMessageContaining("ends at byte");
        assertThatThrownBy(() -> Message.parse(withAnswer(q, new byte[] {(byte) 0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 1, 0, 3, 1, 2, 3}),
                7, "www.example.org", true)).isInstanceOf(Malformed.class).hasMessageContaining("3 bytes of data, not 4");
        assertThatThrownBy(() -> Message.parse(withAnswer(q, new byte[] {(byte) 0x80, 12}), 7, "www.example.org", true))
                .isInstanceOf(Malformed.class).hasMessageContaining("unknown label type");
    }

    @Test
    void noMangledAnswerEscapesAsAnExceptionOtherThanMalformed() throws Malformed {
        byte[] q = DnsProbe.query(7, "alias.example.org");
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        m.writeBytes(answer(q, 0x8180));
        m.writeBytes(new byte[] {(byte) 0xc0, 12, 0, 5, 0, 1, 0, 0, 0, 60, 0, 6, 3, 'w', 'w', 'w', (byte) 0xc0, 18});
        m.writeBytes(new byte[] {(byte) 0xc0, 47, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, (byte) 192, 0, 2, 7});
        byte[] good = m.toByteArray();
        good[7] = 2;
        assertThat(Message.parse(good, 7, "alias.example.org", true).answer().summary())
                .isEqualTo("NOERROR, RA, 2 answers: alias.example.org. 60 CNAME www.example.org.; www.example.org. 60 A 192.0.2.7");
        Random random = new Random(20261123);
        for (int i = 0; i < 20_000; i++) {
            byte[] b;
            if (i < good.length) {
                b = java.util.Arrays.copyOf(good, i); // every truncation
            } else {
                b = good.clone();
                for (int k = random.nextInt(1, 4); k > 0; k--) {
                    b[random.nextInt(2, b.length)] = (byte) random.nextInt(256); // keep the id
                }
            }
            try {
                Message.parse(b, 7, "alias.example.org", true);
            } catch (Malformed expected) {
                // a clear refusal is the only other outcome
            }
        }
    }

    @Test
    void refusesToAskForSomethingThatIsNotAName() {
        assertThatThrownBy(() -> DnsProbe.query(1, "a..b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DnsProbe.query(1, "x".repeat(64) + ".org")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DnsProbe.query(1, "bücher.example")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DnsProbe.query(1, "a b.example")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DnsProbe.query(1, "a" + ".abcdefghij".repeat(25))).isInstanceOf(IllegalArgumentException.class);
        assertThat(DnsProbe.query(0x1234, "a.b")).containsExactly(0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 'a', 1, 'b', 0, 0, 1,
                0, 1);
    }

    // --- helpers ---

    static DnsAnswer seen(Probed<DnsAnswer> p) {
        assertThat(p).isInstanceOf(Probed.Seen.class);
        return ((Probed.Seen<DnsAnswer>) p).value();
    }

    static List<Evidence> evidence(Probed<DnsAnswer> p) {
        assertThat(p).isInstanceOf(Probed.Seen.class);
        return ((Probed.Seen<DnsAnswer>) p).evidence();
    }

    static String failed(Probed<DnsAnswer> p) {
        assertThat(p).isInstanceOf(Probed.Failed.class);
        return ((Probed.Failed<DnsAnswer>) p).reason();
    }

    static int u16(byte[] b) {
        return ((b[0] & 0xff) << 8) | (b[1] & 0xff);
    }

    /** The query turned into a response with {@code flags}, its question kept, and records appended. */
    static byte[] answer(byte[] query, int flags, byte[]... records) {
        byte[] m = query.clone();
        m[2] = (byte) (flags >> 8);
        m[3] = (byte) flags;
        m[7] = (byte) records.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(m);
        for (byte[] r : records) {
            out.writeBytes(r);
        }
        return out.toByteArray();
    }

    /** An A record whose owner is a pointer to the question name (offset 12), as servers write it. */
    static byte[] a(String owner, String address) {
        try {
            byte[] ip = InetAddress.getByName(address).getAddress();
            return new byte[] {(byte) 0xc0, 12, 0, 1, 0, 1, 0, 0, 1, 44, 0, 4, ip[0], ip[1], ip[2], ip[3]};
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] withAnswer(byte[] query, byte[] record) {
        return answer(query, 0x8180, record);
    }

    static int freePort() throws IOException {
        for (int i = 0; i < 50; i++) {
            try (DatagramSocket u = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
                    ServerSocket t = new ServerSocket(u.getLocalPort(), 1, InetAddress.getByName("127.0.0.1"))) {
                return u.getLocalPort();
            } catch (IOException taken) {
                // TCP side in use: another
            }
        }
        throw new IOException("no free port on 127.0.0.1 for both UDP and TCP");
    }
}
