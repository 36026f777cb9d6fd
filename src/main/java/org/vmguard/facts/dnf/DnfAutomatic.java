package org.vmguard.facts.dnf;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.vmguard.core.Evidence;
import org.vmguard.facts.FactKey;
import org.vmguard.facts.Host;
import org.vmguard.facts.ParseError;

/**
 * dnf-automatic's configuration, /etc/dnf/automatic.conf: an INI file whose [commands] section
 * says whether updates are applied ({@code apply_updates}, default no) and which
 * ({@code upgrade_type}: default or security). Values keep their file and line.
 *
 * @param present whether the file exists
 */
public record DnfAutomatic(String path, boolean present, Map<String, Setting> commands) {

    public static final String PATH = "/etc/dnf/automatic.conf";
    public static final FactKey<DnfAutomatic> KEY = FactKey.of("dnf-automatic", DnfAutomatic::load);

    public record Setting(String key, String value, int line) {
    }

    static DnfAutomatic load(Host host) {
        Optional<String> text = host.text(PATH);
        return text.map(t -> parse(PATH, t)).orElse(new DnfAutomatic(PATH, false, Map.of()));
    }

    /** INI as dnf reads it: [section], key = value (or key: value), # and ; comments. */
    public static DnfAutomatic parse(String path, String text) {
        Map<String, Setting> commands = new LinkedHashMap<>();
        String section = null;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i];
            String l = raw.strip();
            if (l.isEmpty() || l.startsWith("#") || l.startsWith(";")) {
                continue;
            }
            if (l.startsWith("[")) {
                if (!l.endsWith("]") || l.length() < 3) {
                    throw new ParseError(path, i + 1, "malformed section header: " + clip(l));
                }
                section = l.substring(1, l.length() - 1).strip();
                continue;
            }
            if (Character.isWhitespace(raw.charAt(0)) && section != null) {
                continue; // a continuation line of the previous value
            }
            int eq = firstOf(l, '=', ':');
            if (eq <= 0) {
                throw new ParseError(path, i + 1, "expected key = value: " + clip(l));
            }
            if (section == null) {
                throw new ParseError(path, i + 1, "setting before any [section]: " + clip(l));
            }
            String key = l.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = l.substring(eq + 1).strip();
            if (section.equals("commands")) {
                commands.put(key, new Setting(key, value, i + 1));
            }
        }
        return new DnfAutomatic(path, true, Map.copyOf(commands));
    }

    private static int firstOf(String s, char a, char b) {
        int x = s.indexOf(a);
        int y = s.indexOf(b);
        if (x < 0) {
            return y;
        }
        return y < 0 ? x : Math.min(x, y);
    }

    /** dnf's boolean values; empty when the text is none of them (dnf-automatic then refuses to run). */
    public static Optional<Boolean> bool(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "1", "yes", "true", "on" -> Optional.of(true);
            case "0", "no", "false", "off" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    public Optional<Setting> get(String key) {
        return Optional.ofNullable(commands.get(key));
    }

    public Evidence evidence(Setting s) {
        return Evidence.at(path, s.line(), s.key() + " = " + s.value());
    }

    private static String clip(String s) {
        // messages reach terminals: control characters and undecodable bytes are shown as '?'
        String t = s.length() > 80 ? s.substring(0, 80) + "…" : s;
        StringBuilder b = new StringBuilder(t.length());
        t.codePoints().forEach(c -> b.appendCodePoint(c < 0x20 || c == 0x7f || c == 0xfffd
                || (c >= 0x80 && c < 0xa0) ? '?' : c));
        return b.toString();
    }
}
