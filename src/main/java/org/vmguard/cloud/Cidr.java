package org.vmguard.cloud;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** An IPv4 or IPv6 prefix such as 10.0.0.0/8 or ::/0; a bare address is a /32 or /128. */
public record Cidr(byte[] network, int length) {

    /** Globally unreachable prefixes of the IANA special-purpose registries (RFC 6890 and successors). */
    private static final List<Cidr> NOT_GLOBAL = List.of(
            parse("0.0.0.0/8"), parse("10.0.0.0/8"), parse("100.64.0.0/10"), parse("127.0.0.0/8"),
            parse("169.254.0.0/16"), parse("172.16.0.0/12"), parse("192.0.0.0/24"), parse("192.0.2.0/24"),
            parse("192.168.0.0/16"), parse("198.18.0.0/15"), parse("198.51.100.0/24"), parse("203.0.113.0/24"),
            parse("224.0.0.0/4"), parse("240.0.0.0/4"),
            parse("::/128"), parse("::1/128"), parse("64:ff9b:1::/48"), parse("100::/64"),
            parse("2001:db8::/32"), parse("fc00::/7"), parse("fe80::/10"), parse("ff00::/8"));
    private static final Cidr GLOBAL_UNICAST_V6 = parse("2000::/3");

    /** @throws IllegalArgumentException when the text is not an address or prefix */
    public static Cidr parse(String text) {
        String t = text.strip();
        int slash = t.indexOf('/');
        String addr = slash < 0 ? t : t.substring(0, slash);
        if (!addr.matches("[0-9.]+") && !addr.matches("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            throw new IllegalArgumentException("not an IP address or prefix: " + text);
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(addr).getAddress(); // a literal: no name lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address or prefix: " + text);
        }
        int max = bytes.length * 8;
        int len;
        try {
            len = slash < 0 ? max : Integer.parseInt(t.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an IP address or prefix: " + text);
        }
        if (len < 0 || len > max) {
            throw new IllegalArgumentException("prefix length out of range: " + text);
        }
        return new Cidr(bytes, len);
    }

    public boolean ipv6() {
        return network.length == 16;
    }

    /** 0.0.0.0/0 or ::/0: every address of the family. */
    public boolean everything() {
        return length == 0;
    }

    public boolean contains(Cidr other) {
        if (other.network.length != network.length || other.length < length) {
            return false;
        }
        int bits = network.length * 8;
        BigInteger mask = length == 0 ? BigInteger.ZERO
                : BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).shiftRight(bits - length).shiftLeft(bits - length);
        return new BigInteger(1, network).and(mask).equals(new BigInteger(1, other.network).and(mask));
    }

    /** Is this address globally routable (not private, shared, loopback, link-local, documentation…)? */
    public static boolean isGlobal(String address) {
        Cidr a;
        try {
            a = parse(address);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (a.ipv6() && !GLOBAL_UNICAST_V6.contains(a)) {
            return false;
        }
        return NOT_GLOBAL.stream().noneMatch(n -> n.contains(a));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.length == length && java.util.Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(network) * 31 + length;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + length;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
