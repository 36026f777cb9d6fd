package org.vmguard.probe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.vmguard.core.Evidence;

/**
 * Asks a DNS server one recursive question (RFC 1035 wire format, written here) and reports
 * what came back. The answer's bytes come from a server we audit, possibly a hostile one: every
 * length, count and compression pointer is checked against the message before it is followed.
 */
public final class DnsProbe {

    static final int ATTEMPTS = 2;
    private static final int TYPE_A = 1;
    private static final int CLASS_IN = 1;
    private static final int MAX_SHOWN = 5;
    private static final SecureRandom RANDOM = new SecureRandom();

    private DnsProbe() {
    }

    /**
     * Sends one recursive query (RD set) for {@code name} type A over UDP (retry once; also TCP
     * if the UDP answer is truncated). Absent when nothing answers (ICMP port unreachable or no
     * answer within timeout: say which); Failed on a malformed answer or a wrong query id.
     */
    public static Probed<DnsAnswer> recursive(InetSocketAddress at, String name, Duration timeout) {
        if (at.isUnresolved()) {
            return Probed.failed("cannot resolve " + at.getHostString());
        }
        int id = RANDOM.nextInt(0x10000);
        byte[] query = query(id, name);
        String question = shown(name) + " A, RD";
        String udp = "dns " + where(at) + " udp: " + question;
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        byte[] reply;
        try {
            reply = exchangeUdp(at, query, millis);
        } catch (PortUnreachableException e) {
            return Probed.absent(where(at) + "/udp: port unreachable (ICMP), no DNS server there");
        } catch (IOException e) {
            return Probed.failed(where(at) + "/udp: " + message(e));
        }
        if (reply == null) {
            return Probed.absent("no answer from " + where(at) + "/udp within " + ATTEMPTS + " x " + millis + " ms");
        }
        Message udpAnswer;
        try {
            udpAnswer = Message.parse(reply, id, name, true);
        } catch (Malformed e) {
            return Probed.failed("malformed DNS answer from " + where(at) + "/udp: " + e.getMessage());
        }
        if (!udpAnswer.truncated()) {
            return Probed.seen(udpAnswer.answer(), Evidence.command(udp, udpAnswer.answer().summary()));
        }
        // RFC 1035 4.2.1: a truncated UDP answer is asked again over TCP
        String tcp = "dns " + where(at) + " tcp: " + question;
        Evidence first = Evidence.command(udp, udpAnswer.answer().summary());
        try {
            Message tcpAnswer = Message.parse(exchangeTcp(at, query, millis), id, name, false);
            return Probed.seen(tcpAnswer.answer(), first, Evidence.command(tcp, tcpAnswer.answer().summary()));
        } catch (Malformed e) {
            return Probed.failed("malformed DNS answer from " + where(at) + "/tcp (asked again after a truncated UDP answer): "
                    + e.getMessage());
        } catch (IOException e) {
            return Probed.failed("the UDP answer from " + where(at) + " was truncated and TCP failed: " + message(e));
        }
    }

    /** The reply's bytes, or null when nothing came back within the attempts. */
    private static byte[] exchangeUdp(InetSocketAddress at, byte[] query, int millis) throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            // connected: only datagrams from the server are received, and ICMP errors are reported
            socket.connect(at);
            socket.setSoTimeout(millis);
            byte[] buffer = new byte[65535];
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                // the same query (same id) again: a late answer to the first one still counts
                socket.send(new DatagramPacket(query, query.length));
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(packet);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                byte[] reply = new byte[packet.getLength()];
                System.arraycopy(buffer, 0, reply, 0, reply.length);
                return reply;
            }
            return null;
        }
    }

    private static byte[] exchangeTcp(InetSocketAddress at, byte[] query, int millis) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(at, millis);
            // one deadline for the whole answer: a server dripping a byte at a time cannot hold us
            long deadline = System.nanoTime() + millis * 1_000_000L;
            OutputStream out = socket.getOutputStream();
            byte[] framed = new byte[query.length + 2];
            framed[0] = (byte) (query.length >> 8);
            framed[1] = (byte) query.length;
            System.arraycopy(query, 0, framed, 2, query.length);
            out.write(framed);
            out.flush();
            byte[] length = readFully(socket, 2, deadline);
            return readFully(socket, ((length[0] & 0xff) << 8) | (length[1] & 0xff), deadline);
        }
    }

    private static byte[] readFully(Socket socket, int n, long deadline) throws IOException {
        byte[] b = new byte[n];
        InputStream in = socket.getInputStream();
        int got = 0;
        while (got < n) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            int r;
            try {
                if (left <= 0) {
                    throw new SocketTimeoutException();
                }
                socket.setSoTimeout((int) left);
                r = in.read(b, got, n - got);
            } catch (SocketTimeoutException e) {
                throw new SocketTimeoutException("the TCP answer was not complete within the timeout");
            }
            if (r < 0) {
                throw new IOException(got == 0 && n == 2 ? "the server closed the TCP connection without an answer"
                        : "the TCP answer was cut short after " + got + " of " + n + " bytes");
            }
            got += r;
        }
        return b;
    }

    /** A standard query (RFC 1035 4.1): header with RD, one question {@code name} A IN. */
    static byte[] query(int id, String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(id >> 8);
        out.write(id);
        out.write(0x01); // RD
        out.write(0x00);
        out.writeBytes(new byte[] {0, 1, 0, 0, 0, 0, 0, 0}); // QDCOUNT 1
        out.writeBytes(encodeName(name));
        out.writeBytes(new byte[] {0, TYPE_A, 0, CLASS_IN});
        return out.toByteArray();
    }

    static byte[] encodeName(String name) {
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!n.isEmpty()) {
            for (String label : n.split("\\.", -1)) {
                byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
                // printable ASCII without the backslash: the answer's question must read back the same
                if (label.isEmpty() || bytes.length > 63
                        || !label.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '\\')) {
                    throw new IllegalArgumentException(
                            "not a DNS name (labels of 1 to 63 printable ASCII characters): " + name);
                }
                out.write(bytes.length);
                out.writeBytes(bytes);
            }
        }
        out.write(0);
        if (out.size() > 255) {
            throw new IllegalArgumentException("DNS name longer than 255 octets: " + name);
        }
        return out.toByteArray();
    }

    private static String shown(String name) {
        return name.endsWith(".") && name.length() > 1 ? name.substring(0, name.length() - 1) : name;
    }

    /** host:port, an IPv6 address in brackets. */
    static String where(InetSocketAddress at) {
        InetAddress a = at.getAddress();
        String host = a == null ? at.getHostString() : a.getHostAddress();
        return (a instanceof Inet6Address ? "[" + host + "]" : host) + ":" + at.getPort();
    }

    private static String message(IOException e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** The answer's bytes do not form a DNS message that answers our query. */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    /** A decoded response: the answer and whether it was truncated. */
    record Message(DnsAnswer answer, boolean truncated) {

        static final String[] RCODES = {"NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED", "YXDOMAIN",
            "YXRRSET", "NXRRSET", "NOTAUTH", "NOTZONE"};

        /**
         * Decodes a response to query {@code id} for {@code name}. A truncated UDP answer
         * ({@code truncatedAllowed}) is only read up to its question: its records may be cut off.
         */
        static Message parse(byte[] m, int id, String name, boolean truncatedAllowed) throws Malformed {
            if (m.length < 12) {
                throw new Malformed(m.length + " bytes, shorter than a DNS header (12)");
            }
            int got = u16(m, 0);
            if (got != id) {
                throw new Malformed("answer id " + got + " is not the query id " + id);
            }
            int flags = u16(m, 2);
            if ((flags & 0x8000) == 0) {
                throw new Malformed("the QR bit is clear: a query, not a response");
            }
            int opcode = (flags >> 11) & 0xf;
            if (opcode != 0) {
                throw new Malformed("opcode " + opcode + " in the answer to a standard query");
            }
            boolean aa = (flags & 0x0400) != 0;
            boolean tc = (flags & 0x0200) != 0;
            boolean ra = (flags & 0x0080) != 0;
            int rcode = flags & 0xf;
            String rcodeName = rcode < RCODES.length ? RCODES[rcode] : "RCODE" + rcode;
            int qd = u16(m, 4);
            int an = u16(m, 6);
            int ns = u16(m, 8);
            int ar = u16(m, 10);
            if (qd > 1) {
                throw new Malformed(qd + " questions in the answer to one");
            }
            Reader r = new Reader(m, 12);
            if (qd == 1) {
                String qname = r.name();
                int qtype = r.u16();
                int qclass = r.u16();
                if (!qname.equalsIgnoreCase(absolute(name)) || qtype != TYPE_A || qclass != CLASS_IN) {
                    throw new Malformed("the answer is for " + qname + " type " + qtype + " class " + qclass
                            + ", not for the question asked (" + absolute(name) + " A IN)");
                }
            }
            if (tc && truncatedAllowed) {
                return new Message(new DnsAnswer(rcode, rcodeName, ra, aa, an,
                        summary(rcodeName, aa, true, ra, an, List.of())), true);
            }
            List<String> shown = new ArrayList<>();
            for (int i = 0; i < an; i++) {
                String record = r.record();
                if (shown.size() < MAX_SHOWN) {
                    shown.add(record);
                }
            }
            for (int i = 0; i < ns + ar; i++) {
                r.record();
            }
            return new Message(new DnsAnswer(rcode, rcodeName, ra, aa, an, summary(rcodeName, aa, tc, ra, an, shown)),
                    tc);
        }

        private static String absolute(String name) {
            return name.endsWith(".") ? name : name + ".";
        }

        private static String summary(String rcode, boolean aa, boolean tc, boolean ra, int an, List<String> shown) {
            StringBuilder s = new StringBuilder(rcode);
            if (aa) {
                s.append(", AA");
            }
            if (tc) {
                s.append(", TC");
            }
            if (ra) {
                s.append(", RA");
            }
            s.append(", ").append(an).append(an == 1 ? " answer" : " answers");
            if (!shown.isEmpty()) {
                s.append(": ").append(String.join("; ", shown));
                if (an > shown.size()) {
                    s.append("; and ").append(an - shown.size()).append(" more");
                }
            }
            return s.toString();
        }
    }

    /** Reads a message front to back; every read is bounds-checked. */
    static final class Reader {
        private final byte[] m;
        private int at;

        Reader(byte[] m, int at) {
            this.m = m;
            this.at = at;
        }

        int u16() throws Malformed {
            need(2, "a 16-bit field");
            int v = DnsProbe.u16(m, at);
            at += 2;
            return v;
        }

        long u32() throws Malformed {
            need(4, "a 32-bit field");
            long v = ((long) DnsProbe.u16(m, at) << 16) | DnsProbe.u16(m, at + 2);
            at += 4;
            return v;
        }

        private void need(int n, String what) throws Malformed {
            if (at + n > m.length) {
                throw new Malformed("the message ends at byte " + m.length + " inside " + what + " at byte " + at);
            }
        }

        /** A name at the current position, following compression pointers (RFC 1035 4.1.4). */
        String name() throws Malformed {
            NameEnd n = name(m, at);
            at = n.next;
            return n.text;
        }

        private record NameEnd(String text, int next) {
        }

        private static NameEnd name(byte[] m, int start) throws Malformed {
            StringBuilder text = new StringBuilder();
            int p = start;
            int next = -1;
            int octets = 1;
            // a pointer must point before itself: every jump goes back, so there are no loops
            int limit = start;
            while (true) {
                if (p >= m.length) {
                    throw new Malformed("a name at byte " + start + " runs past the end of the message");
                }
                int len = m[p] & 0xff;
                if ((len & 0xc0) == 0xc0) {
                    if (p + 1 >= m.length) {
                        throw new Malformed("a compression pointer at byte " + p + " is cut off");
                    }
                    int target = ((len & 0x3f) << 8) | (m[p + 1] & 0xff);
                    if (target >= limit) {
                        throw new Malformed("a compression pointer at byte " + p + " points forward (to " + target + ")");
                    }
                    if (next < 0) {
                        next = p + 2;
                    }
                    limit = target;
                    p = target;
                    continue;
                }
                if ((len & 0xc0) != 0) {
                    throw new Malformed("unknown label type 0x" + Integer.toHexString(len) + " at byte " + p);
                }
                if (len == 0) {
                    if (next < 0) {
                        next = p + 1;
                    }
                    return new NameEnd(text.isEmpty() ? "." : text.toString(), next);
                }
                if (p + 1 + len > m.length) {
                    throw new Malformed("a label at byte " + p + " runs past the end of the message");
                }
                octets += len + 1;
                if (octets > 255) {
                    throw new Malformed("a name at byte " + start + " is longer than 255 octets");
                }
                for (int i = p + 1; i <= p + len; i++) {
                    int c = m[i] & 0xff;
                    if (c == '.' || c == '\\') {
                        text.append('\\').append((char) c);
                    } else if (c > 0x20 && c < 0x7f) {
                        text.append((char) c);
                    } else {
                        text.append('\\').append(String.format("%03d", c));
                    }
                }
                text.append('.');
                p += 1 + len;
            }
        }

        /** One resource record as "owner ttl TYPE data". */
        String record() throws Malformed {
            String owner = name();
            int type = u16();
            u16(); // class
            long ttl = u32();
            int rdlength = u16();
            need(rdlength, "the data of a " + typeName(type) + " record");
            int start = at;
            int end = at + rdlength;
            String data = switch (type) {
                case 1 -> address(start, rdlength, 4);
                case 28 -> address(start, rdlength, 16);
                case 2, 5, 12, 39 -> nameWithin(start, end);
                default -> "\\# " + rdlength;
            };
            at = end;
            return owner + " " + ttl + " " + typeName(type) + " " + data;
        }

        private String address(int start, int rdlength, int size) throws Malformed {
            if (rdlength != size) {
                throw new Malformed("an address record with " + rdlength + " bytes of data, not " + size);
            }
            byte[] raw = new byte[size];
            System.arraycopy(m, start, raw, 0, size);
            try {
                return InetAddress.getByAddress(raw).getHostAddress();
            } catch (UnknownHostException e) {
                throw new Malformed("an address record that is no address");
            }
        }

        private String nameWithin(int start, int end) throws Malformed {
            NameEnd n = name(m, start);
            if (n.next != end) {
                throw new Malformed("a name in record data at byte " + start + " does not end with the data");
            }
            return n.text;
        }

        private static String typeName(int type) {
            return switch (type) {
                case 1 -> "A";
                case 2 -> "NS";
                case 5 -> "CNAME";
                case 6 -> "SOA";
                case 12 -> "PTR";
                case 15 -> "MX";
                case 16 -> "TXT";
                case 28 -> "AAAA";
                case 39 -> "DNAME";
                case 41 -> "OPT";
                case 46 -> "RRSIG";
                default -> "TYPE" + type;
            };
        }
    }

    static int u16(byte[] m, int at) {
        return ((m[at] & 0xff) << 8) | (m[at + 1] & 0xff);
    }
}
