package org.vmguard.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Evidence;
import org.vmguard.testing.Netns;
import org.vmguard.testing.Tools;

class NtpProbeTest {

    static final Duration SHORT = Duration.ofMillis(300);

    @TempDir
    Path dir;

    // --- ntpsec, Debian 12's NTP server, seen from another network namespace ---

    /**
     * Debian's own ntp.conf (the ntpsec package's, kept in the test resources) without its pool
     * lines, once as shipped ({@code restrict default ... noquery limited}) and once with
     * {@code unrestrict default noquery}. Each ntpd runs in a namespace of its own (ntpd always
     * binds the wildcard address, so two cannot share one) and the probe runs in a third, in a
     * JVM started there: it is an outsider on a veth link, not a local client ntpd trusts.
     */
    @Test
    @Tag("slow")
    void ntpsecAnswersReadvarToOutsidersOnlyWithoutNoqueryAndNeverAnswersMonlist() throws Exception {
        Tools.require("/usr/sbin/ntpd");
        try (Netns open = Netns.create("ntpo"); Netns shut = Netns.create("ntps"); Netns client = Netns.create("ntpc")) {
            link(open, "10.123.0.1/24", client, "10.123.0.2/24", "vgo");
            link(shut, "10.123.1.1/24", client, "10.123.1.2/24", "vgs");
            open.start(dir.resolve("open.log"), "/usr/sbin/ntpd", "-n", "-c", ntpConf("open", true).toString());
            shut.start(dir.resolve("shut.log"), "/usr/sbin/ntpd", "-n", "-c", ntpConf("shut", false).toString());
            awaitBound(open, "10.123.0.1:123", "open.log");
            awaitBound(shut, "10.123.1.1:123", "shut.log");

            List<String> lines = probeFrom(client, "readvar 10.123.0.1 123 1000", "monlist 10.123.0.1 123 500",
                    "readvar 10.123.1.1 123 500", "monlist 10.123.1.1 123 500");
            assertThat(lines).hasSize(4);
            assertThat(lines.get(0)).startsWith("readvar 10.123.0.1 Seen\t")
                    .contains("version=\"ntpd ntpsec-", "stratum=", "processor=");
            int entries = Integer.parseInt(lines.get(0).split("\t")[1]);
            assertThat(entries).as(lines.get(0)).isGreaterThan(10);
            // ntpsec's own ntpq reads the same variables, in the same order (it reformats some values)
            Netns.Result ntpq = client.exec("/usr/bin/ntpq", "-c", "rv", "10.123.0.1");
            assertThat(ntpq.code()).as(ntpq.err()).isZero();
            String theirs = ntpq.out().substring(ntpq.out().indexOf('\n') + 1); // after its associd/status line
            assertThat(names(lines.get(0).split("\t")[2])).hasSize(entries).isEqualTo(names(theirs));
            // ntpsec has no mode 7 at all: nothing comes back, which is not an error
            assertThat(lines.get(1)).isEqualTo("monlist 10.123.0.1 Absent\t0\tno answer from 10.123.0.1:123/udp within 2 x 500 ms");
            assertThat(lines.get(2)).isEqualTo("readvar 10.123.1.1 Absent\t0\tno answer from 10.123.1.1:123/udp within 2 x 500 ms");
            assertThat(lines.get(3)).isEqualTo("monlist 10.123.1.1 Absent\t0\tno answer from 10.123.1.1:123/udp within 2 x 500 ms");
        }
    }

    /** The variable names of a "name=value, name="quoted, value", ..." text. */
    static List<String> names(String variables) {
        List<String> names = new ArrayList<>();
        boolean quoted = false;
        StringBuilder item = new StringBuilder();
        for (char c : (variables + ",").toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                String name = item.toString().strip().split("=", 2)[0];
                if (!name.isEmpty()) {
                    names.add(name);
                }
                item.setLength(0);
            } else {
                item.append(c);
            }
        }
        return names;
    }

    Path ntpConf(String name, boolean queries) throws IOException {
        String debian;
        try (var in = NtpProbeTest.class.getResourceAsStream("/org/vmguard/facts/ntp/ntpsec.ntp.conf")) {
            debian = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        StringBuilder conf = new StringBuilder();
        for (String line : debian.split("\n")) {
            if (line.startsWith("pool ") || line.startsWith("server ")) {
                continue; // nothing leaves the namespaces
            }
            conf.append(line.startsWith("driftfile ") ? "driftfile " + dir.resolve(name + ".drift") : line).append('\n');
        }
        if (queries) {
            conf.append("unrestrict default noquery\n");
        }
        Path p = dir.resolve(name + ".conf");
        Files.writeString(p, conf);
        return p;
    }

    static void link(Netns server, String serverAddress, Netns client, String clientAddress, String name) {
        run("ip", "link", "add", name, "netns", server.name(), "type", "veth", "peer", "name", name + "c", "netns",
                client.name());
        run("ip", "-n", server.name(), "addr", "add", serverAddress, "dev", name);
        run("ip", "-n", client.name(), "addr", "add", clientAddress, "dev", name + "c");
        run("ip", "-n", server.name(), "link", "set", name, "up");
        run("ip", "-n", client.name(), "link", "set", name + "c", "up");
    }

    static void run(String... argv) {
        Netns.Result r = Netns.run(List.of(argv));
        if (r.code() != 0) {
            throw new AssertionError(String.join(" ", argv) + ": " + r.err());
        }
    }

    void awaitBound(Netns ns, String endpoint, String log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!ns.exec("ss", "-Hunl").out().contains(endpoint + " ")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("ntpd did not bind " + endpoint + ":\n" + Files.readString(dir.resolve(log)));
            }
            Thread.sleep(100);
        }
    }

    /** Runs ProbeFromNamespace in the namespace with this build's classes; its output lines. */
    static List<String> probeFrom(Netns ns, String... probes) throws IOException, InterruptedException, URISyntaxException {
        String cp = Path.of(NtpProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI()) + ":"
                + Path.of(ProbeFromNamespace.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns.name(),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", cp,
                ProbeFromNamespace.class.getName()));
        for (String p : probes) {
            cmd.addAll(List.of(p.split(" ")));
        }
        Netns.Result r = Netns.run(cmd);
        assertThat(r.code()).as(r.err()).isZero();
        return r.out().lines().toList();
    }

    // --- mode 7: no Debian 12 daemon answers it, so ntpd's own answer is replayed ---

    /**
     * What ntpd 4.2.6 (the last release whose MON_GETLIST_1 answered with data; 4.2.7p26 and
     * later reply INFO_ERR_NODATA or drop mode 7) sends for a mode 7 request, built as its
     * ntpd/ntp_request.c does: process_private's drop tests (response or more bit, version
     * outside 1..4, a sequence, an error or must-be-zero bits, fewer than 8 bytes: no answer),
     * req_ack's 8-byte error answer (INFO_ERR_IMPL, _REQ, _FMT, _NODATA), and mon_getlist_1's
     * data: struct resp_pkt headers of include/ntp_request.h (R bit, M bit on every datagram but
     * the last, the request's version, mode 7, sequence 0..n, implementation, request, item count
     * and size), each with at most 500 bytes of whole info_monitor_1 items of 72 bytes (32 for
     * implementation 2, whose clients know no IPv6), multi-byte fields in network order.
     */
    static Function<byte[], List<byte[]>> ntpd426(List<Monitored> list, boolean monitorEnabled) {
        return req -> {
            int version = (req[0] >> 3) & 7;
            if (req.length < 8 || (req[0] & 0x80) != 0 || (req[0] & 0x40) != 0 || version > 4 || version < 1
                    || (req[1] & 0x7f) != 0 || (req[4] & 0xf0) != 0 || (req[6] & 0xf0) != 0) {
                return List.of();
            }
            int impl = req[2] & 0xff;
            int request = req[3] & 0xff;
            int itemsize = ((req[6] & 0x0f) << 8) | (req[7] & 0xff);
            if (impl != 0 && impl != 2 && impl != 3) {
                return List.of(ack(req, version, 1));
            }
            if (impl == 0 || request != NtpProbe.REQ_MON_GETLIST_1) {
                return List.of(ack(req, version, 2));
            }
            if (itemsize != 0) {
                return List.of(ack(req, version, 3));
            }
            if (!monitorEnabled || list.isEmpty()) {
                return List.of(ack(req, version, 4));
            }
            int size = impl == 3 ? 72 : 32;
            int perDatagram = 500 / size;
            List<byte[]> out = new ArrayList<>();
            for (int seq = 0; seq * perDatagram < list.size(); seq++) {
                List<Monitored> items = list.subList(seq * perDatagram, Math.min(list.size(), (seq + 1) * perDatagram));
                boolean more = (seq + 1) * perDatagram < list.size();
                ByteArrayOutputStream d = new ByteArrayOutputStream();
                d.write(0x80 | (more ? 0x40 : 0) | (version << 3) | 7);
                d.write(seq);
                d.write(impl);
                d.write(request);
                d.write(items.size() >> 8);
                d.write(items.size());
                d.write(size >> 8);
                d.write(size);
                for (Monitored m : items) {
                    d.writeBytes(m.bytes(size));
                }
                out.add(d.toByteArray());
            }
            return out;
        };
    }

    static byte[] ack(byte[] req, int version, int err) {
        return new byte[] {(byte) (0x80 | (version << 3) | 7), 0, req[2], req[3], (byte) (err << 4), 0, 0, 0};
    }

    /** One entry of ntpd's monitor list: a client that sent {@code count} packets. */
    record Monitored(String address, int port, int mode, int version, int count) {

        /** struct info_monitor_1 as ntpd 4.2.6 fills it. */
        byte[] bytes(int size) {
            try {
                byte[] a = InetAddress.getByName(address).getAddress();
                byte[] d = new byte[size];
                put32(d, 0, 64); // avg_int
                put32(d, 4, 3); // last_int
                put32(d, 8, 0); // restr
                put32(d, 12, count);
                if (a.length == 4) {
                    System.arraycopy(a, 0, d, 16, 4); // addr
                    System.arraycopy(new byte[] {(byte) 203, 0, 113, 1}, 0, d, 20, 4); // daddr
                } else if (size >= 72) {
                    put32(d, 32, 1); // v6_flag
                    System.arraycopy(a, 0, d, 40, 16); // addr6
                }
                d[28] = (byte) (port >> 8);
                d[29] = (byte) port;
                d[30] = (byte) mode;
                d[31] = (byte) version;
                return d;
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }

        static void put32(byte[] d, int at, int v) {
            d[at] = (byte) (v >>> 24);
            d[at + 1] = (byte) (v >>> 16);
            d[at + 2] = (byte) (v >>> 8);
            d[at + 3] = (byte) v;
        }
    }

    static List<Monitored> clients(int n) {
        List<Monitored> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(i == 1 ? new Monitored("2001:db8::17", 40123, 3, 4, 2)
                    : new Monitored("198.51.100." + (i % 250 + 1), 123, 3, 4, 12 + i));
        }
        return list;
    }

    @Test
    void monlistCountsEveryEntryOfAMultiDatagramAnswer() throws Exception {
        try (UdpResponder ntpd = new UdpResponder(ntpd426(clients(8), true))) {
            Probed<NtpAnswer> p = NtpProbe.monlist(ntpd.address(), SHORT);
            NtpAnswer a = seen(p);
            assertThat(a.mode()).isEqualTo("7 MON_GETLIST_1");
            assertThat(a.entries()).isEqualTo(8);
            assertThat(a.bytes()).isEqualTo(8 + 6 * 72 + 8 + 2 * 72);
            assertThat(a.summary()).isEqualTo("answered MON_GETLIST_1 with 8 entries in 2 datagrams (592 bytes for a 48-byte request): "
                    + "198.51.100.1:123 mode 3 version 4, 12 packets; [2001:db8:0:0:0:0:0:17]:40123 mode 3 version 4, 2 packets; "
                    + "198.51.100.3:123 mode 3 version 4, 14 packets; and 5 more");
            Evidence e = ((Probed.Seen<NtpAnswer>) p).evidence().getFirst();
            assertThat(e.command()).isEqualTo("ntp 127.0.0.1:" + ntpd.address().getPort()
                    + " udp: mode 7 MON_GETLIST_1 (implementation 3, request 42)");
            assertThat(e.text()).isEqualTo(a.summary());
        }
    }

    @Test
    void monlistGathersAFullListOf600EntriesArrivingOutOfOrder() throws Exception {
        Function<byte[], List<byte[]>> ntpd = ntpd426(clients(600), true);
        try (UdpResponder r = new UdpResponder(req -> {
            List<byte[]> d = new ArrayList<>(ntpd.apply(req));
            Collections.reverse(d);
            return d;
        })) {
            NtpAnswer a = seen(NtpProbe.monlist(r.address(), SHORT));
            assertThat(a.entries()).isEqualTo(600);
            assertThat(a.summary()).startsWith("answered MON_GETLIST_1 with 600 entries in 100 datagrams (44000 bytes");
        }
    }

    @Test
    void monlistWithADatagramLostIsStillSeenAndSaysSo() throws Exception {
        Function<byte[], List<byte[]>> ntpd = ntpd426(clients(14), true);
        try (UdpResponder r = new UdpResponder(req -> {
            List<byte[]> d = new ArrayList<>(ntpd.apply(req));
            d.remove(1);
            return d;
        })) {
            NtpAnswer a = seen(NtpProbe.monlist(r.address(), SHORT));
            assertThat(a.entries()).isEqualTo(8);
            assertThat(a.summary()).contains("in 2 datagrams", "incomplete: some datagrams never came");
        }
    }

    @Test
    void monlistAnsweredWithAnErrorCodeIsAbsent() throws Exception {
        try (UdpResponder off = new UdpResponder(ntpd426(clients(3), false))) {
            assertThat(absent(NtpProbe.monlist(off.address(), SHORT)))
                    .isEqualTo("127.0.0.1:" + off.address().getPort() + "/udp answered MON_GETLIST_1 with error 4 (no data)");
        }
    }

    @Test
    void theMonlistRequestPassesNtpdsChecks() {
        // the replay drops what ntpd drops and refuses what it refuses: check the request against it
        byte[][] sent = new byte[1][];
        Function<byte[], List<byte[]>> ntpd = ntpd426(clients(1), true);
        try (UdpResponder r = new UdpResponder(req -> {
            sent[0] = req;
            return ntpd.apply(req);
        })) {
            seen(NtpProbe.monlist(r.address(), SHORT));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(sent[0]).hasSize(48);
        assertThat(java.util.Arrays.copyOf(sent[0], 8)).containsExactly(0x17, 0, 3, 42, 0, 0, 0, 0);
        assertThat(ntpd.apply(new byte[] {0x17, 0, 3, 42, 0, 0, 0, 72})).singleElement()
                .satisfies(d -> assertThat(d[4] >> 4).isEqualTo(3)); // an item size where none is due: format error
    }

    @Test
    void monlistGarbageFails() throws Exception {
        byte[] ntpMode4 = new byte[48];
        ntpMode4[0] = 0x24;
        for (byte[] reply : List.of(new byte[] {(byte) 0x97, 0, 3}, ntpMode4, new byte[] {(byte) 0x97, 0, 3, 43, 0, 0, 0, 0},
                // 7 items of 72 bytes: more than a datagram's 500
                concat(new byte[] {(byte) 0x97, 0, 3, 42, 0, 7, 0, 72}, new byte[7 * 72]),
                // 2 items announced, 1 carried
                concat(new byte[] {(byte) 0x97, 0, 3, 42, 0, 2, 0, 72}, new byte[72]))) {
            try (UdpResponder r = new UdpResponder(req -> List.of(reply))) {
                assertThat(NtpProbe.monlist(r.address(), SHORT)).as(java.util.HexFormat.of().formatHex(reply))
                        .isInstanceOf(Probed.Failed.class);
            }
        }
    }

    // --- mode 6 from servers that fragment or misbehave ---

    static final String CLASSIC_VARIABLES = "version=\"ntpd 4.2.6p5@1.2349-o Fri Jul 22 17:30:51 UTC 2016 (1)\",\r\n"
            + "processor=\"x86_64\", system=\"Linux/4.9.0-8-amd64\", leap=00, stratum=2,\r\n"
            + "precision=-23, rootdelay=25.518, rootdisp=44.118, refid=192.0.2.1,\r\n"
            + "reftime=0xe1a9f2d4.8b3cf2a1, clock=0xe1a9f3b2.1b5c0e2e,\r\n"
            + "peer=51020, tc=10, mintc=3, offset=0.291, frequency=-11.338,\r\n"
            + "sys_jitter=0.611, clk_jitter=0.334, clk_wander=0.021\r\n";

    /** A mode 6 server answering READVAR with {@code text} in fragments of {@code chunk} bytes. */
    static Function<byte[], List<byte[]>> control(String text, int chunk, boolean reversed) {
        return req -> {
            byte[] data = text.getBytes(StandardCharsets.US_ASCII);
            List<byte[]> out = new ArrayList<>();
            for (int off = 0; off < data.length; off += chunk) {
                int count = Math.min(chunk, data.length - off);
                boolean more = off + count < data.length;
                byte[] d = new byte[12 + ((count + 3) & ~3)]; // data padded to 32 bits
                d[0] = (byte) ((req[0] & 0x38) | 6);
                d[1] = (byte) (0x80 | (more ? 0x20 : 0) | (req[1] & 0x1f));
                d[2] = req[2];
                d[3] = req[3];
                d[4] = 0x06;
                d[5] = 0x18;
                d[8] = (byte) (off >> 8);
                d[9] = (byte) off;
                d[10] = (byte) (count >> 8);
                d[11] = (byte) count;
                System.arraycopy(data, off, d, 12, count);
                out.add(d);
            }
            if (reversed) {
                Collections.reverse(out);
            }
            return out;
        };
    }

    @Test
    void readvarReassemblesFragmentsInAnyOrder() throws Exception {
        for (boolean reversed : List.of(false, true)) {
            try (UdpResponder r = new UdpResponder(control(CLASSIC_VARIABLES, 100, reversed))) {
                Probed<NtpAnswer> p = NtpProbe.readvar(r.address(), SHORT);
                NtpAnswer a = seen(p);
                assertThat(a.mode()).isEqualTo("6 READVAR");
                assertThat(a.entries()).isEqualTo(19);
                assertThat(a.summary()).startsWith("version=\"ntpd 4.2.6p5@1.2349-o Fri Jul 22 17:30:51 UTC 2016 (1)\", processor=")
                        .endsWith("clk_wander=0.021").doesNotContain("\r", "\n");
                int bytes = 0;
                for (int off = 0; off < CLASSIC_VARIABLES.length(); off += 100) {
                    bytes += 12 + ((Math.min(100, CLASSIC_VARIABLES.length() - off) + 3) & ~3);
                }
                assertThat(a.bytes()).isEqualTo(bytes);
                assertThat(((Probed.Seen<NtpAnswer>) p).evidence().getFirst().command())
                        .isEqualTo("ntp 127.0.0.1:" + r.address().getPort() + " udp: mode 6 READVAR association 0");
            }
        }
    }

    @Test
    void readvarAnsweredWithAnErrorIsAbsent() throws Exception {
        try (UdpResponder r = new UdpResponder(req -> List.of(new byte[] {0x16, (byte) 0xc2, req[2], req[3], 7, 0, 0, 0, 0, 0, 0, 0}))) {
            assertThat(absent(NtpProbe.readvar(r.address(), SHORT))).endsWith("answered READVAR with error 7 (administratively prohibited)");
        }
    }

    @Test
    void readvarGarbageFails() throws Exception {
        Function<byte[], List<byte[]>> good = control(CLASSIC_VARIABLES, 400, false);
        List<Function<byte[], List<byte[]>>> bad = List.of(
                req -> List.of(new byte[] {1, 2, 3}),
                req -> List.of(req), // the request echoed: no response bit
                req -> {
                    byte[] d = good.apply(req).getFirst();
                    d[3] ^= 1; // another sequence number
                    return List.of(d);
                },
                req -> {
                    byte[] d = good.apply(req).getFirst();
                    d[10] = 0x7f; // more data claimed than carried
                    return List.of(d);
                },
                req -> {
                    byte[] d = good.apply(req).getFirst();
                    d[8] = (byte) 0xff; // an offset past 65535 with the count
                    d[9] = (byte) 0xff;
                    return List.of(d);
                });
        for (var answer : bad) {
            try (UdpResponder r = new UdpResponder(answer)) {
                assertThat(NtpProbe.readvar(r.address(), SHORT)).isInstanceOf(Probed.Failed.class);
            }
        }
    }

    @Test
    void silenceIsAbsentAfterTwoAttemptsWithinTheTimeout() throws Exception {
        try (UdpResponder silent = new UdpResponder(req -> List.of())) {
            for (var probe : List.<Function<InetSocketAddress, Probed<NtpAnswer>>>of(
                    at -> NtpProbe.readvar(at, SHORT), at -> NtpProbe.monlist(at, SHORT))) {
                long t = System.nanoTime();
                assertThat(absent(probe.apply(silent.address()))).contains("no answer", "within 2 x 300 ms");
                assertThat(Duration.ofNanos(System.nanoTime() - t)).isGreaterThanOrEqualTo(Duration.ofMillis(500))
                        .isLessThan(Duration.ofMillis(600 + 3000));
            }
            assertThat(silent.received()).isEqualTo(4);
        }
    }

    @Test
    void aClosedPortIsAbsentThroughIcmp() throws Exception {
        InetSocketAddress closed;
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            closed = (InetSocketAddress) s.getLocalSocketAddress();
        }
        assertThat(absent(NtpProbe.readvar(closed, Duration.ofSeconds(5)))).contains("port unreachable (ICMP)");
        assertThat(absent(NtpProbe.monlist(closed, Duration.ofSeconds(5)))).contains("port unreachable (ICMP)");
    }

    @Test
    void noMangledDatagramEscapesTheDecodersAsAnythingButARefusal() {
        byte[] request = {0x16, 2, 0x12, 0x34, 0, 0, 0, 0, 0, 0, 0, 0};
        List<byte[]> good = new ArrayList<>(ntpd426(clients(8), true).apply(new byte[] {0x17, 0, 3, 42, 0, 0, 0, 0}));
        good.addAll(control(CLASSIC_VARIABLES, 100, false).apply(request));
        java.util.Random random = new java.util.Random(20261123);
        for (int i = 0; i < 20_000; i++) {
            byte[] d = good.get(random.nextInt(good.size())).clone();
            if (random.nextBoolean()) {
                d = java.util.Arrays.copyOf(d, random.nextInt(d.length + 1));
            }
            for (int k = random.nextInt(4); k > 0 && d.length > 0; k--) {
                d[random.nextInt(Math.min(d.length, 16))] = (byte) random.nextInt(256); // mostly the headers
            }
            for (NtpProbe.Reply reply : List.of(new NtpProbe.MonitorList(48), new NtpProbe.SystemVariables(0x1234))) {
                try {
                    reply.add(good.get(0));
                } catch (NtpProbe.Garbage | NtpProbe.Refused expected) {
                    // the mode 6 decoder refuses a mode 7 datagram
                }
                try {
                    reply.add(d);
                } catch (NtpProbe.Garbage | NtpProbe.Refused expected) {
                    // a clear refusal
                }
                assertThat(reply.answer(false).summary()).isNotNull();
            }
        }
    }

    @Test
    void variablesAreCountedOutsideQuotes() {
        assertThat(NtpProbe.SystemVariables.entries("version=\"a, b\", leap=0, stratum=2")).isEqualTo(3);
        assertThat(NtpProbe.SystemVariables.entries("")).isZero();
    }

    // --- helpers ---

    static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    static NtpAnswer seen(Probed<NtpAnswer> p) {
        assertThat(p).isInstanceOf(Probed.Seen.class);
        return ((Probed.Seen<NtpAnswer>) p).value();
    }

    static String absent(Probed<NtpAnswer> p) {
        assertThat(p).isInstanceOf(Probed.Absent.class);
        return ((Probed.Absent<NtpAnswer>) p).reason();
    }
}
