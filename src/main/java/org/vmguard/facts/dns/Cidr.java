package org.vmguard.facts.dns;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Optional;

/** An IPv4 or IPv6 network in CIDR form, parsed without name lookups. */
public record Cidr(byte[] address, int prefix) {

    /** "10.0.0.0/8", "10/8", "192.168.1.1", "::/0", "[::1]/128"; empty when it is none of these. */
    public static Optional<Cidr> parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT).replace("[", "").replace("]", "");
        int slash = t.indexOf('/');
        String addr = slash < 0 ? t : t.substring(0, slash);
        byte[] a = addr.contains(":") ? v6(addr) : v4(addr);
        if (a == null) {
            return Optional.empty();
        }
        int max = a.length * 8;
        int p = max;
        if (slash >= 0) {
            String m = t.substring(slash + 1);
            if (m.contains(".")) { // a netmask such as 255.255.255.0
                byte[] mask = v4(m);
                if (mask == null || a.length != 4) {
                    return Optional.empty();
                }
                p = new BigInteger(1, mask).bitCount();
            } else {
                try {
                    p = Integer.parseInt(m);
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
            if (p < 0 || p > max) {
                return Optional.empty();
            }
        }
        return Optional.of(new Cidr(a, p));
    }

    /** Dotted quads, allowing BIND's short forms "10", "10.1", "10.1.2". */
    private static byte[] v4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length < 1 || parts.length > 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < parts.length; i++) {
            try {
                int v = Integer.parseInt(parts[i]);
                if (v < 0 || v > 255 || parts[i].isEmpty() || parts[i].length() > 3) {
                    return null;
                }
                out[i] = (byte) v;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return out;
    }

    private static byte[] v6(String s) {
        int pct = s.indexOf('%');
        if (pct >= 0) {
            s = s.substring(0, pct);
        }
        if (!s.matches("[0-9a-f:.]+") || s.length() > 45) {
            return null;
        }
        String[] halves = s.split("::", -1);
        if (halves.length > 2) {
            return null;
        }
        int[] groups = new int[8];
        java.util.List<Integer> head = groupsOf(halves[0]);
        java.util.List<Integer> tail = halves.length == 2 ? groupsOf(halves[1]) : java.util.List.of();
        if (head == null || tail == null) {
            return null;
        }
        if (halves.length == 1 && head.size() != 8 || head.size() + tail.size() > (halves.length == 2 ? 7 : 8)) {
            return null;
        }
        for (int i = 0; i < head.size(); i++) {
            groups[i] = head.get(i);
        }
        for (int i = 0; i < tail.size(); i++) {
            groups[8 - tail.size() + i] = tail.get(i);
        }
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[2 * i] = (byte) (groups[i] >> 8);
            out[2 * i + 1] = (byte) groups[i];
        }
        return out;
    }

    private static java.util.List<Integer> groupsOf(String s) {
        java.util.List<Integer> out = new java.util.ArrayList<>();
        if (s.isEmpty()) {
            return out;
        }
        String[] parts = s.split(":", -1);
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (i == parts.length - 1 && p.contains(".")) {
                byte[] v4 = v4(p);
                if (v4 == null) {
                    return null;
                }
                out.add(((v4[0] & 0xff) << 8) | (v4[1] & 0xff));
                out.add(((v4[2] & 0xff) << 8) | (v4[3] & 0xff));
                continue;
            }
            if (!p.matches("[0-9a-f]{1,4}")) {
                return null;
            }
            out.add(Integer.parseInt(p, 16));
        }
        return out;
    }

    public boolean contains(byte[] other) {
        if (other.length != address.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != other[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (address[full] & mask) == (other[full] & mask);
    }

    public boolean isV6() {
        return address.length == 16;
    }

    /** Does this network cover every address of its family? */
    public boolean everything() {
        return prefix == 0;
    }

    public static byte[] addressOf(String literal) {
        return parse(literal).orElseThrow().address();
    }
}
