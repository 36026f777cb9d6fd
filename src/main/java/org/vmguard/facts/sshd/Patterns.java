package org.vmguard.facts.sshd;

import java.util.Locale;
import java.util.Optional;

/**
 * OpenSSH's pattern matching, as match.c and addrmatch.c define it: {@code *} and {@code ?}
 * wildcards, comma lists whose {@code !}-negated members veto a match, and address lists that
 * prefer CIDR and fall back to wildcards. Addresses are parsed numerically, never resolved.
 */
public final class Patterns {

    /** match_pattern_list: a match of a negated member. */
    public static final int NEGATED = -1;

    private Patterns() {
    }

    /**
     * A single wildcard pattern against the whole string: what match_pattern accepts, found
     * without its exponential backtracking (a hostile pattern cannot stall us).
     */
    public static boolean match(String s, String p) {
        int si = 0;
        int pi = 0;
        int star = -1;
        int mark = 0;
        while (si < s.length()) {
            if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == s.charAt(si))) {
                si++;
                pi++;
            } else if (pi < p.length() && p.charAt(pi) == '*') {
                star = pi++;
                mark = si;
            } else if (star >= 0) {
                pi = star + 1;
                si = ++mark;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }

    /**
     * match_pattern_list: 1 when a positive member matches and no negated one does, -1 when a
     * negated member matches, 0 otherwise. {@code lower} lowercases the patterns (host names).
     */
    public static int matchList(String s, String list, boolean lower) {
        boolean positive = false;
        int i = 0;
        int len = list.length();
        while (i < len) {
            boolean negated = false;
            if (list.charAt(i) == '!') {
                negated = true;
                i++;
            }
            int start = i;
            while (i < len && list.charAt(i) != ',') {
                i++;
            }
            String sub = list.substring(start, i);
            if (sub.length() >= 1023) {
                return 0; // OpenSSH gives up on over-long members
            }
            if (i < len) {
                i++;
            }
            if (lower) {
                sub = sub.toLowerCase(Locale.ROOT);
            }
            if (match(s, sub)) {
                if (negated) {
                    return NEGATED;
                }
                positive = true;
            }
        }
        return positive ? 1 : 0;
    }

    /** match_hostname: the host lowercased, the patterns lowercased. */
    public static int matchHost(String host, String list) {
        return matchList(host.toLowerCase(Locale.ROOT), list, true);
    }

    /** A parsed numeric address: 4 or 16 bytes. */
    public record Address(byte[] bytes) {

        int bits() {
            return bytes.length * 8;
        }

        boolean inNetwork(Address net, int masklen) {
            if (net.bytes.length != bytes.length) {
                return false;
            }
            for (int b = 0; b < bytes.length; b++) {
                int keep = Math.max(0, Math.min(8, masklen - b * 8));
                int mask = keep == 0 ? 0 : (0xff << (8 - keep)) & 0xff;
                if ((bytes[b] & mask) != (net.bytes[b] & 0xff)) {
                    return false;
                }
            }
            return true;
        }

        boolean hostBitsZero(int masklen) {
            for (int b = 0; b < bytes.length; b++) {
                int keep = Math.max(0, Math.min(8, masklen - b * 8));
                int hostMask = keep == 8 ? 0 : (0xff >> keep);
                if ((bytes[b] & hostMask) != 0) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Thrown by {@link #matchAddress} for a list sshd rejects (an empty member, host bits set). */
    public static final class InvalidList extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidList(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * addr_match_list: 1 when the address is in a member, -1 when in a negated member, 0
     * otherwise. A null address only validates the list.
     *
     * @throws InvalidList when sshd would reject the list
     */
    public static int matchAddress(String addr, String list) throws InvalidList {
        Optional<Address> a = Optional.empty();
        if (addr != null) {
            a = parseAddress(addr);
            if (a.isEmpty()) {
                return 0;
            }
        }
        int ret = 0;
        for (String member : list.split(",", -1)) {
            boolean neg = member.startsWith("!");
            String cp = neg ? member.substring(1) : member;
            if (cp.isEmpty()) {
                throw new InvalidList("empty member in address list \"" + list + "\"");
            }
            Cidr cidr;
            try {
                cidr = parseCidr(cp);
            } catch (InvalidList e) {
                throw new InvalidList("inconsistent mask length for match network \"" + cp + "\"");
            }
            boolean found;
            if (cidr != null) {
                found = a.isPresent() && a.get().inNetwork(cidr.net(), cidr.masklen());
            } else {
                found = addr != null && match(addr, cp);
            }
            if (found) {
                if (neg) {
                    return NEGATED;
                }
                ret = 1;
            }
        }
        return ret;
    }

    private record Cidr(Address net, int masklen) {
    }

    /** addr_pton_cidr: null when it is no address (then it is a wildcard pattern). */
    private static Cidr parseCidr(String p) throws InvalidList {
        if (p.length() >= 64) {
            return null;
        }
        String host = p;
        int masklen = -1;
        int slash = p.indexOf('/');
        if (slash >= 0) {
            host = p.substring(0, slash);
            String m = p.substring(slash + 1);
            if (m.isEmpty() || !m.chars().allMatch(Character::isDigit) || m.length() > 4) {
                return null;
            }
            masklen = Integer.parseInt(m);
            if (masklen > 128) {
                return null;
            }
        }
        Optional<Address> a = parseAddress(host);
        if (a.isEmpty()) {
            return null;
        }
        if (masklen < 0) {
            masklen = a.get().bits();
        }
        if (masklen > a.get().bits() || !a.get().hostBitsZero(masklen)) {
            throw new InvalidList(p);
        }
        return new Cidr(a.get(), masklen);
    }

    /** A numeric IPv4 (dotted quad) or IPv6 address; never a name lookup. */
    public static Optional<Address> parseAddress(String s) {
        if (s.indexOf(':') >= 0) {
            return parseIpv6(s);
        }
        byte[] v4 = parseIpv4(s);
        return v4 == null ? Optional.empty() : Optional.of(new Address(v4));
    }

    private static byte[] parseIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    private static Optional<Address> parseIpv6(String s) {
        int pct = s.indexOf('%');
        if (pct >= 0) {
            s = s.substring(0, pct);
        }
        byte[] tail4 = null;
        int lastColon = s.lastIndexOf(':');
        if (s.indexOf('.') >= 0) {
            tail4 = parseIpv4(s.substring(lastColon + 1));
            if (tail4 == null) {
                return Optional.empty();
            }
            s = s.substring(0, lastColon + 1) + "0:0";
        }
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
            return Optional.empty();
        }
        String[] head;
        String[] tail;
        if (dbl >= 0) {
            String h = s.substring(0, dbl);
            String t = s.substring(dbl + 2);
            head = h.isEmpty() ? new String[0] : h.split(":", -1);
            tail = t.isEmpty() ? new String[0] : t.split(":", -1);
            if (head.length + tail.length > 7) {
                return Optional.empty();
            }
        } else {
            head = s.split(":", -1);
            tail = new String[0];
            if (head.length != 8) {
                return Optional.empty();
            }
        }
        int[] groups = new int[8];
        for (int i = 0; i < head.length; i++) {
            Integer g = hex16(head[i]);
            if (g == null) {
                return Optional.empty();
            }
            groups[i] = g;
        }
        for (int i = 0; i < tail.length; i++) {
            Integer g = hex16(tail[i]);
            if (g == null) {
                return Optional.empty();
            }
            groups[8 - tail.length + i] = g;
        }
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[2 * i] = (byte) (groups[i] >> 8);
            out[2 * i + 1] = (byte) groups[i];
        }
        if (tail4 != null) {
            System.arraycopy(tail4, 0, out, 12, 4);
        }
        return Optional.of(new Address(out));
    }

    private static Integer hex16(String g) {
        if (g.isEmpty() || g.length() > 4) {
            return null;
        }
        int v = 0;
        for (char c : g.toCharArray()) {
            int d = Character.digit(c, 16);
            if (d < 0) {
                return null;
            }
            v = v * 16 + d;
        }
        return v;
    }
}
