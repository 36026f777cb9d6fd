package org.vmguard.facts.authlog;

import java.util.Locale;

/**
 * The text forms of source addresses: IPv4 dotted quads, IPv6 in RFC 5952 form (lower case, the
 * longest run of zero groups shortened), and the network each belongs to for counting: the /24
 * of an IPv4 address, the /48 of an IPv6 one. Host names (sshd with UseDNS yes) stay as logged.
 */
public final class SourceAddress {

    private SourceAddress() {
    }

    /** The canonical form of an address as logged, or the text itself when it is no address. */
    public static String canonical(String text) {
        String t = text;
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        if (isIpv4(t)) {
            return t;
        }
        int[] groups = ipv6(t);
        if (groups == null) {
            return text;
        }
        if (groups[0] == 0 && groups[1] == 0 && groups[2] == 0 && groups[3] == 0 && groups[4] == 0 && groups[5] == 0xffff) {
            return (groups[6] >> 8) + "." + (groups[6] & 0xff) + "." + (groups[7] >> 8) + "." + (groups[7] & 0xff);
        }
        return format(groups);
    }

    public static boolean isIpv4(String t) {
        int parts = 0;
        int digits = 0;
        int value = 0;
        for (int i = 0; i <= t.length(); i++) {
            char c = i < t.length() ? t.charAt(i) : '.';
            if (c == '.') {
                if (digits == 0 || value > 255) {
                    return false;
                }
                parts++;
                digits = 0;
                value = 0;
            } else if (c >= '0' && c <= '9' && digits < 3) {
                value = value * 10 + (c - '0');
                digits++;
            } else {
                return false;
            }
        }
        return parts == 4;
    }

    public static boolean isIpv6(String t) {
        return ipv6(t) != null;
    }

    /** The eight 16-bit groups, or null when this is no IPv6 address (an embedded IPv4 tail is allowed). */
    static int[] ipv6(String t) {
        if (t.indexOf(':') < 0 || t.length() > 45) {
            return null;
        }
        int[] head = new int[8];
        int[] tail = new int[8];
        int nh = 0;
        int nt = 0;
        boolean gap = false;
        int i = 0;
        int n = t.length();
        if (t.startsWith("::")) {
            gap = true;
            i = 2;
            if (n == 2) {
                return new int[8];
            }
        } else if (t.startsWith(":")) {
            return null;
        }
        while (i < n) {
            int start = i;
            int v = 0;
            while (i < n && i - start < 5 && Character.digit(t.charAt(i), 16) >= 0) {
                v = v * 16 + Character.digit(t.charAt(i), 16);
                i++;
            }
            if (i < n && t.charAt(i) == '.') {
                // an IPv4 tail: the last 32 bits
                String v4 = t.substring(start);
                if (!isIpv4(v4)) {
                    return null;
                }
                String[] q = v4.split("\\.");
                int hi = Integer.parseInt(q[0]) << 8 | Integer.parseInt(q[1]);
                int lo = Integer.parseInt(q[2]) << 8 | Integer.parseInt(q[3]);
                if (gap) {
                    if (nt > 5) {
                        return null;
                    }
                    tail[nt++] = hi;
                    tail[nt++] = lo;
                } else {
                    if (nh > 5) {
                        return null;
                    }
                    head[nh++] = hi;
                    head[nh++] = lo;
                }
                i = n;
                break;
            }
            int len = i - start;
            if (len == 0 || len > 4) {
                return null;
            }
            if (gap) {
                if (nt >= 8) {
                    return null;
                }
                tail[nt++] = v;
            } else {
                if (nh >= 8) {
                    return null;
                }
                head[nh++] = v;
            }
            if (i == n) {
                break;
            }
            if (t.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i < n && t.charAt(i) == ':') {
                if (gap) {
                    return null;
                }
                gap = true;
                i++;
                if (i == n) {
                    break;
                }
            } else if (i == n) {
                return null;
            }
        }
        int total = nh + nt;
        if (gap ? total > 7 : total != 8) {
            return null;
        }
        int[] out = new int[8];
        System.arraycopy(head, 0, out, 0, nh);
        System.arraycopy(tail, 0, out, 8 - nt, nt);
        return out;
    }

    private static String format(int[] g) {
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }

    /** "198.18.4.0/24", "2001:db8:1::/48", or the name itself for a host name. */
    public static String network(String canonical) {
        if (isIpv4(canonical)) {
            return canonical.substring(0, canonical.lastIndexOf('.')) + ".0/24";
        }
        int[] g = ipv6(canonical);
        if (g == null) {
            return canonical;
        }
        int[] net = {g[0], g[1], g[2], 0, 0, 0, 0, 0};
        return format(net) + "/48";
    }
}
