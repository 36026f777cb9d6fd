package org.vmguard.facts.authlog;

import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A hand-written byte-level reader of syslog lines written by OpenSSH's sshd (and sshd-session,
 * OpenSSH 9.8+): no regular expression and no object per line. It recognises traditional syslog
 * and RFC 3339 stamps, bare messages as {@code sshd -E} writes them, the "error: " / "fatal: " /
 * "PAM: " prefixes, and the messages of {@link SshdMessage} with the user names and addresses
 * that fail2ban's sshd filter would capture from them (the filter's regular expressions are
 * re-implemented here clause by clause, greedy and lazy alike).
 *
 * <p>It runs as C1 code (the launcher's choice for one-shot commands), where a byte loop costs
 * about a nanosecond a byte, so it reads eight bytes at a time where it can: lines are split by
 * a SWAR test for control bytes, literals are compared a long at a time ({@link Lit}). It also
 * remembers what the line before taught it: the minute of a stamp, the "host sshd[" prefix, the
 * number of a host; {@code ScannerCachesTest} shows that none of this changes any line's event.
 * A scanner reads one chunk on one thread.
 */
final class AuthLineScanner {

    /** Longer lines are no log lines sshd writes: counted as unparsed. */
    static final int MAX_LINE = 64 * 1024;

    private static final VarHandle LONGS = ByteInterner.LONGS;

    private static final byte[] MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec".getBytes(StandardCharsets.US_ASCII);

    private static final Lit L_SSHD_SESSION = new Lit("sshd-session");
    private static final Lit L_ERROR = new Lit("error: ");
    private static final Lit L_FATAL = new Lit("fatal: ");
    private static final Lit L_PAM = new Lit("PAM: ");
    private static final Lit L_ACCEPTED = new Lit("Accepted ");
    private static final Lit L_FAILED = new Lit("Failed ");
    private static final Lit L_NVALID_USER = new Lit("nvalid user ");
    private static final Lit L_LLEGAL_USER = new Lit("llegal user ");
    private static final Lit L_ROOT_LOGIN_REFUSED_FROM = new Lit("ROOT LOGIN REFUSED FROM ");
    private static final Lit L_RECEIVED_DISCONNECT_FROM = new Lit("Received disconnect from ");
    private static final Lit L_MAXIMUM_AUTHENTICATION_ATTEMPTS_EXCEEDED_FOR = new Lit("maximum authentication attempts exceeded for ");
    private static final Lit L_CONNECTION_CLOSED = new Lit("Connection closed ");
    private static final Lit L_CONNECTION_RESET = new Lit("Connection reset ");
    private static final Lit L_CONNECTION_FROM = new Lit("Connection from ");
    private static final Lit L_PORT = new Lit(" port ");
    private static final Lit L_ON = new Lit(" on ");
    private static final Lit L_PREAUTH = new Lit(" [preauth]");
    private static final Lit L_SSH = new Lit(" ssh");
    private static final Lit L_FOR = new Lit(" for ");
    private static final Lit L_FROM = new Lit(" from ");
    private static final Lit L_UTHENTICATION_FAILURE_FOR = new Lit("uthentication failure for ");
    private static final Lit L_UTHENTICATION_ERROR_FOR = new Lit("uthentication error for ");
    private static final Lit L_UTHENTICATION_FAILED_FOR = new Lit("uthentication failed for ");
    private static final Lit L_VIA = new Lit(" via ");
    private static final Lit L_PUBLICKEY = new Lit("publickey");
    private static final Lit L_INVALID_USER = new Lit("invalid user ");
    private static final Lit L_SPACE = new Lit(": ");
    private static final Lit L_USER_NOT_KNOWN_TO_THE_UNDERLYING_AUTHENTICATION_MODULE_FOR = new Lit("User not known to the underlying authentication module for ");
    private static final Lit L_USER = new Lit("User ");
    private static final Lit L_NOT_ALLOWED_BECAUSE_ACCOUNT_IS_LOCKED = new Lit(" not allowed because account is locked");
    private static final Lit L_NOT_ALLOWED_BECAUSE = new Lit(" not allowed because ");
    private static final Lit L_11 = new Lit("11:");
    private static final Lit L_3 = new Lit("3: ");
    private static final Lit L_REFUSED_CONNECT_FROM = new Lit("refused connect from ");
    private static final Lit L_SPACE2 = new Lit(" (");
    private static final Lit L_PAM2 = new Lit("pam_");
    private static final Lit L_SSHD_AUTH = new Lit("(sshd:auth):");
    private static final Lit L_AUTHENTICATION_FAILURE = new Lit("authentication failure;");
    private static final Lit L_RUSER = new Lit("ruser=");
    private static final Lit L_LOGNAME = new Lit("logname=");
    private static final Lit L_UID = new Lit("uid=");
    private static final Lit L_EUID = new Lit("euid=");
    private static final Lit L_TTY = new Lit("tty=");
    private static final Lit L_RHOST = new Lit("rhost=");
    private static final Lit L_USER2 = new Lit("user=");
    private static final Lit L_PAM_USUAL_FIELDS = new Lit(" logname= uid=0 euid=0 tty=ssh ruser= rhost=");
    private static final Lit L_DISCONNECTING_TOO_MANY_AUTHENTICATION_FAILURES = new Lit("Disconnecting: Too many authentication failures");
    private static final Lit L_DISCONNECTING = new Lit("Disconnecting ");
    private static final Lit L_FROM2 = new Lit(" from");
    private static final Lit L_INVALID_USER2 = new Lit(" invalid user ");
    private static final Lit L_AUTHENTICATING_USER = new Lit(" authenticating user ");
    private static final Lit L_CHANGE_OF_USERNAME_OR_SERVICE_NOT_ALLOWED = new Lit("Change of username or service not allowed:");
    private static final Lit L_DISCONNECTED = new Lit("Disconnected ");
    private static final Lit L_FROM_USER = new Lit("from user ");
    private static final Lit L_BY = new Lit("by");
    private static final Lit L_FROM3 = new Lit("from");
    private static final Lit L_SPACE3 = new Lit(" ");
    private static final Lit L_AUTH_FAIL = new Lit(": Auth fail");
    private static final Lit L_PREAUTH2 = new Lit("[preauth]");

    private static final Lit[] NOT_ALLOWED_REASONS = {new Lit("not listed in AllowUsers"), new Lit("listed in DenyUsers"),
        new Lit("not in any group"), new Lit("a group is listed in DenyGroups"),
        new Lit("none of user's groups are listed in AllowGroups")};

    /** A literal to compare eight bytes at a time: its first eight bytes (zero-padded) and their mask. */
    private static final class Lit {
        final byte[] v;
        final int n;
        final byte first;
        final long head;
        final long headMask;

        Lit(String s) {
            this(s.getBytes(StandardCharsets.US_ASCII));
        }

        Lit(byte[] bytes) {
            v = bytes;
            n = v.length;
            first = v[0];
            long h = 0;
            for (int i = Math.min(8, n) - 1; i >= 0; i--) {
                h = (h << 8) | (v[i] & 0xff);
            }
            head = h;
            headMask = n >= 8 ? -1L : (1L << (8 * n)) - 1;
        }
    }

    private final byte[] b;
    private final EventBatch out;
    private final SyslogClock clock;
    private final byte[] scratch = new byte[512];

    // the minute of the last stamp read, by its bytes: most lines share it with the line before
    private boolean tradValid;
    private long tradA;
    private long tradB;
    private long tradBase;
    private boolean rfcValid;
    private long rfcA;
    private long rfcB;
    private long rfcBase;

    // the line being read
    private long time;
    private int lineIndex;
    private int lineStart;
    private int lineEnd;
    private int hostStart;
    private int hostEnd;
    private int pidStart;
    private int pidEnd;
    private boolean session;

    // what a message rule captured
    private int userStart;
    private int userEnd;
    private int addrStart;
    private int addrEnd;
    private int methodStart;
    private int methodEnd;
    private boolean invalid;
    private boolean sawOn; // an " on S" was read since failedUser reset it

    // the "host sshd[" of the last two lines that had one (samePrefix)
    private Lit prefix;
    private int prefixHost;
    private boolean prefixSession;
    private Lit prefix2;
    private int prefixHost2;
    private boolean prefixSession2;

    // connections: the last host text met and its number; the keys of this batch's other texts
    private final ConnectionKeys keys;
    private Lit lastHost;
    private int lastHostLength;
    private int lastHostNumber = -1;
    private long[] otherKeys = new long[16];

    AuthLineScanner(EventBatch out, SyslogClock clock, ConnectionKeys keys) {
        this.b = out.bytes;
        this.out = out;
        this.clock = clock;
        this.keys = keys;
    }

    /** Reads the lines of bytes [from, to); a last line without newline is read too. */
    void scan(int from, int to) {
        final byte[] b = this.b; // a local: C1 reloads a field on every pass of a loop
        final int last8 = to - 8;
        int p = from;
        while (p < to) {
            int s = p;
            boolean bad = false;
            // eight bytes at a time to the first control character (or DEL); bytes >= 0x80 pass
            while (true) {
                if (p <= last8) {
                    long x = (long) LONGS.get(b, p);
                    long t = ((x - 0x2020202020202020L) & ~x | ((x ^ 0x7f7f7f7f7f7f7f7fL) - 0x0101010101010101L)
                            & ~(x ^ 0x7f7f7f7f7f7f7f7fL)) & 0x8080808080808080L;
                    if (t == 0) {
                        p += 8;
                        continue;
                    }
                    // the lowest flagged byte is a true one; its index without numberOfTrailingZeros
                    // (no C1 intrinsic): 1 << 8k times 0x0001020304050607 has k in its top byte
                    p += (int) ((((t & -t) >>> 7) * 0x0001020304050607L) >>> 56);
                } else {
                    while (p < to) {
                        byte c = b[p];
                        if ((c >= 0 && c < 0x20) || c == 0x7f) {
                            break;
                        }
                        p++;
                    }
                    if (p == to) {
                        break;
                    }
                }
                byte c = b[p];
                if (c == '\n') {
                    break;
                }
                if (c != '\t' && c != '\r') {
                    bad = true;
                }
                p++;
            }
            int e = p;
            p++;
            int index = out.lines++;
            if (e > s && b[e - 1] == '\r') {
                e--;
            }
            if (e == s) {
                continue;
            }
            if (bad || e - s > MAX_LINE || !line(s, e, index)) {
                out.unparsed++;
            }
        }
    }

    /** @return false when the line is no log line at all */
    private boolean line(int s, int e, int index) {
        lineIndex = index;
        lineStart = s;
        lineEnd = e;
        hostStart = hostEnd = pidStart = pidEnd = s;
        session = false;
        byte c0 = b[s];
        int q;
        if (c0 >= '0' && c0 <= '9') {
            q = rfc3339(s, e);
        } else if (c0 >= 'A' && c0 <= 'Z' && e - s > 16 && b[s + 3] == ' '
                && ((tradValid && (long) LONGS.get(b, s) == tradA) || month(s) > 0)) {
            q = traditional(s, e);
        } else {
            // sshd -E writes bare messages: no stamp, no host, no program
            time = SyslogClock.UNKNOWN;
            return message(s, e) != SshdMessage.OTHER;
        }
        if (q < 0 || q >= e || b[q] != ' ') {
            return false;
        }
        while (q < e && b[q] == ' ') {
            q++;
        }
        int msg = samePrefix(q, e);
        if (msg >= 0) {
            if (msg < e) {
                message(msg, e);
            }
            return true;
        }
        int t1 = q;
        int t1e = tokenEnd(q, e);
        int t2 = t1e + 1;
        int t2e = t2 < e ? tokenEnd(t2, e) : t2;
        if (t2 < e && sshdProgram(t2, t2e)) {
            hostStart = t1;
            hostEnd = t1e;
            msg = t2e + 1;
            if (pidEnd > pidStart && pidStart - t1 <= 64) {
                // "host sshd[": most lines of a log start so; the next one is compared at once.
                // Two are kept (sshd and sshd-session lines interleave), the newer first.
                prefix2 = prefix;
                prefixHost2 = prefixHost;
                prefixSession2 = prefixSession;
                prefix = new Lit(Arrays.copyOfRange(b, t1, pidStart));
                prefixHost = t1e - t1;
                prefixSession = session;
            }
        } else if (sshdProgram(t1, t1e)) {
            hostStart = hostEnd = t1;
            msg = t1e + 1;
        } else {
            return true; // another program's line
        }
        if (msg >= e) {
            return true;
        }
        message(msg, e);
        return true;
    }

    /**
     * The line goes on at q with the "host sshd[" (or "host sshd-session[") of an earlier line,
     * then a pid, "]:" and a space or its end: sets host and pid as sshdProgram would, and returns
     * where the message starts (past e when there is none). -1 when it does not: the tokens are
     * read one by one then.
     */
    private int samePrefix(int q, int e) {
        Lit lit;
        int host;
        boolean sess;
        if (prefix != null && at(q, e, prefix)) {
            lit = prefix;
            host = prefixHost;
            sess = prefixSession;
        } else if (prefix2 != null && at(q, e, prefix2)) {
            lit = prefix2;
            host = prefixHost2;
            sess = prefixSession2;
        } else {
            return -1;
        }
        final byte[] b = this.b;
        int ds = q + lit.n;
        int p = ds;
        while (p < e && b[p] >= '0' && b[p] <= '9') {
            p++;
        }
        if (p == ds || p + 2 > e || b[p] != ']' || b[p + 1] != ':' || (p + 2 < e && b[p + 2] != ' ')) {
            return -1;
        }
        hostStart = q;
        hostEnd = q + host;
        pidStart = ds;
        pidEnd = p;
        session = sess;
        return p + 3;
    }

    private int tokenEnd(int p, int e) {
        final byte[] b = this.b;
        while (p < e && b[p] != ' ') {
            p++;
        }
        return p;
    }

    /** "sshd[123]:", "sshd-session[123]:", "sshd:" — sets the pid range. */
    private boolean sshdProgram(int s, int e) {
        final byte[] b = this.b;
        if (e - s < 5 || b[e - 1] != ':') {
            return false;
        }
        int nameEnd = s;
        while (nameEnd < e - 1 && b[nameEnd] != '[') {
            nameEnd++;
        }
        int len = nameEnd - s;
        boolean sshd = len == 4 && b[s] == 's' && b[s + 1] == 's' && b[s + 2] == 'h' && b[s + 3] == 'd';
        boolean sess = len == 12 && at(s, e, L_SSHD_SESSION);
        if (!sshd && !sess) {
            return false;
        }
        session = sess;
        if (nameEnd == e - 1) {
            pidStart = pidEnd = nameEnd;
            return true;
        }
        if (b[e - 2] != ']') {
            return false;
        }
        pidStart = nameEnd + 1;
        pidEnd = e - 2;
        for (int i = pidStart; i < pidEnd; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return false;
            }
        }
        return pidEnd > pidStart;
    }

    private int month(int s) {
        for (int m = 0; m < 12; m++) {
            if (b[s] == MONTHS[m * 3] && b[s + 1] == MONTHS[m * 3 + 1] && b[s + 2] == MONTHS[m * 3 + 2]) {
                return m + 1;
            }
        }
        return 0;
    }

    /** "Nov 23 12:47:41" or "Nov  3 12:47:41"; returns the position after it, or -1. */
    private int traditional(int s, int e) {
        int p;
        if (tradValid && (long) LONGS.get(b, s) == tradA && (long) LONGS.get(b, s + 4) == tradB) {
            // the same "Mmm dd hh:mm" as the line before (e - s > 16: both longs are in the line)
            p = s + 12;
            int sec = two(p + 1);
            if (b[p] != ':' || sec < 0 || sec > 60) {
                return -1;
            }
            time = tradBase + sec;
            p += 3;
        } else {
            int m = month(s);
            p = s + 4;
            if (b[p] == ' ') {
                p++;
            }
            int day = 0;
            int digits = 0;
            while (p < e && b[p] >= '0' && b[p] <= '9' && digits < 2) {
                day = day * 10 + (b[p++] - '0');
                digits++;
            }
            if (digits == 0 || p + 9 > e || b[p] != ' ') {
                return -1;
            }
            boolean fixed = p == s + 6; // "Mmm dd " or "Mmm  d ": the minute ends at s + 12
            p++;
            int h = two(p);
            int mi = two(p + 3);
            int sec = two(p + 6);
            if (h < 0 || mi < 0 || sec < 0 || b[p + 2] != ':' || b[p + 5] != ':') {
                return -1;
            }
            p += 8;
            time = clock.traditional(m, day, h, mi, sec);
            if (time == SyslogClock.UNKNOWN) {
                return -1;
            }
            if (fixed) {
                tradA = (long) LONGS.get(b, s);
                tradB = (long) LONGS.get(b, s + 4);
                tradBase = time - sec;
                tradValid = true;
            }
        }
        if (p < e && b[p] == '.') { // high-precision traditional stamps
            p++;
            while (p < e && b[p] >= '0' && b[p] <= '9') {
                p++;
            }
        }
        return p;
    }

    private int two(int p) {
        byte x = b[p];
        byte y = b[p + 1];
        if (x < '0' || x > '9' || y < '0' || y > '9') {
            return -1;
        }
        return (x - '0') * 10 + (y - '0');
    }

    /** "2026-11-23T12:47:41[.123456](Z|+01:00)"; returns the position after it, or -1. */
    private int rfc3339(int s, int e) {
        if (e - s < 20) {
            return -1;
        }
        long base;
        if (rfcValid && (long) LONGS.get(b, s) == rfcA && (long) LONGS.get(b, s + 8) == rfcB) {
            // the same "yyyy-mm-ddThh:mm" as the line before: the minute is known
            base = rfcBase;
            if (b[s + 16] != ':') {
                return -1;
            }
        } else {
            if (b[s + 4] != '-' || b[s + 7] != '-' || (b[s + 10] != 'T' && b[s + 10] != ' ')
                    || b[s + 13] != ':' || b[s + 16] != ':') {
                return -1;
            }
            int y1 = two(s);
            int y2 = two(s + 2);
            int mo = two(s + 5);
            int d = two(s + 8);
            int h = two(s + 11);
            int mi = two(s + 14);
            if (y1 < 0 || y2 < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59) {
                return -1;
            }
            base = SyslogClock.epochDay(y1 * 100 + y2, mo, d) * 86_400 + h * 3600L + mi * 60L;
            rfcA = (long) LONGS.get(b, s);
            rfcB = (long) LONGS.get(b, s + 8);
            rfcBase = base;
            rfcValid = true;
        }
        int sec = two(s + 17);
        if (sec < 0 || sec > 60) {
            return -1;
        }
        int p = s + 19;
        if (p < e && b[p] == '.') {
            p++;
            while (p < e && b[p] >= '0' && b[p] <= '9') {
                p++;
            }
        }
        int offset;
        if (p < e && b[p] == 'Z') {
            offset = 0;
            p++;
        } else if (p + 6 <= e && (b[p] == '+' || b[p] == '-') && b[p + 3] == ':') {
            int oh = two(p + 1);
            int om = two(p + 4);
            if (oh < 0 || om < 0) {
                return -1;
            }
            offset = (oh * 60 + om) * 60 * (b[p] == '-' ? -1 : 1);
            p += 6;
        } else {
            return -1;
        }
        time = base + sec - offset;
        return p;
    }

    // ---- messages ----

    /** Whether the literal starts at p and ends by e: its first eight bytes in one comparison. */
    private boolean at(int p, int e, Lit lit) {
        final int n = lit.n;
        if (p + n > e) {
            return false;
        }
        final byte[] b = this.b;
        if (p + 8 <= b.length) {
            if ((((long) LONGS.get(b, p) ^ lit.head) & lit.headMask) != 0) {
                return false;
            }
            if (n <= 8) {
                return true;
            }
            // n > 8, so p + n <= e <= b.length: whole longs, the last one overlapping
            final byte[] v = lit.v;
            for (int i = 8; i < n - 8; i += 8) {
                if ((long) LONGS.get(b, p + i) != (long) LONGS.get(v, i)) {
                    return false;
                }
            }
            return (long) LONGS.get(b, p + n - 8) == (long) LONGS.get(v, n - 8);
        }
        final byte[] v = lit.v;
        for (int i = 0; i < n; i++) {
            if (b[p + i] != v[i]) {
                return false;
            }
        }
        return true;
    }

    /** Classifies the message in [m, e) and records it; returns its kind. */
    private SshdMessage message(int m, int e) {
        if (at(m, e, L_ERROR) || at(m, e, L_FATAL)) {
            m += 7;
            if (at(m, e, L_PAM)) {
                m += 5;
            }
        }
        userStart = userEnd = addrStart = addrEnd = methodStart = methodEnd = -1;
        invalid = false;
        SshdMessage kind = classify(m, e);
        if (kind != SshdMessage.OTHER) {
            record(kind);
        }
        return kind;
    }

    private SshdMessage classify(int m, int e) {
        if (m >= e) {
            return SshdMessage.OTHER;
        }
        switch (b[m]) {
            case 'A':
                if (at(m, e, L_ACCEPTED)) {
                    return accepted(m + 9, e);
                }
                return authenticationFailure(m, e);
            case 'a':
                return authenticationFailure(m, e);
            case 'F':
                return at(m, e, L_FAILED) ? failed(m + 7, e) : SshdMessage.OTHER;
            case 'I':
            case 'i':
                if (at(m + 1, e, L_NVALID_USER) || at(m + 1, e, L_LLEGAL_USER)) {
                    return lazyUserFrom(m + 13, e, SshdMessage.INVALID_USER, true);
                }
                return SshdMessage.OTHER;
            case 'U':
                return userLine(m, e);
            case 'R':
                if (at(m, e, L_ROOT_LOGIN_REFUSED_FROM)) {
                    return host(m + 24, e) > 0 ? SshdMessage.ROOT_LOGIN_REFUSED : SshdMessage.OTHER;
                }
                return at(m, e, L_RECEIVED_DISCONNECT_FROM) ? receivedDisconnect(m + 25, e) : SshdMessage.OTHER;
            case 'r':
                return refusedConnect(m, e);
            case 'p':
                return pam(m, e);
            case 'm':
                if (at(m, e, L_MAXIMUM_AUTHENTICATION_ATTEMPTS_EXCEEDED_FOR)) {
                    return maxAttempts(m + 45, e);
                }
                return SshdMessage.OTHER;
            case 'D':
                return disconnect(m, e);
            case 'C':
                if (at(m, e, L_CONNECTION_CLOSED) || at(m, e, L_CONNECTION_RESET)) {
                    return closed(m + (b[m + 11] == 'c' ? 18 : 17), e);
                }
                if (at(m, e, L_CONNECTION_FROM)) {
                    return host(m + 16, e) > 0 ? SshdMessage.CONNECTION_FROM : SshdMessage.OTHER;
                }
                return SshdMessage.OTHER;
            default:
                return SshdMessage.OTHER;
        }
    }

    private static boolean word(byte c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c < 0;
    }

    private static boolean space(byte c) {
        return c == ' ' || c == '\t';
    }

    /**
     * fail2ban's {@code <HOST>}: [IPv4 (after an optional ::ffff:) | IPv6 | host name], optionally
     * in brackets. Returns the position after it, or -1; sets the address range.
     */
    private int host(int p, int e) {
        final byte[] b = this.b;
        int q = p;
        if (q < e && b[q] == '[') {
            q++;
        }
        int s = q;
        int dots = 0;
        int colons = 0;
        while (q < e) {
            byte c = b[q]; // one load: C1 does not share b[q] between the tests
            if (c == '.') {
                dots++;
            } else if (c == ':') {
                colons++;
            } else if (((c - '0') & 0xff) >= 10 && (((c | 0x20) - 'a') & 0xff) >= 6) {
                break; // neither a digit nor a-f, A-F
            }
            q++;
        }
        boolean ip = q > s && (q == e || !word(b[q]) && b[q] != '-' && b[q] != '^')
                && (colons >= 2 || (colons == 0 && dots == 3 && b[q - 1] != '.'));
        if (!ip) {
            // a host name: [\w\-.^_]*\w
            q = s;
            int lastWord = -1;
            while (q < e) {
                byte c = b[q];
                boolean w = word(c);
                if (!(w || c == '-' || c == '.' || c == '^')) {
                    break;
                }
                if (w) {
                    lastWord = q;
                }
                q++;
            }
            if (lastWord < 0) {
                return -1;
            }
            q = lastWord + 1;
        }
        addrStart = s;
        addrEnd = q;
        if (q < e && b[q] == ']' && s > p) {
            q++;
        }
        return q;
    }

    /** fail2ban's __suff then end of line: ( (port N|on S|[preauth])){0,3}\s*$ */
    private boolean suffixEnd(int p, int e) {
        final byte[] b = this.b;
        for (int i = 0; i < 3; i++) {
            int q = portOrOn(p, e, true);
            if (q < 0) {
                break;
            }
            p = q;
        }
        while (p < e && space(b[p])) {
            p++;
        }
        return p == e;
    }

    /** One " port N", " on S" (or " [preauth]"); the position after it, or -1. */
    private int portOrOn(int p, int e, boolean preauth) {
        final byte[] b = this.b;
        if (at(p, e, L_PORT)) {
            int q = p + 6;
            int s = q;
            while (q < e && b[q] >= '0' && b[q] <= '9') {
                q++;
            }
            return q > s ? q : -1;
        }
        if (at(p, e, L_ON)) {
            int q = p + 4;
            int s = q;
            while (q < e && !space(b[q])) {
                q++;
            }
            sawOn |= q > s;
            return q > s ? q : -1;
        }
        if (preauth && at(p, e, L_PREAUTH)) {
            return p + 10;
        }
        return -1;
    }

    /** fail2ban's __on_port_opt: ( (port N|on S)){0,2}. */
    private int onPort(int p, int e) {
        for (int i = 0; i < 2; i++) {
            int q = portOrOn(p, e, false);
            if (q < 0) {
                break;
            }
            p = q;
        }
        return p;
    }

    /** ( ssh\d*)? */
    private int sshProto(int p, int e) {
        if (at(p, e, L_SSH)) {
            p += 4;
            while (p < e && b[p] >= '0' && b[p] <= '9') {
                p++;
            }
        }
        return p;
    }

    private int indexOf(Lit lit, int from, int e) {
        final byte[] b = this.b;
        byte first = lit.first;
        for (int p = from; p + lit.n <= e; p++) {
            if (b[p] == first && at(p, e, lit)) {
                return p;
            }
        }
        return -1;
    }

    private int lastIndexOf(Lit lit, int from, int e) {
        final byte[] b = this.b;
        byte first = lit.first;
        for (int p = e - lit.n; p >= from; p--) {
            if (b[p] == first && at(p, e, lit)) {
                return p;
            }
        }
        return -1;
    }

    private SshdMessage accepted(int p, int e) {
        final byte[] b = this.b;
        int ms = p;
        while (p < e && !space(b[p])) {
            p++;
        }
        methodStart = ms;
        methodEnd = p;
        if (!at(p, e, L_FOR)) {
            return SshdMessage.OTHER;
        }
        int us = p + 5;
        int ue = tokenEnd(us, e);
        if (ue == us || !at(ue, e, L_FROM)) {
            return SshdMessage.OTHER;
        }
        int q = host(ue + 6, e);
        if (q < 0 || (q < e && !space(b[q]))) {
            return SshdMessage.OTHER;
        }
        userStart = us;
        userEnd = ue;
        for (int i = ms; i < methodEnd; i++) {
            if (!word(b[i])) {
                // "keyboard-interactive/pam" is no \w+: the filter's "Accepted" rule misses it
                return SshdMessage.ACCEPTED_UNMATCHED;
            }
        }
        return SshdMessage.ACCEPTED;
    }

    /** "[aA]uthentication (failure|error|failed) for U from H( via S)?suff$", U greedy. */
    private SshdMessage authenticationFailure(int m, int e) {
        if (!(at(m + 1, e, L_UTHENTICATION_FAILURE_FOR) || at(m + 1, e, L_UTHENTICATION_ERROR_FOR)
                || at(m + 1, e, L_UTHENTICATION_FAILED_FOR))) {
            return SshdMessage.OTHER;
        }
        int us = indexOf(L_FOR, m, e) + 5;
        for (int f = lastIndexOf(L_FROM, us, e); f >= us; f = lastIndexOf(L_FROM, us, f + 5)) {
            int q = host(f + 6, e);
            if (q > 0) {
                if (at(q, e, L_VIA)) {
                    int v = tokenEnd(q + 5, e);
                    if (v > q + 5 && suffixEnd(v, e)) {
                        return userFound(us, f, SshdMessage.AUTHENTICATION_FAILURE);
                    }
                }
                if (suffixEnd(q, e)) {
                    return userFound(us, f, SshdMessage.AUTHENTICATION_FAILURE);
                }
            }
            if (f == us) {
                break;
            }
        }
        return SshdMessage.OTHER;
    }

    private SshdMessage userFound(int us, int ue, SshdMessage kind) {
        userStart = us;
        userEnd = ue;
        return kind;
    }

    /** U lazy (.*?) then " from " H suff$. */
    private SshdMessage lazyUserFrom(int us, int e, SshdMessage kind, boolean invalidUser) {
        for (int f = indexOf(L_FROM, us, e); f >= 0; f = indexOf(L_FROM, f + 1, e)) {
            int q = host(f + 6, e);
            if (q > 0 && suffixEnd(q, e)) {
                invalid = invalidUser;
                return userFound(us, f, kind);
            }
        }
        return SshdMessage.OTHER;
    }

    /** "Failed M for [invalid user ]U from H…", both of the filter's rules for it. */
    private SshdMessage failed(int p, int e) {
        int ms = p;
        p = tokenEnd(p, e);
        if (p == ms || !at(p, e, L_FOR)) {
            return SshdMessage.OTHER;
        }
        methodStart = ms;
        methodEnd = p;
        boolean publickey = p - ms == 9 && at(ms, e, L_PUBLICKEY);
        int us = p + 5;
        boolean inv = at(us, e, L_INVALID_USER);
        if (inv) {
            us += 13;
        }
        int f = failedUser(us, e, inv);
        if (f < 0 && inv) {
            // the filter's rule may also read "invalid user U" as the user name ([^:]+)
            inv = false;
            us -= 13;
            f = failedUser(us, e, false);
        }
        if (f < 0) {
            return SshdMessage.OTHER;
        }
        invalid = inv;
        userStart = us;
        userEnd = f;
        if (publickey) {
            return inv ? SshdMessage.FAILED_PUBLICKEY_INVALID : SshdMessage.FAILED_PUBLICKEY;
        }
        return SshdMessage.FAILED;
    }

    /**
     * The end of the user name in a "Failed" line, or -1. The filter first tries a user without
     * spaces followed by host, port and ": "; else, for an invalid user, the shortest name before
     * " from " (no other " from " may follow), for a valid one the longest name without ':'.
     */
    private int failedUser(int us, int e, boolean inv) {
        final byte[] b = this.b;
        int sp = tokenEnd(us, e);
        int read = -1; // where host, port and protocol after the " from " at sp end, once read
        if (sp > us && at(sp, e, L_FROM)) {
            int q = host(sp + 6, e);
            if (q > 0) {
                sawOn = false;
                q = sshProto(onPort(q, e), e);
                if (at(q, e, L_SPACE)) {
                    return sp;
                }
                if (q == e && !sawOn) {
                    // "… U from H port N ssh2" to the end: no other " from " can follow (only an
                    // "on S" could bring one), so sp is both the first and the last " from "
                    if (!inv) {
                        for (int i = us; i < sp; i++) {
                            if (b[i] == ':') {
                                return -1;
                            }
                        }
                    }
                    return sp;
                }
                read = q;
            }
        }
        int f = inv ? indexOf(L_FROM, us, e) : lastIndexOf(L_FROM, us, e);
        if (f < 0 || (!inv && f == us)) {
            return -1;
        }
        if (!inv) {
            for (int i = us; i < f; i++) {
                if (b[i] == ':') {
                    return -1;
                }
            }
        }
        int q;
        if (f == sp && read > 0) {
            // the common "Failed password for U from H port N ssh2": the same " from " as above,
            // whose host (and address range) is already read
            q = read;
        } else {
            q = host(f + 6, e);
            if (q < 0) {
                return -1;
            }
            q = sshProto(onPort(q, e), e);
        }
        if (indexOf(L_FROM, q, e) >= 0) {
            return -1;
        }
        return f;
    }

    private SshdMessage userLine(int m, int e) {
        if (at(m, e, L_USER_NOT_KNOWN_TO_THE_UNDERLYING_AUTHENTICATION_MODULE_FOR)) {
            int us = m + 59;
            for (int f = lastIndexOf(L_FROM, us, e); f >= us; f = lastIndexOf(L_FROM, us, f + 4)) {
                int q = host(f + 6, e);
                if (q > 0 && suffixEnd(q, e)) {
                    invalid = true;
                    return userFound(us, f, SshdMessage.USER_NOT_KNOWN);
                }
                if (f == us) {
                    break;
                }
            }
            return SshdMessage.OTHER;
        }
        if (!at(m, e, L_USER)) {
            return SshdMessage.OTHER;
        }
        int us = m + 5;
        int ue = tokenEnd(us, e);
        if (at(ue, e, L_NOT_ALLOWED_BECAUSE_ACCOUNT_IS_LOCKED)) {
            userStart = us;
            userEnd = ue;
            return SshdMessage.ACCOUNT_LOCKED;
        }
        if (!at(ue, e, L_FROM)) {
            return SshdMessage.OTHER;
        }
        int q = host(ue + 6, e);
        if (q < 0 || !at(q, e, L_NOT_ALLOWED_BECAUSE)) {
            return SshdMessage.OTHER;
        }
        q += 21;
        for (Lit r : NOT_ALLOWED_REASONS) {
            if (at(q, e, r) && suffixEnd(q + r.n, e)) {
                userStart = us;
                userEnd = ue;
                return SshdMessage.NOT_ALLOWED;
            }
        }
        return SshdMessage.OTHER;
    }

    private SshdMessage receivedDisconnect(int p, int e) {
        int q = host(p, e);
        if (q < 0) {
            return SshdMessage.OTHER;
        }
        q = onPort(q, e);
        if (q >= e || b[q] != ':') {
            return SshdMessage.OTHER;
        }
        q++;
        while (q < e && space(b[q])) {
            q++;
        }
        if (at(q, e, L_11)) {
            return SshdMessage.DISCONNECT_BY_CLIENT;
        }
        if (at(q, e, L_3)) {
            // .*: Auth fail suff$
            for (int a = lastIndexOf(L_AUTH_FAIL, q + 3, e); a >= q + 2; a = lastIndexOf(L_AUTH_FAIL, q + 2, a + 9)) {
                if (suffixEnd(a + 11, e)) {
                    return SshdMessage.DISCONNECT_AUTH_FAIL;
                }
                if (a == q + 2) {
                    break;
                }
            }
        }
        return SshdMessage.OTHER;
    }

    private SshdMessage refusedConnect(int m, int e) {
        if (!at(m, e, L_REFUSED_CONNECT_FROM)) {
            return SshdMessage.OTHER;
        }
        int q = tokenEnd(m + 21, e);
        if (q == m + 21 || !at(q, e, L_SPACE2)) {
            return SshdMessage.OTHER;
        }
        int h = host(q + 2, e);
        return h > 0 && h < e && b[h] == ')' ? SshdMessage.REFUSED_CONNECT : SshdMessage.OTHER;
    }

    /** pam_X(sshd:auth): authentication failure; [logname= uid= euid= tty=] ruser= rhost=H [user=U]suff$ */
    private SshdMessage pam(int m, int e) {
        if (!at(m, e, L_PAM2)) {
            return SshdMessage.OTHER;
        }
        int p = m + 4;
        int s = p;
        while (p < e && b[p] >= 'a' && b[p] <= 'z') {
            p++;
        }
        if (p == s || !at(p, e, L_SSHD_AUTH)) {
            return SshdMessage.OTHER;
        }
        p += 12;
        int w = p;
        while (p < e && space(b[p])) {
            p++;
        }
        if (p == w || !at(p, e, L_AUTHENTICATION_FAILURE)) {
            return SshdMessage.OTHER;
        }
        p += 23;
        if (at(p, e, L_PAM_USUAL_FIELDS)) {
            // the fields as pam_unix writes them for sshd: read as the loop below would read them
            int q = host(p + L_PAM_USUAL_FIELDS.n, e);
            return q < 0 ? SshdMessage.OTHER : pamUser(q, e);
        }
        int fields = 0;
        while (true) {
            int ws = p;
            while (p < e && space(b[p])) {
                p++;
            }
            if (p == ws) {
                return SshdMessage.OTHER;
            }
            if (at(p, e, L_RUSER)) {
                p = nonSpaceEnd(p + 6, e);
                break;
            }
            if (fields < 4 && (at(p, e, L_LOGNAME) || at(p, e, L_UID) || at(p, e, L_EUID) || at(p, e, L_TTY))) {
                p = nonSpaceEnd(p, e);
                fields++;
                continue;
            }
            return SshdMessage.OTHER;
        }
        int ws = p;
        while (p < e && space(b[p])) {
            p++;
        }
        if (p == ws || !at(p, e, L_RHOST)) {
            return SshdMessage.OTHER;
        }
        int q = host(p + 6, e);
        if (q < 0) {
            return SshdMessage.OTHER;
        }
        return pamUser(q, e);
    }

    /** After pam's "rhost=H" (q: after H): [ user=U]suff$. */
    private SshdMessage pamUser(int q, int e) {
        int as = addrStart;
        int ae = addrEnd;
        int r = q;
        while (r < e && space(b[r])) {
            r++;
        }
        if (r > q && at(r, e, L_USER2)) {
            int ue = nonSpaceEnd(r + 5, e);
            if (suffixEnd(ue, e)) {
                addrStart = as;
                addrEnd = ae;
                if (ue > r + 5) {
                    userStart = r + 5;
                    userEnd = ue;
                }
                return SshdMessage.PAM_AUTH_FAILURE;
            }
        }
        return suffixEnd(q, e) ? SshdMessage.PAM_AUTH_FAILURE : SshdMessage.OTHER;
    }

    private int nonSpaceEnd(int p, int e) {
        final byte[] b = this.b;
        while (p < e && !space(b[p])) {
            p++;
        }
        return p;
    }

    /** "maximum authentication attempts exceeded for U from H( port N| on S){0,2}( ssh\d*)?suff$", U greedy. */
    private SshdMessage maxAttempts(int us, int e) {
        for (int f = lastIndexOf(L_FROM, us, e); f >= us; f = lastIndexOf(L_FROM, us, f + 4)) {
            int q = host(f + 6, e);
            if (q > 0 && suffixEnd(sshProto(onPort(q, e), e), e)) {
                return userFound(us, f, SshdMessage.MAX_AUTH_ATTEMPTS);
            }
            if (f == us) {
                break;
            }
        }
        return SshdMessage.OTHER;
    }

    private SshdMessage disconnect(int m, int e) {
        if (at(m, e, L_DISCONNECTING_TOO_MANY_AUTHENTICATION_FAILURES)) {
            int p = m + 47;
            if (at(p, e, L_FOR)) {
                int ue = tokenEnd(p + 5, e);
                if (ue > p + 5 && suffixEnd(ue, e)) {
                    return userFound(p + 5, ue, SshdMessage.TOO_MANY_FAILURES);
                }
            }
            return suffixEnd(p, e) ? SshdMessage.TOO_MANY_FAILURES : SshdMessage.OTHER;
        }
        if (at(m, e, L_DISCONNECTING)) {
            int p = m + 13;
            if (at(p, e, L_FROM2)) {
                p += 5;
            }
            if (!(at(p, e, L_INVALID_USER2) || at(p, e, L_AUTHENTICATING_USER))) {
                return SshdMessage.OTHER;
            }
            boolean inv = b[p + 1] == 'i';
            int us = p + (inv ? 14 : 21);
            int ue = tokenEnd(us, e);
            int q = ue > us ? host(ue + 1, e) : -1;
            if (q < 0) {
                return SshdMessage.OTHER;
            }
            q = onPort(q, e);
            if (q >= e || b[q] != ':') {
                return SshdMessage.OTHER;
            }
            q++;
            while (q < e && space(b[q])) {
                q++;
            }
            if (at(q, e, L_CHANGE_OF_USERNAME_OR_SERVICE_NOT_ALLOWED)) {
                int pre = lastIndexOf(L_PREAUTH2, q, e);
                int z = pre + 9;
                while (pre > 0 && z < e && space(b[z])) {
                    z++;
                }
                if (pre > 0 && z == e) {
                    invalid = inv;
                    return userFound(us, ue, SshdMessage.CHANGE_OF_USERNAME);
                }
            }
            return SshdMessage.OTHER;
        }
        if (at(m, e, L_DISCONNECTED)) {
            int p = m + 13;
            if (at(p, e, L_FROM_USER)) {
                int us = p + 10;
                int ue = tokenEnd(us, e);
                if (ue > us && host(ue + 1, e) > 0) {
                    return userFound(us, ue, SshdMessage.SESSION_CLOSED);
                }
                return SshdMessage.OTHER;
            }
            return closed(p, e);
        }
        return SshdMessage.OTHER;
    }

    /** After "Connection closed " etc.: (by|from)( (invalid|authenticating) user U)? H(suff|\s*)$ */
    private SshdMessage closed(int p, int e) {
        if (at(p, e, L_BY)) {
            p += 2;
        } else if (at(p, e, L_FROM3)) {
            p += 4;
        } else {
            return SshdMessage.OTHER;
        }
        boolean inv = at(p, e, L_INVALID_USER2);
        if (inv || at(p, e, L_AUTHENTICATING_USER)) {
            int us = p + (inv ? 14 : 21);
            int ue = tokenEnd(us, e);
            if (ue > us && at(ue, e, L_SPACE3)) {
                int q = host(ue + 1, e);
                if (q > 0 && suffixEnd(q, e)) {
                    invalid = inv;
                    return userFound(us, ue, SshdMessage.CLOSED);
                }
            }
        }
        if (!at(p, e, L_SPACE3)) {
            return SshdMessage.OTHER;
        }
        int q = host(p + 1, e);
        return q > 0 && suffixEnd(q, e) ? SshdMessage.CLOSED : SshdMessage.OTHER;
    }

    // ---- recording ----

    private void record(SshdMessage kind) {
        EventBatch o = out;
        int i = o.add();
        o.kind[i] = (byte) kind.ordinal();
        o.time[i] = time;
        o.line[i] = lineIndex;
        o.start[i] = lineStart;
        o.end[i] = lineEnd;
        int f = 0;
        if (invalid) {
            f |= EventBatch.INVALID_USER;
        }
        if (session) {
            f |= EventBatch.SSHD_SESSION;
        }
        if (addrStart >= 0) {
            o.address[i] = o.addresses.intern(b, addrStart, addrEnd);
        } else {
            o.address[i] = -1;
        }
        if (userStart >= 0) {
            int u = o.users.intern(b, userStart, userEnd);
            o.filterUser[i] = u;
            // "maximum authentication attempts exceeded for invalid user X": the filter's user is
            // "invalid user X", the account tried is X
            if (kind == SshdMessage.MAX_AUTH_ATTEMPTS && userEnd - userStart > 13 && at(userStart, userEnd, L_INVALID_USER)) {
                f |= EventBatch.INVALID_USER;
                u = o.users.intern(b, userStart + 13, userEnd);
            }
            o.user[i] = u;
        } else {
            o.user[i] = -1;
            o.filterUser[i] = -1;
        }
        o.method[i] = methodStart >= 0 && kind.success() ? o.methods.intern(b, methodStart, methodEnd) : -1;
        o.flags[i] = (byte) f;
        if (pidEnd == pidStart && hostEnd == hostStart && addrStart >= 0) {
            // a bare sshd -E line names no process: the client's address and port name the connection
            int port = indexOf(L_PORT, addrEnd, lineEnd);
            int pe = addrEnd;
            if (port >= 0) {
                pe = port + 6;
                while (pe < lineEnd && b[pe] >= '0' && b[pe] <= '9') {
                    pe++;
                }
            }
            o.connection[i] = otherConnection(o.connections.intern(b, addrStart, Math.min(pe, addrStart + 200)));
            return;
        }
        // the connection, as the filter's prefix names it: host and pid (sshd-session = sshd)
        int hn = Math.min(hostEnd - hostStart, 400);
        int pn = pidEnd - pidStart;
        if (pn >= 1 && pn <= 9) {
            long pid = 0;
            for (int k = pidStart; k < pidEnd; k++) {
                pid = pid * 10 + (b[k] - '0');
            }
            o.connection[i] = ConnectionKeys.pid(hostNumber(hostStart, hn), pid, pn);
            return;
        }
        pn = Math.min(pn, 100);
        System.arraycopy(b, hostStart, scratch, 0, hn);
        scratch[hn] = ' ';
        System.arraycopy(b, pidStart, scratch, hn + 1, pn);
        o.connection[i] = otherConnection(o.connections.intern(scratch, 0, hn + 1 + pn));
    }

    /** The key of a connection text interned in this batch as {@code id}. */
    private long otherConnection(int id) {
        if (id >= otherKeys.length) {
            otherKeys = Arrays.copyOf(otherKeys, Math.max(id + 1, otherKeys.length * 2));
        }
        long k = otherKeys[id];
        if (k == 0) {
            k = otherKeys[id] = keys.other(out.connections.value(id));
        }
        return k;
    }

    /** The number of the host text [s, s + n): the last host's, or looked up (and kept) when it differs. */
    private int hostNumber(int s, int n) {
        if (lastHostNumber >= 0 && n == lastHostLength && (n == 0 || at(s, s + n, lastHost))) {
            return lastHostNumber;
        }
        lastHost = n == 0 ? null : new Lit(Arrays.copyOfRange(b, s, s + n));
        lastHostLength = n;
        lastHostNumber = keys.host(new String(b, s, n, StandardCharsets.UTF_8));
        return lastHostNumber;
    }
}
