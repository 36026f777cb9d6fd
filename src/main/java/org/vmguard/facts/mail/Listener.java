package org.vmguard.facts.mail;

import java.util.Locale;
import org.vmguard.core.Evidence;

/**
 * An address a server is configured to accept connections on.
 *
 * @param address "0.0.0.0", "::", "127.0.0.1", "::1", an interface or host name, or "*" for all
 */
public record Listener(String address, int port, Evidence evidence) {

    /** Loopback addresses and names; anything else (all, a public address, a host name) is exposed. */
    public boolean loopback() {
        return isLoopback(address);
    }

    public static boolean isLoopback(String address) {
        String a = address.strip().toLowerCase(Locale.ROOT);
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        return a.equals("localhost") || a.equals("loopback-only") || a.equals("lo") || a.equals("::1")
                || a.equals("0:0:0:0:0:0:0:1") || a.startsWith("127.") || a.equals("ip6-localhost")
                || a.equals("::ffff:127.0.0.1");
    }
}
