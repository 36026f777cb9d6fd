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
