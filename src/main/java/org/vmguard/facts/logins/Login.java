package org.vmguard.facts.logins;

import java.time.Instant;
import org.vmguard.core.Evidence;

/** One recorded login: when, on which terminal, from where, and the file that says so. */
public record Login(Instant time, String line, String host, String source) {

    public Evidence evidence(String who) {
        return Evidence.file(source, who + ": last login " + time + (line.isEmpty() ? "" : " on " + line)
                + (host.isEmpty() ? "" : " from " + host));
    }

    public Login later(Login other) {
        if (other == null) {
            return this;
        }
        return other.time.isAfter(time) ? other : this;
    }
}
