package org.vmguard.facts.authlog;

import java.nio.charset.StandardCharsets;

/**
 * A hand-written byte-level reader of syslog lines written by OpenSSH's sshd (and sshd-session,
 * OpenSSH 9.8+): no regular expression and no object per line. It recognises traditional syslog
 * and RFC 3339 stamps, bare messages as {@code sshd -E} writes them, the "error: " / "fatal: " /
 * "PAM: " prefixes, and the messages of {@link SshdMessage} with the user names and addresses
 * that fail2ban's sshd filter would capture from them (the filter's regular expressions are
 * re-implemented here clause by clause, greedy and lazy alike).
 */
final class AuthLineScanner {

    /** Longer lines are no log lines sshd writes: counted as unparsed. */
    static final int MAX_LINE = 64 * 1024;

    private static final byte[] MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec".getBytes(StandardCharsets.US_ASCII);

    private static final byte[] L_SSHD_SESSION = bytes("sshd-session");
    private static final byte[] L_ERROR = bytes("error: ");
    private static final byte[] L_FATAL = bytes("fatal: ");
    private static final byte[] L_PAM = bytes("PAM: ");
    private static final byte[] L_ACCEPTED = bytes("Accepted ");
    private static final byte[] L_FAILED = bytes("Failed ");
    private static final byte[] L_NVALID_USER = bytes("nvalid user ");
    private static final byte[] L_LLEGAL_USER = bytes("llegal user ");
    private static final byte[] L_ROOT_LOGIN_REFUSED_FROM = bytes("ROOT LOGIN REFUSED FROM ");
    private static final byte[] L_RECEIVED_DISCONNECT_FROM = bytes("Received disconnect from ");
    private static final byte[] L_MAXIMUM_AUTHENTICATION_ATTEMPTS_EXCEEDED_FOR = bytes("maximum authentication attempts exceeded for ");
    private static final byte[] L_CONNECTION_CLOSED = bytes("Connection closed ");
    private static final byte[] L_CONNECTION_RESET = bytes("Connection reset ");
    private static final byte[] L_CONNECTION_FROM = bytes("Connection from ");
    private static final byte[] L_PORT = bytes(" port ");
    private static final byte[] L_ON = bytes(" on ");
    private static final byte[] L_PREAUTH = bytes(" [preauth]");
    private static final byte[] L_SSH = bytes(" ssh");
    private static final byte[] L_FOR = bytes(" for ");
    private static final byte[] L_FROM = bytes(" from ");
    private static final byte[] L_UTHENTICATION_FAILURE_FOR = bytes("uthentication failure for ");
    private static final byte[] L_UTHENTICATION_ERROR_FOR = bytes("uthentication error for ");
    private static final byte[] L_UTHENTICATION_FAILED_FOR = bytes("uthentication failed for ");
    private static final byte[] L_VIA = bytes(" via ");
    private static final byte[] L_PUBLICKEY = bytes("publickey");
    private static final byte[] L_INVALID_USER = bytes("invalid user ");
    private static final byte[] L_SPACE = bytes(": ");
    private static final byte[] L_USER_NOT_KNOWN_TO_THE_UNDERLYING_AUTHENTICATION_MODULE_FOR = bytes("User not known to the underlying authentication module for ");
    private static final byte[] L_USER = bytes("User ");
    private static final byte[] L_NOT_ALLOWED_BECAUSE_ACCOUNT_IS_LOCKED = bytes(" not allowed because account is locked");
    private static final byte[] L_NOT_ALLOWED_BECAUSE = bytes(" not allowed because ");
    private static final byte[] L_11 = bytes("11:");
    private static final byte[] L_3 = bytes("3: ");
    private static final byte[] L_REFUSED_CONNECT_FROM = bytes("refused connect from ");
    private static final byte[] L_SPACE2 = bytes(" (");
    private static final byte[] L_PAM2 = bytes("pam_");
    private static final byte[] L_SSHD_AUTH = bytes("(sshd:auth):");
    private static final byte[] L_AUTHENTICATION_FAILURE = bytes("authentication failure;");
    private static final byte[] L_RUSER = bytes("ruser=");
    private static final byte[] L_LOGNAME = bytes("logname=");
    private static final byte[] L_UID = bytes("uid=");
    private static final byte[] L_EUID = bytes("euid=");
    private static final byte[] L_TTY = bytes("tty=");
    private static final byte[] L_RHOST = bytes("rhost=");
    private static final byte[] L_USER2 = bytes("user=");
    private static final byte[] L_DISCONNECTING_TOO_MANY_AUTHENTICATION_FAILURES = bytes("Disconnecting: Too many authentication failures");
    private static final byte[] L_DISCONNECTING = bytes("Disconnecting ");
    private static final byte[] L_FROM2 = bytes(" from");
    private static final byte[] L_INVALID_USER2 = bytes(" invalid user ");
    private static final byte[] L_AUTHENTICATING_USER = bytes(" authenticating user ");
    private static final byte[] L_CHANGE_OF_USERNAME_OR_SERVICE_NOT_ALLOWED = bytes("Change of username or service not allowed:");
    private static final byte[] L_DISCONNECTED = bytes("Disconnected ");
    private static final byte[] L_FROM_USER = bytes("from user ");
    private static final byte[] L_BY = bytes("by");
    private static final byte[] L_FROM3 = bytes("from");
    private static final byte[] L_SPACE3 = bytes(" ");
    private static final byte[] L_AUTH_FAIL = bytes(": Auth fail");
    private static final byte[] L_PREAUTH2 = bytes("[preauth]");

    private static final byte[][] NOT_ALLOWED_REASONS = {bytes("not listed in AllowUsers"), bytes("listed in DenyUsers"),
        bytes("not in any group"), bytes("a group is listed in DenyGroups"),
        bytes("none of user's groups are listed in AllowGroups")};

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private final byte[] b;
    private final EventBatch out;
    private final SyslogClock clock;
    private final byte[] scratch = new byte[512];

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

    AuthLineScanner(EventBatch out, SyslogClock clock) {
        this.b = out.bytes;
        this.out = out;
        this.clock = clock;
    }

    /** Reads the lines of bytes [from, to); a last line without newline is read too. */
    void scan(int from, int to) {
        final byte[] b = this.b; // a local: C1 reloads a field on every pass of a loop
        int p = from;
        while (p < to) {
            int s = p;
            boolean bad = false;
            while (p < to) {
                byte c = b[p];
                if (c >= 0 && c < 0x20) {
                    if (c == '\n') {
                        break;
                    }
                    if (c != '\t' && c != '\r') {
                        bad = true;
                    }
                } else if (c == 0x7f) {
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
        } else if (c0 >= 'A' && c0 <= 'Z' && e - s > 16 && b[s + 3] == ' ' && month(s) > 0) {
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
        int t1 = q;
        int t1e = tokenEnd(q, e);
        int t2 = t1e + 1;
        int t2e = t2 < e ? tokenEnd(t2, e) : t2;
        int msg;
        if (t2 < e && sshdProgram(t2, t2e)) {
            hostStart = t1;
            hostEnd = t1e;
            msg = t2e + 1;
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
        int m = month(s);
        int p = s + 4;
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
        p++;
        int h = two(p);
        int mi = two(p + 3);
        int sec = two(p + 6);
        if (h < 0 || mi < 0 || sec < 0 || b[p + 2] != ':' || b[p + 5] != ':') {
            return -1;
        }
        p += 8;
        if (p < e && b[p] == '.') { // high-precision traditional stamps
            p++;
            while (p < e && b[p] >= '0' && b[p] <= '9') {
                p++;
            }
        }
        time = clock.traditional(m, day, h, mi, sec);
        return time == SyslogClock.UNKNOWN ? -1 : p;
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
        if (e - s < 20 || b[s + 4] != '-' || b[s + 7] != '-' || (b[s + 10] != 'T' && b[s + 10] != ' ')
                || b[s + 13] != ':' || b[s + 16] != ':') {
            return -1;
        }
        int y1 = two(s);
        int y2 = two(s + 2);
        int mo = two(s + 5);
        int d = two(s + 8);
        int h = two(s + 11);
        int mi = two(s + 14);
        int sec = two(s + 17);
        if (y1 < 0 || y2 < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59
                || sec < 0 || sec > 60) {
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
        time = SyslogClock.epochDay(y1 * 100 + y2, mo, d) * 86_400 + h * 3600L + mi * 60L + sec - offset;
        return p;
    }

    // ---- messages ----

    private boolean at(int p, int e, byte[] lit) {
        int n = lit.length;
        if (p + n > e) {
            return false;
        }
        final byte[] b = this.b;
        for (int i = 0; i < n; i++) {
            if (b[p + i] != lit[i]) {
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
        while (q < e) {
            byte c = b[q]; // one load: C1 does not share b[q] between the tests below
            if (!(c == ':' || c == '.' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                break;
            }
            q++;
        }
        boolean ip = q > s && (q == e || !word(b[q]) && b[q] != '-' && b[q] != '^');
        if (ip) {
            int dots = 0;
            int colons = 0;
            for (int i = s; i < q; i++) {
                byte c = b[i];
                if (c == '.') {
                    dots++;
                } else if (c == ':') {
                    colons++;
                }
            }
            ip = colons >= 2 || (colons == 0 && dots == 3);
            if (colons == 0 && b[q - 1] == '.') {
                ip = false;
            }
        }
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

    private int indexOf(byte[] lit, int from, int e) {
        final byte[] b = this.b;
        byte first = lit[0];
        for (int p = from; p + lit.length <= e; p++) {
            if (b[p] == first && at(p, e, lit)) {
                return p;
            }
        }
        return -1;
    }

    private int lastIndexOf(byte[] lit, int from, int e) {
        final byte[] b = this.b;
        byte first = lit[0];
        for (int p = e - lit.length; p >= from; p--) {
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
                q = sshProto(onPort(q, e), e);
                if (at(q, e, L_SPACE)) {
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
        for (byte[] r : NOT_ALLOWED_REASONS) {
            if (at(q, e, r) && suffixEnd(q + r.length, e)) {
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
            if (!looksLikeIp(addrStart, addrEnd)) {
                f |= EventBatch.HOSTNAME;
            }
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
            o.connection[i] = o.connections.intern(b, addrStart, Math.min(pe, addrStart + 200));
            return;
        }
        // the connection, as the filter's prefix names it: host and pid (sshd-session = sshd)
        int hn = Math.min(hostEnd - hostStart, 400);
        int pn = Math.min(pidEnd - pidStart, 100);
        System.arraycopy(b, hostStart, scratch, 0, hn);
        scratch[hn] = ' ';
        System.arraycopy(b, pidStart, scratch, hn + 1, pn);
        o.connection[i] = o.connections.intern(scratch, 0, hn + 1 + pn);
    }

    private boolean looksLikeIp(int s, int e) {
        final byte[] b = this.b;
        for (int i = s; i < e; i++) {
            byte c = b[i];
            if (!(c == ':' || c == '.' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }
}
