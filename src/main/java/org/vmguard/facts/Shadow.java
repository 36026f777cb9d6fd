package org.vmguard.facts;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vmguard.core.Evidence;

/**
 * /etc/shadow. It is readable by root (and group shadow) only: as any other user, loading it is a
 * {@link FactException} naming the path and "permission denied", so a check that needs it ends in
 * {@code error}, never in {@code pass}.
 *
 * @param present whether the file exists at all
 */
public record Shadow(String path, boolean present, List<Entry> entries, List<Evidence> malformed) {

    public static final String PATH = "/etc/shadow";
    public static final FactKey<Shadow> KEY = FactKey.of("shadow", Shadow::load);

    /** What the password field lets happen. */
    public enum PasswordState {
        /** An empty field: no password at all (pam_unix with nullok lets anyone in). */
        EMPTY,
        /** "!", "*", "!!", "!$6$…": no password login. */
        LOCKED,
        /** A hash: a password works. */
        USABLE
    }

    /**
     * One account.
     *
     * @param lastChange days since 1970-01-01 of the last password change; -1 when the field is empty
     */
    public record Entry(String name, String password, long lastChange, int line, String text) {

        public PasswordState state() {
            return Shadow.state(password);
        }

        public Evidence evidence(String path) {
            // never put a hash into a report: show the name and the state only
            return Evidence.at(path, line, name + ":" + redacted(password) + ":…");
        }
    }

    static Shadow load(Host host) {
        Optional<String> text = host.text(PATH);
        return text.map(t -> parse(PATH, t)).orElse(new Shadow(PATH, false, List.of(), List.of()));
    }

    public static Shadow parse(String path, String text) {
        List<Entry> entries = new ArrayList<>();
        List<Evidence> malformed = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.startsWith("#") || line.startsWith("+") || line.startsWith("-")) {
                continue;
            }
            String[] f = line.split(":", -1);
            if (f.length < 2 || f[0].isEmpty()) {
                malformed.add(Evidence.at(path, i + 1, "(malformed shadow line)"));
                continue;
            }
            long last = -1;
            if (f.length > 2 && !f[2].isEmpty()) {
                try {
                    last = Long.parseLong(f[2].strip());
                } catch (NumberFormatException e) {
                    last = -1;
                }
            }
            entries.add(new Entry(f[0], f[1], last, i + 1, f[0]));
        }
        return new Shadow(path, true, List.copyOf(entries), List.copyOf(malformed));
    }

    public Optional<Entry> get(String name) {
        return entries.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /** The state of a password field of /etc/passwd or /etc/shadow ("x" means: see shadow). */
    public static PasswordState state(String field) {
        if (field.isEmpty()) {
            return PasswordState.EMPTY;
        }
        if (field.startsWith("!") || field.startsWith("*")) {
            return PasswordState.LOCKED;
        }
        // crypt(3) never produces a hash shorter than 13 characters: "x", "NP", "LK" lock the account
        return field.length() < 13 ? PasswordState.LOCKED : PasswordState.USABLE;
    }

    static String redacted(String field) {
        return switch (state(field)) {
            case EMPTY -> "";
            case LOCKED -> field.length() <= 2 ? field : field.substring(0, 1) + "…";
            case USABLE -> "<hash>";
        };
    }
}
