package org.vmguard.checks.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vmguard.facts.packages.DebVersion;

/**
 * Which OpenSSH releases, as an SSH banner shows them, still have known remotely exploitable
 * flaws: knowledge as data.
 *
 * <p>Only flaws that someone on the network can use against the server are listed (pre-auth code
 * execution, denial of service, user enumeration, password-guessing limits, a man in the
 * middle); client-side and local flaws (scp, ssh-agent, ProxyCommand…) are not, since a probe
 * sees only the server.
 *
 * <p>Debian and Ubuntu backport fixes without changing the upstream version, and say their
 * package revision in the banner ("OpenSSH_9.2p1 Debian-2+deb12u3" is package
 * 1:9.2p1-2+deb12u3): for those the table knows the first fixed revision per upstream version,
 * compared as dpkg compares versions. Sources: Debian's changelog (bookworm's ships in
 * openssh-server), its DSA/DLA advisories and Ubuntu's USNs (USN-6859-1, USN-7270-1,
 * USN-6560-1/-2, USN-3061-1, DSA-5586-1, DSA-4280-1, DLA-3694-1, DLA-1500-1), as quoted by
 * scanners' generated advisory checks. Releases that were already out of support when a flaw
 * was fixed have no entry and are judged as upstream. A Debian or Ubuntu banner whose upstream version has no entry is judged as upstream.
 * Other banners (Red Hat's "OpenSSH_8.7", FreeBSD, a hand-built "OpenSSH_9.7p1") carry no
 * revision: they are judged by the upstream range, and the finding says a backport cannot be
 * seen. Raspbian is Debian's packaging.
 */
public final class OpensshReleases {

    /** Upstream versions {@code from} (inclusive; null: since the beginning) to {@code fixed} (exclusive). */
    record Range(String from, String fixed) {
    }

    /**
     * One flaw: the upstream ranges it affects and, per distribution ("Debian", "Ubuntu") and
     * upstream version, the first package revision that has the fix.
     */
    record Flaw(String cve, String why, List<Range> affected, Map<String, Map<String, String>> fixedIn) {
    }

    static final List<Flaw> TABLE = List.of(
            new Flaw("CVE-2024-6387", "regreSSHion: a signal-handler race lets an unauthenticated client run code as root (glibc-based Linux)",
                    List.of(new Range(null, "4.4p1"), new Range("8.5p1", "9.8p1")),
                    Map.of("Debian", Map.of("9.2p1", "2+deb12u3", "9.7p1", "7"),
                            "Ubuntu", Map.of("8.9p1", "3ubuntu0.10", "9.3p1", "1ubuntu3.6", "9.6p1", "3ubuntu13.3", "9.7p1", "7"))),
            new Flaw("CVE-2025-26466", "an unauthenticated client can exhaust the server's memory and CPU with SSH2_MSG_PING packets (denial of service)",
                    List.of(new Range("9.5p1", "9.9p2")),
                    Map.of("Ubuntu", Map.of("9.6p1", "3ubuntu13.8", "9.7p1", "7ubuntu4.2"))),
            new Flaw("CVE-2023-48795", "Terrapin: a man in the middle can silently delete the first encrypted messages when "
                    + "chacha20-poly1305 or an -etm MAC with a CBC cipher is used",
                    List.of(new Range("6.2p1", "9.6p1")),
                    Map.of("Debian", Map.of("7.9p1", "10+deb10u4", "8.4p1", "5+deb11u3", "9.2p1", "2+deb12u2"),
                            "Ubuntu", Map.of("7.2p2", "4ubuntu2.10+esm5", "7.6p1", "4ubuntu0.7+esm3", "8.2p1", "4ubuntu0.10",
                                    "8.9p1", "3ubuntu0.5"))),
            new Flaw("CVE-2018-15473", "user enumeration: an unauthenticated client can tell which account names exist",
                    List.of(new Range(null, "7.8p1")),
                    Map.of("Debian", Map.of("7.4p1", "10+deb9u4"),
                            "Ubuntu", Map.of("7.6p1", "4ubuntu0.1"))),
            new Flaw("CVE-2016-6515", "an unauthenticated client can burn the server's CPU with very long passwords (denial of service)",
                    List.of(new Range(null, "7.3p1")),
                    Map.of("Debian", Map.of("6.7p1", "5+deb8u6"),
                            "Ubuntu", Map.of("5.9p1", "5ubuntu1.10", "6.6p1", "2ubuntu2.8", "7.2p2", "4ubuntu2.1"))),
            new Flaw("CVE-2015-5600", "keyboard-interactive authentication ignores MaxAuthTries: thousands of password guesses per connection",
                    List.of(new Range(null, "7.0p1")),
                    Map.of("Debian", Map.of("6.7p1", "5+deb8u6"))),
            new Flaw("CVE-2006-5051", "a signal-handler race before authentication: denial of service, possibly code execution",
                    List.of(new Range(null, "4.4p1")),
                    Map.of()));

    private static final String NO_REVISION = " (the banner shows no distribution revision: a backported fix cannot be seen)";

    /** "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3": the upstream version and the comment after it. */
    private static final Pattern BANNER = Pattern.compile("SSH-[0-9.]+-OpenSSH_(\\d+\\.\\d+(?:p\\d+)?)\\S*(?:\\s+(\\S.*))?");
    private static final Pattern DISTRO = Pattern.compile("(Debian|Raspbian|Ubuntu)-([0-9A-Za-z.+~]+)(?:\\s.*)?");

    private OpensshReleases() {
    }

    /**
     * From a banner such as "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u2": the known remotely
     * exploitable flaws it still has, each "CVE id: why; fixed in …", taking Debian's and Ubuntu's
     * patch level into account. Empty when none is known, when the banner is not OpenSSH, or when
     * it hides the version ("SSH-2.0-OpenSSH", or Microsoft's "OpenSSH_for_Windows_8.1", whose
     * patch level this table does not follow).
     */
    public static List<String> flaws(String banner) {
        Objects.requireNonNull(banner, "banner");
        Matcher m = BANNER.matcher(banner.strip());
        if (!m.matches()) {
            return List.of();
        }
        String upstream = m.group(1);
        String distro = null;
        String revision = null;
        if (m.group(2) != null) {
            Matcher d = DISTRO.matcher(m.group(2));
            if (d.matches()) {
                distro = d.group(1).equals("Raspbian") ? "Debian" : d.group(1);
                revision = d.group(2);
            }
        }
        List<String> out = new ArrayList<>();
        for (Flaw f : TABLE) {
            Optional<Range> affected = range(f, upstream);
            if (affected.isEmpty()) {
                continue;
            }
            String fixed = distro == null ? null : f.fixedIn().getOrDefault(distro, Map.of()).get(upstream);
            if (fixed != null) {
                if (DebVersion.compare(upstream + "-" + revision, upstream + "-" + fixed) >= 0) {
                    continue;
                }
                out.add(f.cve() + ": " + f.why() + "; fixed in " + distro + "'s 1:" + upstream + "-" + fixed);
            } else {
                out.add(f.cve() + ": " + f.why() + "; fixed upstream in " + affected.get().fixed() + (distro == null ? NO_REVISION : ""));
            }
        }
        return List.copyOf(out);
    }

    /** The affected range {@code upstream} falls in, if any. */
    private static Optional<Range> range(Flaw f, String upstream) {
        String v = portable(upstream);
        for (Range r : f.affected()) {
            if ((r.from() == null || DebVersion.compare(v, r.from()) >= 0) && DebVersion.compare(v, r.fixed()) < 0) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /**
     * Red Hat, OpenBSD and others print "8.7" for the portable "8.7p1" (OpenBSD has no "p"):
     * without this, "9.8" would sort before "9.8p1", the release that fixed it.
     */
    private static String portable(String upstream) {
        return upstream.contains("p") ? upstream : upstream + "p1";
    }
}
