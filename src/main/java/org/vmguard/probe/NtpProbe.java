package org.vmguard.probe;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import org.vmguard.core.Evidence;

/**
 * Asks an NTP server the two management questions that make it an amplifier and an information
 * leak: mode 7 MON_GETLIST_1 (ntpd's {@code ntp_request.h}: the "monlist" of CVE-2013-5211) and
 * mode 6 READVAR (RFC 9327, ntpq's {@code rv}). Both answers may come in several datagrams; every
 * count, offset and size in them is checked before it is used (the server may be hostile).
 */
public final class NtpProbe {

    static final int ATTEMPTS = 2;
    /** Mode 7: implementation 3 (IMPL_XNTPD), request 42 (REQ_MON_GETLIST_1). */
    static final int IMPL_XNTPD = 3;
    static final int REQ_MON_GETLIST_1 = 42;
    /** Mode 6 opcode READVAR. */
    static final int CTL_OP_READVAR = 2;
    private static final int MAX_SHOWN = 3;
    private static final SecureRandom RANDOM = new SecureRandom();

    private NtpProbe() {
    }

    /**
     * Mode 7 (private) implementation 3 (XNTPD) request 42 MON_GETLIST_1; Seen when the server
     * answers with data (entries = the monitor list entries returned), Absent when nothing
     * answers/unreachable or it answers with an error code.
     */
    public static Probed<NtpAnswer> monlist(InetSocketAddress at, Duration timeout) {
        // the request header of ntp_request.h (R=0, M=0, VN=2, mode 7; no auth, sequence 0; no
        // items), padded to 48 bytes as ntpdc and scanners send it
        byte[] request = new byte[48];
        request[0] = (byte) ((2 << 3) | 7);
        request[2] = IMPL_XNTPD;
        request[3] = REQ_MON_GETLIST_1;
        String command = "ntp " + DnsProbe.where(at) + " udp: mode 7 MON_GETLIST_1 (implementation 3, request 42)";
        return exchange(at, request, timeout, command, new MonitorList(request.length));
    }

    /**
     * Mode 6 control READVAR (opcode 2) for association 0: Seen with the system variables text
     * (version=…, ...) when it answers, Absent when it does not (noquery), Failed on garbage.
     */
    public static Probed<NtpAnswer> readvar(InetSocketAddress at, Duration timeout) {
        int sequence = 1 + RANDOM.nextInt(0xfffe);
        byte[] request = new byte[12];
        request[0] = (byte) ((2 << 3) | 6); // LI 0, VN 2 (as ntpq sends), mode 6
        request[1] = CTL_OP_READVAR;
        request[2] = (byte) (sequence >> 8);
        request[3] = (byte) sequence;
        String command = "ntp " + DnsProbe.where(at) + " udp: mode 6 READVAR association 0";
        return exchange(at, request, timeout, command, new SystemVariables(sequence));
    }

    /** The server's datagrams of one answer, gathered until the answer is complete. */
    interface Reply {
        /** Takes one datagram; true when the answer is complete. */
        boolean add(byte[] datagram) throws Garbage, Refused;

        boolean started();

        NtpAnswer answer(boolean complete);
    }

    /** The datagram is not an answer to our request. */
    static final class Garbage extends Exception {
        Garbage(String message) {
            super(message, null, false, false);
        }
    }

    /** The server answered with an error code: it speaks the protocol but does not tell us. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private static Probed<NtpAnswer> exchange(InetSocketAddress at, byte[] request, Duration timeout, String command,
            Reply reply) {
        if (at.isUnresolved()) {
            return Probed.failed("cannot resolve " + at.getHostString());
        }
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        String where = DnsProbe.where(at) + "/udp";
        try (DatagramSocket socket = new DatagramSocket()) {
            // connected: only the server's datagrams arrive, and ICMP port unreachable is reported
            socket.connect(at);
            byte[] buffer = new byte[65535];
            for (int attempt = 0; attempt < ATTEMPTS && !reply.started(); attempt++) {
                socket.send(new DatagramPacket(request, request.length));
                long deadline = System.nanoTime() + millis * 1_000_000L;
                while (true) {
                    long left = (deadline - System.nanoTime()) / 1_000_000L;
                    if (left <= 0) {
                        break;
                    }
                    socket.setSoTimeout((int) left);
                    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                    try {
                        socket.receive(packet);
                    } catch (SocketTimeoutException e) {
                        break;
                    }
                    byte[] datagram = new byte[packet.getLength()];
                    System.arraycopy(buffer, 0, datagram, 0, datagram.length);
                    if (reply.add(datagram)) {
                        NtpAnswer answer = reply.answer(true);
                        return Probed.seen(answer, Evidence.command(command, answer.summary()));
                    }
                }
            }
        } catch (PortUnreachableException e) {
            return Probed.absent(where + ": port unreachable (ICMP), no NTP server there");
        } catch (Garbage e) {
            return Probed.failed("not an answer to our request from " + where + ": " + e.getMessage());
        } catch (Refused e) {
            return Probed.absent(where + " " + e.getMessage());
        } catch (IOException e) {
            String m = e.getMessage();
            return Probed.failed(where + ": " + (m == null || m.isBlank() ? e.getClass().getSimpleName() : m));
        }
        if (reply.started()) {
            // it did answer, but some datagrams of the answer never came: what came is the finding
            NtpAnswer answer = reply.answer(false);
            return Probed.seen(answer, Evidence.command(command, answer.summary()));
        }
        return Probed.absent("no answer from " + where + " within " + ATTEMPTS + " x " + millis + " ms");
    }

    /**
     * The answer to MON_GETLIST_1: datagrams numbered 0..n (the last one without the M bit), each
     * with up to 500 bytes of items; an item is an info_monitor_1 (72 bytes with the IPv6 fields,
     * 32 without: avg_int, last_int, restr, count, addr, daddr, flags, port, mode, version, ...).
     */
    static final class MonitorList implements Reply {
        private static final String[] ERRORS = {"no error", "implementation not supported", "request not implemented",
            "format error", "no data", "error 5", "error 6", "authentication required"};
        private final int requestBytes;
        private final TreeMap<Integer, byte[]> datagrams = new TreeMap<>();
        private int last = -1;

        MonitorList(int requestBytes) {
            this.requestBytes = requestBytes;
        }

        @Override
        public boolean add(byte[] d) throws Garbage, Refused {
            if (d.length < 8) {
                throw new Garbage(d.length + " bytes, shorter than a mode 7 header (8)");
            }
            int mode = d[0] & 0x07;
            if (mode != 7 || (d[0] & 0x80) == 0) {
                throw new Garbage("mode " + mode + (((d[0] & 0x80) == 0) ? ", response bit clear" : "") + ", not a mode 7 response");
            }
            if ((d[2] & 0xff) != IMPL_XNTPD || (d[3] & 0xff) != REQ_MON_GETLIST_1) {
                throw new Garbage("implementation " + (d[2] & 0xff) + " request " + (d[3] & 0xff)
                        + " in the answer to implementation 3 request 42");
            }
            int err = (d[4] & 0xf0) >> 4;
            if (err != 0) {
                throw new Refused("answered MON_GETLIST_1 with error " + err + " (" + ERRORS[Math.min(err, 7)] + ")");
            }
            int items = ((d[4] & 0x0f) << 8) | (d[5] & 0xff);
            int size = ((d[6] & 0x0f) << 8) | (d[7] & 0xff);
            if ((d[6] & 0xf0) != 0) {
                throw new Garbage("the must-be-zero bits of the item size are set");
            }
            if (items > 0 && size < 32) {
                throw new Garbage("monitor entries of " + size + " bytes, smaller than an info_monitor_1 (32)");
            }
            if (items * size > 500 || 8 + items * size > d.length) {
                throw new Garbage(items + " entries of " + size + " bytes do not fit in " + (d.length - 8)
                        + " bytes of data (500 at most)");
            }
            int sequence = d[1] & 0x7f;
            boolean more = (d[0] & 0x40) != 0;
            if (!more) {
                if (last >= 0 && last != sequence) {
                    throw new Garbage("two last datagrams (" + last + " and " + sequence + ")");
                }
                last = sequence;
            }
            if (last >= 0 && sequence > last) {
                throw new Garbage("datagram " + sequence + " after the last one (" + last + ")");
            }
            datagrams.put(sequence, d);
            return last >= 0 && datagrams.size() == last + 1;
        }

        @Override
        public boolean started() {
            return !datagrams.isEmpty();
        }

        @Override
        public NtpAnswer answer(boolean complete) {
            int bytes = 0;
            int entries = 0;
            List<String> shown = new ArrayList<>();
            for (byte[] d : datagrams.values()) {
                bytes += d.length;
                int items = ((d[4] & 0x0f) << 8) | (d[5] & 0xff);
                int size = ((d[6] & 0x0f) << 8) | (d[7] & 0xff);
                entries += items;
                for (int i = 0; i < items && shown.size() < MAX_SHOWN; i++) {
                    shown.add(entry(d, 8 + i * size, size));
                }
            }
            StringBuilder s = new StringBuilder("answered MON_GETLIST_1 with ").append(entries)
                    .append(entries == 1 ? " entry" : " entries").append(" in ").append(datagrams.size())
                    .append(datagrams.size() == 1 ? " datagram" : " datagrams").append(" (").append(bytes)
                    .append(" bytes for a ").append(requestBytes).append("-byte request)");
            if (!complete) {
                s.append(", incomplete: some datagrams never came");
            }
            if (!shown.isEmpty()) {
                s.append(": ").append(String.join("; ", shown));
                if (entries > shown.size()) {
                    s.append("; and ").append(entries - shown.size()).append(" more");
                }
            }
            return new NtpAnswer("7 MON_GETLIST_1", bytes, entries, s.toString());
        }

        /** "address:port mode M version V, N packets" of one info_monitor_1 at {@code at}. */
        private static String entry(byte[] d, int at, int size) {
            long count = u32(d, at + 12);
            int port = u16(d, at + 28);
            int mode = d[at + 30] & 0xff;
            int version = d[at + 31] & 0xff;
            byte[] raw;
            if (size >= 72 && u32(d, at + 32) != 0) {
                raw = new byte[16];
                System.arraycopy(d, at + 40, raw, 0, 16);
            } else {
                raw = new byte[4];
                System.arraycopy(d, at + 16, raw, 0, 4);
            }
            String address;
            try {
                InetAddress a = InetAddress.getByAddress(raw);
                address = a instanceof Inet4Address ? a.getHostAddress() : "[" + a.getHostAddress() + "]";
            } catch (UnknownHostException e) {
                address = "?";
            }
            return address + ":" + port + " mode " + mode + " version " + version + ", " + count
                    + (count == 1 ? " packet" : " packets");
        }
    }

    /**
     * The answer to READVAR: fragments of one text (the R bit set, our sequence and opcode, each
     * with its offset and count; all but the last with the M bit), or one datagram with the E bit
     * and an error code in the status word's high byte.
     */
    static final class SystemVariables implements Reply {
        private static final String[] ERRORS = {"unspecified", "authentication failure", "bad format",
            "unknown opcode", "unknown association", "unknown variable", "bad value", "administratively prohibited"};
        private static final int MAX_TEXT = 65535;
        private final int sequence;
        private final TreeMap<Integer, byte[]> fragments = new TreeMap<>();
        private int end = -1;
        private int bytes;

        SystemVariables(int sequence) {
            this.sequence = sequence;
        }

        @Override
        public boolean add(byte[] d) throws Garbage, Refused {
            if (d.length < 12) {
                throw new Garbage(d.length + " bytes, shorter than a mode 6 header (12)");
            }
            int mode = d[0] & 0x07;
            int op = d[1] & 0x1f;
            if (mode != 6 || (d[1] & 0x80) == 0) {
                throw new Garbage("mode " + mode + (((d[1] & 0x80) == 0) ? ", response bit clear" : "") + ", not a mode 6 response");
            }
            if (op != CTL_OP_READVAR) {
                throw new Garbage("opcode " + op + " in the answer to READVAR (2)");
            }
            int seq = u16(d, 2);
            if (seq != sequence) {
                throw new Garbage("sequence " + seq + " in the answer to request " + sequence);
            }
            if ((d[1] & 0x40) != 0) {
                int code = d[4] & 0xff;
                throw new Refused("answered READVAR with error " + code + " ("
                        + (code < ERRORS.length ? ERRORS[code] : "unknown") + ")");
            }
            int assoc = u16(d, 6);
            if (assoc != 0) {
                throw new Garbage("association " + assoc + " in the answer about association 0");
            }
            int offset = u16(d, 8);
            int count = u16(d, 10);
            if (12 + count > d.length) {
                throw new Garbage("a fragment claims " + count + " bytes of data but carries " + (d.length - 12));
            }
            if (offset + count > MAX_TEXT) {
                throw new Garbage("a fragment at offset " + offset + " with " + count + " bytes ends past 65535");
            }
            boolean more = (d[1] & 0x20) != 0;
            if (!more) {
                if (end >= 0 && end != offset + count) {
                    throw new Garbage("two last fragments");
                }
                end = offset + count;
            }
            if (end >= 0 && offset + count > end) {
                throw new Garbage("a fragment at offset " + offset + " ends past the last one (" + end + ")");
            }
            byte[] data = new byte[count];
            System.arraycopy(d, 12, data, 0, count);
            if (fragments.put(offset, data) == null) {
                bytes += d.length;
            }
            return end >= 0 && contiguous() == end;
        }

        /** How far the fragments cover the text from 0 without a gap. */
        private int contiguous() {
            int covered = 0;
            for (var e : fragments.entrySet()) {
                if (e.getKey() > covered) {
                    break;
                }
                covered = Math.max(covered, e.getKey() + e.getValue().length);
            }
            return covered;
        }

        @Override
        public boolean started() {
            return !fragments.isEmpty();
        }

        @Override
        public NtpAnswer answer(boolean complete) {
            byte[] text = new byte[complete ? end : contiguous()];
            for (var e : fragments.entrySet()) {
                int from = e.getKey();
                if (from < text.length) {
                    System.arraycopy(e.getValue(), 0, text, from, Math.min(e.getValue().length, text.length - from));
                }
            }
            String variables = printable(new String(text, StandardCharsets.ISO_8859_1));
            String summary = complete ? variables : variables + " (incomplete: some fragments never came)";
            return new NtpAnswer("6 READVAR", bytes, entries(variables), summary);
        }

        /** The text on one line: CR LF between variables become spaces, other controls are shown as \xNN. */
        private static String printable(String text) {
            StringBuilder s = new StringBuilder(text.length());
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\r' || c == '\n') {
                    if (!s.isEmpty() && s.charAt(s.length() - 1) != ' ') {
                        s.append(' ');
                    }
                } else if (c < 0x20 || c >= 0x7f) {
                    s.append(String.format("\\x%02x", (int) c));
                } else {
                    s.append(c);
                }
            }
            return s.toString().strip();
        }

        /** The number of variables: commas outside quoted values separate them. */
        static int entries(String variables) {
            if (variables.isBlank()) {
                return 0;
            }
            int n = 1;
            boolean quoted = false;
            for (int i = 0; i < variables.length(); i++) {
                char c = variables.charAt(i);
                if (c == '"') {
                    quoted = !quoted;
                } else if (c == ',' && !quoted) {
                    n++;
                }
            }
            return variables.strip().endsWith(",") ? n - 1 : n;
        }
    }

    static int u16(byte[] d, int at) {
        return ((d[at] & 0xff) << 8) | (d[at + 1] & 0xff);
    }

    static long u32(byte[] d, int at) {
        return ((long) u16(d, at) << 16) | u16(d, at + 2);
    }
}
