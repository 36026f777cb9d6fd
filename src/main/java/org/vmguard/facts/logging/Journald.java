package org.vmguard.facts.logging;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.vmguard.core.Evidence;
import org.vmguard.facts.FactKey;
import org.vmguard.facts.Host;
import org.vmguard.facts.ParseError;

/**
 * journald's effective settings: /etc/systemd/journald.conf, then the drop-ins of
 * journald.conf.d in /usr/lib, /run and /etc (sorted by file name across the directories, a name
 * in /etc hiding the same name elsewhere), the last assignment winning. Storage=auto (the
 * default) keeps logs on disk only when /var/log/journal exists.
 */
public record Journald(Evidence storage, Optional<Evidence> maxRetention, boolean journalDirExists,
        List<String> files) {

    public static final FactKey<Journald> KEY = FactKey.of("journald", Journald::load);
    static final String CONF = "/etc/systemd/journald.conf";
    static final List<String> DROPIN_DIRS = List.of("/etc/systemd/journald.conf.d", "/run/systemd/journald.conf.d",
            "/usr/local/lib/systemd/journald.conf.d", "/usr/lib/systemd/journald.conf.d");

    static Journald load(Host host) {
        List<String> files = new ArrayList<>();
        Map<String, String> text = new java.util.LinkedHashMap<>();
        host.text(CONF).ifPresent(t -> {
            files.add(CONF);
            text.put(CONF, t);
        });
        Map<String, String> dropins = new TreeMap<>();
        for (String dir : DROPIN_DIRS) {
            for (String n : host.list(dir)) {
                if (n.endsWith(".conf")) {
                    dropins.putIfAbsent(n, dir + "/" + n);
                }
            }
        }
        for (String p : dropins.values()) {
            host.text(p).ifPresent(t -> {
                files.add(p);
                text.put(p, t);
            });
        }
        boolean dir = host.stat("/var/log/journal").map(s -> s.isDirectory()).orElse(false);
        return parse(text, dir);
    }

    /** @param texts files in the order they apply */
    public static Journald parse(Map<String, String> texts, boolean journalDir) {
        Evidence storage = Evidence.note("Storage=auto (journald's default)");
        Evidence retention = null;
        for (Map.Entry<String, String> f : texts.entrySet()) {
            String path = f.getKey();
            String section = "";
            String[] lines = f.getValue().split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String l = lines[i].strip();
                if (l.isEmpty() || l.startsWith("#") || l.startsWith(";")) {
                    continue;
                }
                if (l.startsWith("[")) {
                    if (!l.endsWith("]")) {
                        throw new ParseError(path, i + 1, "bad section header " + l);
                    }
                    section = l.substring(1, l.length() - 1);
                    continue;
                }
                int eq = l.indexOf('=');
                if (eq <= 0) {
                    throw new ParseError(path, i + 1, "expected KEY=VALUE: " + l);
                }
                if (!section.equals("Journal")) {
                    continue;
                }
                String key = l.substring(0, eq).strip();
                String value = l.substring(eq + 1).strip();
                Evidence ev = Evidence.at(path, i + 1, key + "=" + value);
                if (key.equals("Storage")) {
                    storage = value.isEmpty() ? Evidence.note("Storage=auto (reset to the default at " + ev.where() + ")") : ev;
                } else if (key.equals("MaxRetentionSec")) {
                    seconds(path, i + 1, value);
                    retention = value.isEmpty() ? null : ev;
                }
            }
        }
        return new Journald(storage, Optional.ofNullable(retention), journalDir, List.copyOf(texts.keySet()));
    }

    public String storageValue() {
        return storage.text().substring(storage.text().indexOf('=') + 1).split(" ")[0].toLowerCase(Locale.ROOT);
    }

    /** Logs survive a reboot: Storage=persistent, or auto with /var/log/journal present. */
    public boolean persistent() {
        String s = storageValue();
        return s.equals("persistent") || (s.equals("auto") && journalDirExists);
    }

    /** MaxRetentionSec in seconds; 0 (no limit) when unset. */
    public long maxRetentionSeconds() {
        return maxRetention.map(e -> seconds(e.path(), e.line(), e.text().substring(e.text().indexOf('=') + 1)))
                .orElse(0L);
    }

    /** systemd time spans: "90d", "3month", "1y 2w", "3600" (seconds). */
    public static long seconds(String path, int line, String v) {
        String s = v.strip(); // units are case-sensitive: M is a month, m a minute
        if (s.isEmpty() || s.equals("0")) {
            return 0;
        }
        if (s.equals("infinity")) {
            return Long.MAX_VALUE;
        }
        double total = 0;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([a-zA-Zµ]*)").matcher(s);
        int at = 0;
        while (at < s.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new ParseError(path, line, "not a time span: " + v);
            }
            double n = Double.parseDouble(m.group(1));
            double unit = switch (m.group(2)) {
                case "", "s", "sec", "second", "seconds" -> 1;
                case "us", "usec", "µs" -> 1e-6;
                case "ms", "msec" -> 1e-3;
                case "m", "min", "minute", "minutes" -> 60;
                case "h", "hr", "hour", "hours" -> 3600;
                case "d", "day", "days" -> 86400;
                case "w", "week", "weeks" -> 7 * 86400;
                case "M", "month", "months" -> 30.44 * 86400;
                case "y", "year", "years" -> 365.25 * 86400;
                default -> throw new ParseError(path, line, "unknown time unit " + m.group(2) + " in " + v);
            };
            total += n * unit;
            at = m.end();
            while (at < s.length() && s.charAt(at) == ' ') {
                at++;
            }
        }
        return (long) total;
    }
}
