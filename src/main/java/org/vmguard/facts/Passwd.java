package org.vmguard.facts;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vmguard.core.Evidence;

/**
 * /etc/passwd. Lines that glibc would skip (comments, too few fields, a non-numeric id) are kept
 * aside as {@code malformed} rather than guessed at.
 *
 * @param present whether the file exists at all
 */
public record Passwd(String path, boolean present, List<Entry> entries, List<Evidence> malformed) {

    public static final String PATH = "/etc/passwd";
    public static final FactKey<Passwd> KEY = FactKey.of("passwd", Passwd::load);

    /** One account; {@code line} is its 1-based line number. */
    public record Entry(String name, String password, long uid, long gid, String gecos, String home, String shell,
            int line, String text) {

        public Evidence evidence(String path) {
            return Evidence.at(path, line, text);
        }

        /** False for nologin, false, sync-style shells and an empty field treated as /bin/sh by login. */
        public boolean hasLoginShell() {
            return Shells.isLoginShell(shell);
        }
    }

    static Passwd load(Host host) {
        Optional<String> text = host.text(PATH);
        Passwd p = text.map(t -> parse(PATH, t)).orElse(new Passwd(PATH, false, List.of(), List.of()));
        if (p.present() && p.entries().isEmpty() && !p.malformed().isEmpty()) {
            // nothing but junk: judging accounts from it would pass every check vacuously
            throw new ParseError(PATH, p.malformed().getFirst().line(), "no account could be read ("
                    + p.malformed().size() + " malformed line(s))");
        }
        return p;
    }

    public static Passwd parse(String path, String text) {
        List<Entry> entries = new ArrayList<>();
        List<Evidence> malformed = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(":", -1);
            if (line.startsWith("#") || line.startsWith("+") || line.startsWith("-")) {
                continue; // NIS compat lines and comments are not local accounts
            }
            if (f.length < 7 || f[0].isEmpty()) {
                malformed.add(Evidence.at(path, i + 1, clip(line)));
                continue;
            }
            long uid;
            long gid;
            try {
                uid = Long.parseLong(f[2]);
                gid = Long.parseLong(f[3]);
            } catch (NumberFormatException e) {
                malformed.add(Evidence.at(path, i + 1, clip(line)));
                continue;
            }
            entries.add(new Entry(f[0], f[1], uid, gid, f[4], f[5], f[6], i + 1, clip(line)));
        }
        return new Passwd(path, true, List.copyOf(entries), List.copyOf(malformed));
    }

    public Optional<Entry> byUid(long uid) {
        return entries.stream().filter(e -> e.uid() == uid).findFirst();
    }

    /** Accounts of people: UID_MIN ≤ uid ≤ UID_MAX, as useradd allocates them. */
    public List<Entry> humans(LoginDefs defs) {
        long min = defs.uidMin().value();
        long max = defs.uidMax().value();
        return entries.stream().filter(e -> e.uid() >= min && e.uid() <= max).toList();
    }

    public Optional<Entry> get(String name) {
        return entries.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    static String clip(String line) {
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
