package org.vmguard.facts.sshd;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenSSH release installed on a target, and where that was learnt.
 *
 * @param source "dpkg: /var/lib/dpkg/status:1234", "/usr/sbin/sshd", or "unknown"
 */
public record OpensshVersion(int major, int minor, String text, String source) {

    /** When the release is not known, the defaults of the newest release we know are assumed. */
    public static final OpensshVersion UNKNOWN = new OpensshVersion(9, 2, "unknown", "unknown");

    private static final Pattern NUMBERS = Pattern.compile("(\\d+)\\.(\\d+)");

    public boolean known() {
        return !source.equals("unknown");
    }

    public boolean atLeast(int maj, int min) {
        return major > maj || (major == maj && minor >= min);
    }

    /** From a package version ("1:9.2p1-2+deb12u3") or an identification string ("OpenSSH_9.2"). */
    public static OpensshVersion parse(String text, String source) {
        String t = text.contains(":") && !text.startsWith("OpenSSH") ? text.substring(text.indexOf(':') + 1) : text;
        Matcher m = NUMBERS.matcher(t);
        if (!m.find()) {
            return UNKNOWN;
        }
        return new OpensshVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), text, source);
    }

    /** "OpenSSH 9.2 (1:9.2p1-2+deb12u3, from /var/lib/dpkg/status)". */
    public String describe() {
        return known() ? "OpenSSH " + major + "." + minor + " (" + text + ", from " + source + ")"
                : "OpenSSH of unknown release (defaults of 9.2 assumed)";
    }

    public String label() {
        return "OpenSSH " + major + "." + minor;
    }
}
