package org.vmguard.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The report formats of the interface contract. */
public enum Format {
    TEXT, JSON, JUNIT, SARIF, HTML, MARKDOWN, PROMETHEUS;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Format> parse(String s) {
        return Arrays.stream(values()).filter(f -> f.label().equalsIgnoreCase(s.strip())).findFirst();
    }

    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(Format::label).toList());
    }
}
