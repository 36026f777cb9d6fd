package org.vmguard.facts.logins;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vmguard.facts.FactException;
import org.vmguard.facts.FactKey;
import org.vmguard.facts.Host;
import org.vmguard.facts.Passwd;
import org.vmguard.target.Target;

/**
 * When each account last logged in, from lastlog and wtmp together (the later wins). Either may
 * be missing: RHEL 9 and Debian 13 replace them with lastlog2 / wtmpdb SQLite databases, which are
 * noted in {@code unsupported} but not read.
 *
 * @param lastlog empty when /var/log/lastlog does not exist
 * @param wtmp empty when /var/log/wtmp does not exist
 * @param unsupported sources that exist but that we do not read, and what could not be read
 */
public record LastLogins(Optional<LastLog> lastlog, Optional<Wtmp> wtmp, List<String> unsupported) {

    public static final FactKey<LastLogins> KEY = FactKey.of("last logins", LastLogins::load);
    static final List<String> DATABASES = List.of("/var/lib/lastlog/lastlog2.db", "/var/lib/wtmpdb/wtmp.db");

    public LastLogins {
        unsupported = List.copyOf(unsupported);
    }

    static LastLogins load(Host host) {
        List<String> notes = new ArrayList<>();
        Optional<LastLog> lastlog = bytes(host, LastLog.PATH).map(b -> {
            if (b.length >= Target.MAX_READ) {
                notes.add(LastLog.PATH + " was read up to " + Target.MAX_READ + " bytes (UIDs up to "
                        + (Target.MAX_READ / LastLog.RECORD - 1) + ")");
            }
            return LastLog.parse(LastLog.PATH, b);
        });
        Optional<Wtmp> wtmp = bytes(host, Wtmp.PATH).map(b -> {
            if (b.length >= Target.MAX_READ) {
                notes.add(Wtmp.PATH + " was read up to " + Target.MAX_READ + " bytes: later logins are not seen");
            }
            return Wtmp.parse(Wtmp.PATH, b);
        });
        for (String db : DATABASES) {
            if (host.stat(db).isPresent()) {
                notes.add(db + " exists (an SQLite database vmguard does not read)");
            }
        }
        return new LastLogins(lastlog, wtmp, notes);
    }

    private static Optional<byte[]> bytes(Host host, String path) {
        try {
            return host.target().read(path);
        } catch (java.io.IOException e) {
            throw new FactException(Host.describe(path, e));
        }
    }

    /** Is there any source at all? */
    public boolean present() {
        return lastlog.isPresent() || wtmp.isPresent();
    }

    /** The later of the account's lastlog and wtmp records. */
    public Optional<Login> last(Passwd.Entry account) {
        Login l = lastlog.flatMap(ll -> ll.of(account.uid())).orElse(null);
        Login w = wtmp.flatMap(wt -> wt.of(account.name())).orElse(null);
        if (l == null) {
            return Optional.ofNullable(w);
        }
        return Optional.of(l.later(w));
    }

    /** Can we say "never logged in" for this account? Only if some source covers it. */
    public boolean covers(Passwd.Entry account) {
        return wtmp.isPresent() || lastlog.map(ll -> ll.covers(account.uid())).orElse(false);
    }

    /** "/var/log/lastlog and /var/log/wtmp (since 2026-11-01T…)". */
    public String describe() {
        List<String> s = new ArrayList<>();
        lastlog.ifPresent(l -> s.add(l.path()));
        wtmp.ifPresent(w -> s.add(w.path() + (w.since() == null ? " (empty)" : " (since " + w.since() + ")")));
        return String.join(" and ", s);
    }
}
