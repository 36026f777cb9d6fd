package org.vmguard.facts.authlog;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * fail2ban's sshd filter tells connections apart by the text of their log prefix, "host pid"
 * (host at most 400 bytes, pid at most 100, as {@link AuthLineScanner} cuts them). This names
 * each such text by a long, equal exactly when the texts are, and without making a String per
 * connection: "host pid" with a pid of one to nine digits is the host's number (one per host
 * text) with the pid's value and digit count; any other text (no pid, a longer one, the address
 * and port of a bare {@code sshd -E} line) gets a negative number of its own. The two kinds never
 * meet: a host and a pid hold no space, so such a text splits one way only, and the other texts
 * have no pid of one to nine digits after their only space. Thread-safe: the reading threads
 * share one.
 */
final class ConnectionKeys {

    private final ConcurrentHashMap<String, Integer> hosts = new ConcurrentHashMap<>();
    private final AtomicInteger nextHost = new AtomicInteger();
    private final ConcurrentHashMap<String, Long> others = new ConcurrentHashMap<>();
    private final AtomicLong nextOther = new AtomicLong();

    /** The number of a host's text. */
    int host(String host) {
        return hosts.computeIfAbsent(host, k -> nextHost.getAndIncrement());
    }

    /** "host pid" for a pid of {@code digits} (1..9) digits with value {@code pid}. */
    static long pid(int host, long pid, int digits) {
        return ((long) host << 34) | (pid << 4) | digits;
    }

    /** Any other connection text. */
    long other(String text) {
        return others.computeIfAbsent(text, k -> -1 - nextOther.getAndIncrement());
    }
}
