package org.vmguard.facts.update;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vmguard.facts.ParseError;

/**
 * The shipped, dated table of releases and their end of support (resource
 * org/vmguard/eol.csv): when standard support ends, when free security support ends (Debian LTS
 * counts as free), and when paid extended support (Ubuntu Pro ESM, RHEL ELS, Freexian ELTS) ends.
 */
public record EolTable(String tableDate, List<Row> rows) {

    public static final String RESOURCE = "/org/vmguard/eol.csv";

    /** @param paidEnd empty when no paid extension exists */
    public record Row(String distro, String version, String codename, LocalDate release, LocalDate standardEnd,
            LocalDate freeEnd, Optional<LocalDate> paidEnd, String paidName, String source, int line) {
    }

    private static volatile EolTable shipped;

    public static EolTable shipped() {
        EolTable t = shipped;
        if (t == null) {
            try (InputStream in = EolTable.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing from the build");
                }
                t = parse(RESOURCE, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            shipped = t;
        }
        return t;
    }

    public static EolTable parse(String path, String text) {
        List<Row> rows = new ArrayList<>();
        String date = "";
        String[] lines = text.split("\n", -1);
        boolean header = true;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.startsWith("#")) {
                int at = line.indexOf("Table date:");
                if (at >= 0) {
                    date = line.substring(at + "Table date:".length()).replace(".", "").strip();
                }
                continue;
            }
            if (line.isEmpty()) {
                continue;
            }
            if (header) {
                header = false;
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length != 9) {
                throw new ParseError(path, i + 1, "expected 9 columns, found " + f.length);
            }
            try {
                rows.add(new Row(f[0], f[1], f[2], LocalDate.parse(f[3]), LocalDate.parse(f[4]), LocalDate.parse(f[5]),
                        f[6].isEmpty() ? Optional.empty() : Optional.of(LocalDate.parse(f[6])), f[7], f[8], i + 1));
            } catch (DateTimeParseException e) {
                throw new ParseError(path, i + 1, "bad date: " + e.getParsedString());
            }
        }
        if (date.isEmpty()) {
            throw new ParseError(path, 0, "the table carries no \"Table date:\" line");
        }
        return new EolTable(date, List.copyOf(rows));
    }

    public Optional<Row> find(String distro, String version) {
        return rows.stream().filter(r -> r.distro().equals(distro) && r.version().equals(version)).findFirst();
    }

    /** Releases of one distribution, newest first (by release date). */
    public List<Row> of(String distro) {
        return rows.stream().filter(r -> r.distro().equals(distro))
                .sorted((a, b) -> b.release().compareTo(a.release())).toList();
    }
}
