package org.vmguard.facts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vmguard.core.Evidence;
import org.vmguard.core.OsInfo;

/**
 * /etc/os-release (or /usr/lib/os-release): which distribution and release this is.
 *
 * @param path the file read, or null when neither exists
 */
public record OsRelease(String path, Map<String, String> values, Map<String, Integer> lines) {

    public static final FactKey<OsRelease> KEY = FactKey.of("os-release", OsRelease::load);

    static OsRelease load(Host host) {
        for (String p : List.of("/etc/os-release", "/usr/lib/os-release")) {
            Optional<String> text = host.text(p);
            if (text.isPresent()) {
                return parse(p, text.get());
            }
        }
        return new OsRelease(null, Map.of(), Map.of());
    }

    /** Shell-style KEY=value lines, values optionally quoted; anything else is ignored, as systemd does. */
    public static OsRelease parse(String path, String text) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        String[] all = text.split("\n", -1);
        for (int i = 0; i < all.length; i++) {
            String line = all[i].strip();
            int eq = line.indexOf('=');
            if (line.startsWith("#") || eq <= 0) {
                continue;
            }
            String key = line.substring(0, eq);
            if (!key.matches("[A-Z_][A-Z0-9_]*")) {
                continue;
            }
            values.put(key, unquote(line.substring(eq + 1)));
            lines.put(key, i + 1);
        }
        return new OsRelease(path, Map.copyOf(values), Map.copyOf(lines));
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'') && v.charAt(v.length() - 1) == v.charAt(0)) {
            v = v.substring(1, v.length() - 1);
        }
        return v.replace("\\\"", "\"").replace("\\$", "$").replace("\\\\", "\\");
    }

    public String get(String key) {
        return values.getOrDefault(key, "");
    }

    /** "debian", "ubuntu", "rocky", … */
    public String id() {
        return get("ID");
    }

    public String versionId() {
        return get("VERSION_ID");
    }

    /** ID followed by ID_LIKE, e.g. [rocky, rhel, centos, fedora]. */
    public List<String> family() {
        List<String> out = new java.util.ArrayList<>();
        if (!id().isEmpty()) {
            out.add(id());
        }
        for (String s : get("ID_LIKE").split("\\s+")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    public boolean debianFamily() {
        return family().contains("debian") || family().contains("ubuntu");
    }

    public boolean rhelFamily() {
        List<String> f = family();
        return f.contains("rhel") || f.contains("fedora") || f.contains("centos");
    }

    public OsInfo info() {
        return path == null ? OsInfo.UNKNOWN : new OsInfo(id(), versionId(), get("PRETTY_NAME"));
    }

    public Evidence evidence(String key) {
        return Evidence.at(path, lines.getOrDefault(key, 0), key + "=" + get(key));
    }
}
