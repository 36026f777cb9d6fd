package org.vmguard.facts;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.vmguard.core.Evidence;

/**
 * /etc/login.defs: "NAME value" lines. Numbers are read as shadow-utils' getdef does (strtol
 * with base 0: 0x… hex, 0… octal); a bad number falls back to the default, as it does.
 *
 * @param present whether the file exists
 */
public record LoginDefs(String path, boolean present, Map<String, Setting> settings) {

    public static final String PATH = "/etc/login.defs";
    public static final FactKey<LoginDefs> KEY = FactKey.of("login.defs", LoginDefs::load);

    /** shadow-utils' compiled-in defaults for the ranges we judge. */
    public static final long DEFAULT_UID_MIN = 1000;
    public static final long DEFAULT_UID_MAX = 60000;

    public record Setting(String name, String value, int line) {
    }

    /** A number and where it came from. */
    public record Number(String name, long value, Evidence evidence) {
    }

    public LoginDefs {
        settings = Map.copyOf(settings);
    }

    static LoginDefs load(Host host) {
        Optional<String> text = host.text(PATH);
        return text.map(t -> parse(PATH, t)).orElse(new LoginDefs(PATH, false, Map.of()));
    }

    public static LoginDefs parse(String path, String text) {
        Map<String, Setting> settings = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("[ \t]+", 2);
            String value = f.length > 1 ? unquote(f[1].strip()) : "";
            // getdef.c keeps the last occurrence
            settings.put(f[0], new Setting(f[0], value, i + 1));
        }
        return new LoginDefs(path, true, settings);
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }

    public Optional<Setting> get(String name) {
        return Optional.ofNullable(settings.get(name));
    }

    public Number number(String name, long fallback) {
        Setting s = settings.get(name);
        if (s == null) {
            return new Number(name, fallback, Evidence.note(name + " " + fallback + " (default: "
                    + (present ? "not set in " + path : path + " does not exist") + ")"));
        }
        Optional<Long> n = parseNumber(s.value());
        if (n.isEmpty()) {
            return new Number(name, fallback, Evidence.at(path, s.line(),
                    name + " " + s.value() + " (not a number: default " + fallback + " applies)"));
        }
        return new Number(name, n.get(), Evidence.at(path, s.line(), name + " " + s.value()));
    }

    public Number uidMin() {
        return number("UID_MIN", DEFAULT_UID_MIN);
    }

    public Number uidMax() {
        return number("UID_MAX", DEFAULT_UID_MAX);
    }

    /** strtol(s, NULL, 0) that must consume the whole string. */
    static Optional<Long> parseNumber(String s) {
        String t = s.strip();
        boolean neg = t.startsWith("-");
        if (neg || t.startsWith("+")) {
            t = t.substring(1);
        }
        int radix = 10;
        if (t.startsWith("0x") || t.startsWith("0X")) {
            radix = 16;
            t = t.substring(2);
        } else if (t.length() > 1 && t.startsWith("0")) {
            radix = 8;
            t = t.substring(1);
        }
        if (t.isEmpty() || t.length() > 18) {
            return Optional.empty();
        }
        try {
            long v = Long.parseLong(t, radix);
            return Optional.of(neg ? -v : v);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
