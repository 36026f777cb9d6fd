package org.vmguard.facts.authlog;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vmguard.target.Target;

/**
 * A target's SSH authentication logs, oldest first: Debian's /var/log/auth.log and its rotations
 * (auth.log.3.gz, auth.log.2.gz, auth.log.1, auth.log), the RHEL family's /var/log/secure with
 * numbered or dated (dateext) rotations.
 */
public final class AuthLogFiles {

    public static final String DIR = "/var/log";
    private static final Pattern ROTATED = Pattern.compile("(auth\\.log|secure)(?:[.-](\\d+))?(\\.gz)?");

    private AuthLogFiles() {
    }

    private static final Pattern ANY_ROTATION = Pattern.compile("(.+?)(?:[.-](\\d{1,4}|\\d{8}))?(\\.gz)?");

    /**
     * Files given by the user, with the rotations of one log put oldest first where the first of
     * them stands: a shell glob ({@code auth.log*}) gives auth.log auth.log.1 auth.log.2.gz, newest
     * first, and the analysis needs time to run forwards (a login after failures). Other files keep
     * the order given.
     */
    public static List<String> oldestFirst(List<String> paths) {
        record Rotation(String path, String log, long order) {
        }
        java.util.Map<String, List<Rotation>> byLog = new java.util.LinkedHashMap<>();
        for (String path : paths) {
            int slash = path.lastIndexOf('/');
            Matcher m = ANY_ROTATION.matcher(path.substring(slash + 1));
            String log = path;
            long order = Long.MAX_VALUE;
            if (m.matches() && m.group(2) != null) {
                log = path.substring(0, slash + 1) + m.group(1);
                order = m.group(2).length() == 8 ? Long.parseLong(m.group(2)) : -Long.parseLong(m.group(2));
            } else if (m.matches() && m.group(3) != null) {
                log = path.substring(0, slash + 1) + m.group(1); // auth.log.gz: a compressed live file
            }
            byLog.computeIfAbsent(log, k -> new ArrayList<>()).add(new Rotation(path, log, order));
        }
        List<String> out = new ArrayList<>();
        for (List<Rotation> rotations : byLog.values()) {
            rotations.stream().sorted(Comparator.comparingLong(Rotation::order)).forEach(r -> out.add(r.path()));
        }
        return out;
    }

    public static List<String> find(Target target) throws IOException {
        record Candidate(String name, String family, long order) {
        }
        List<Candidate> found = new ArrayList<>();
        for (String name : target.list(DIR)) {
            Matcher m = ROTATED.matcher(name);
            if (!m.matches()) {
                continue;
            }
            if (m.group(2) == null && m.group(3) != null) {
                continue;
            }
            long order;
            if (m.group(2) == null) {
                order = Long.MAX_VALUE; // the live file comes last
            } else if (m.group(2).length() == 8) {
                order = Long.parseLong(m.group(2)); // dateext: older dates first
            } else {
                order = -Long.parseLong(m.group(2)); // .1 is newer than .2
            }
            var st = target.stat(DIR + "/" + name);
            if (st.isPresent() && st.get().isRegularFile()) {
                found.add(new Candidate(name, m.group(1), order));
            }
        }
        found.sort(Comparator.comparing(Candidate::family).thenComparingLong(Candidate::order));
        return found.stream().map(c -> DIR + "/" + c.name()).toList();
    }
}
