package org.vmguard.facts.apt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.vmguard.core.Evidence;

/**
 * What unattended-upgrades would take from APT's configuration: its allowed origins
 * ({@code Unattended-Upgrade::Allowed-Origins} "origin:archive" entries and
 * {@code ::Origins-Pattern} "key=value,…" entries), with {@code ${distro_id}} and
 * {@code ${distro_codename}} substituted as unattended-upgrade does (from lsb_release, which
 * reads os-release), and matched against an archive the way its match_whitelist_string does:
 * every key must match, by shell-style pattern (fnmatch).
 */
public final class UnattendedUpgrades {

    private UnattendedUpgrades() {
    }

    /** An archive as apt-cache policy describes it (o=, a=, n=, l=, c=, site). */
    public record Archive(String origin, String label, String archive, String codename, String component,
            String site) {
    }

    /**
     * One allowed-origin entry, after substitution.
     *
     * @param problem why unattended-upgrade would stop on this entry ("" when fine): an unknown key,
     *     an unknown ${variable}, an entry that is not "key=value"
     */
    public record AllowedOrigin(String text, Map<String, String> matchers, AptConfig.Value source, String problem) {

        public Evidence evidence() {
            return source.evidence();
        }

        /** Does this entry let unattended-upgrades install from that archive? */
        public boolean matches(Archive a) {
            if (!problem.isEmpty() || matchers.isEmpty()) {
                return false;
            }
            for (Map.Entry<String, String> m : matchers.entrySet()) {
                String field = switch (m.getKey()) {
                    case "o", "origin" -> a.origin();
                    case "l", "label" -> a.label();
                    case "a", "suite", "archive" -> a.archive();
                    case "c", "component" -> a.component();
                    case "site" -> a.site();
                    case "n", "codename" -> a.codename();
                    default -> null;
                };
                if (field == null || !fnmatch(m.getValue(), field)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The allowed origins, legacy Allowed-Origins first, as get_allowed_origins() orders them. */
    public static List<AllowedOrigin> patterns(AptConfig config, String distroId, String codename) {
        List<AllowedOrigin> out = new ArrayList<>();
        for (AptConfig.Value v : config.list("Unattended-Upgrade::Allowed-Origins")) {
            out.add(legacy(v, distroId, codename));
        }
        for (AptConfig.Value v : config.list("Unattended-Upgrade::Origins-Pattern")) {
            out.add(pattern(v, v.value(), distroId, codename));
        }
        return out;
    }

    private static AllowedOrigin legacy(AptConfig.Value v, String distroId, String codename) {
        String s = v.value();
        String[] parts = s.split("(?<!\\\\):", -1);
        String id;
        String archive;
        if (parts.length == 2) {
            id = parts[0];
            archive = parts[1];
        } else if (parts.length == 1) {
            String[] words = s.strip().split("\\s+");
            if (words.length != 2) {
                return new AllowedOrigin(s, Map.of(), v, "not \"origin:archive\" nor \"origin archive\"");
            }
            id = words[0];
            archive = words[1];
        } else {
            return new AllowedOrigin(s, Map.of(), v, "more than one unescaped ':'");
        }
        id = id.replace("\\:", ":");
        try {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("o", substitute(id, distroId, codename));
            m.put("a", substitute(archive, distroId, codename));
            return new AllowedOrigin("o=" + m.get("o") + ",a=" + m.get("a"), m, v, "");
        } catch (IllegalArgumentException e) {
            return new AllowedOrigin(s, Map.of(), v, e.getMessage());
        }
    }

    private static AllowedOrigin pattern(AptConfig.Value v, String raw, String distroId, String codename) {
        String s;
        try {
            s = substitute(raw, distroId, codename).strip();
        } catch (IllegalArgumentException e) {
            return new AllowedOrigin(raw, Map.of(), v, e.getMessage());
        }
        if (s.isEmpty()) {
            return new AllowedOrigin(raw, Map.of(), v, "an empty pattern matches nothing");
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (String token : s.replace("\\,", "%2C").split(",", -1)) {
            String[] kv = token.split("=", -1);
            if (kv.length != 2) {
                return new AllowedOrigin(s, Map.of(), v, "\"" + token + "\" is not key=value");
            }
            String key = kv[0].strip().replace("%2C", ",");
            String value = kv[1].strip().replace("%2C", ",");
            if (!List.of("o", "origin", "l", "label", "a", "suite", "archive", "c", "component", "site", "n",
                    "codename").contains(key)) {
                return new AllowedOrigin(s, Map.of(), v, "unknown matcher \"" + key + "\"");
            }
            // a key given twice must match both values; keep the pair apart
            m.merge(key, value, (x, y) -> x.equals(y) ? x : "\0" + x + "\0" + y);
        }
        return new AllowedOrigin(s, m, v, "");
    }

    /** Python's string.Template.substitute with the two variables unattended-upgrade knows. */
    static String substitute(String s, String distroId, String codename) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != '$') {
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 < s.length() && s.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
                continue;
            }
            String name;
            int end;
            if (i + 1 < s.length() && s.charAt(i + 1) == '{') {
                int close = s.indexOf('}', i + 2);
                if (close < 0) {
                    throw new IllegalArgumentException("unterminated ${ in \"" + s + "\"");
                }
                name = s.substring(i + 2, close);
                end = close + 1;
            } else {
                int j = i + 1;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                    j++;
                }
                name = s.substring(i + 1, j);
                end = j;
            }
            switch (name) {
                case "distro_id" -> out.append(distroId);
                case "distro_codename" -> out.append(codename);
                default -> throw new IllegalArgumentException(
                        "unknown variable $" + name + " (unattended-upgrade knows distro_id and distro_codename)");
            }
            i = end;
        }
        return out.toString();
    }

    /** Python's fnmatch on POSIX: case-sensitive *, ?, [seq] and [!seq]. */
    static boolean fnmatch(String pattern, String text) {
        if (pattern.startsWith("\0")) {
            String[] both = pattern.substring(1).split("\0", 2);
            return fnmatch(both[0], text) && fnmatch(both[1], text);
        }
        return Pattern.compile(translate(pattern), Pattern.DOTALL).matcher(text).matches();
    }

    private static String translate(String pat) {
        StringBuilder re = new StringBuilder();
        int i = 0;
        int n = pat.length();
        while (i < n) {
            char c = pat.charAt(i++);
            if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else if (c == '[') {
                int j = i;
                if (j < n && pat.charAt(j) == '!') {
                    j++;
                }
                if (j < n && pat.charAt(j) == ']') {
                    j++;
                }
                while (j < n && pat.charAt(j) != ']') {
                    j++;
                }
                if (j >= n) {
                    re.append("\\[");
                } else {
                    String stuff = pat.substring(i, j).replace("\\", "\\\\");
                    i = j + 1;
                    if (stuff.startsWith("!")) {
                        stuff = "^" + stuff.substring(1);
                    } else if (stuff.startsWith("^")) {
                        stuff = "\\" + stuff;
                    }
                    re.append('[').append(stuff.replace("[", "\\[").replace("&&", "\\&\\&")).append(']');
                }
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return re.toString();
    }

    /** lsb_release -is for the distributions whose security archive we know: "Debian", "Ubuntu". */
    public static String distroId(String osReleaseId) {
        return switch (osReleaseId.toLowerCase(Locale.ROOT)) {
            case "debian" -> "Debian";
            case "ubuntu" -> "Ubuntu";
            default -> osReleaseId.isEmpty() ? "" : Character.toUpperCase(osReleaseId.charAt(0)) + osReleaseId.substring(1);
        };
    }

    /**
     * The archive that carries a release's security updates, as its Release file describes it.
     * Debian 11 and later: codename "X-security", label Debian-Security (security.debian.org);
     * Debian 10 and older: codename "X" with label Debian-Security; Ubuntu: suite "X-security".
     *
     * @param debianSuite the suite the release currently has ("stable", "oldstable", …), "" when unknown
     */
    public static Archive securityArchive(String osReleaseId, String versionId, String codename, String debianSuite) {
        if (osReleaseId.equals("ubuntu")) {
            return new Archive("Ubuntu", "Ubuntu", codename + "-security", codename, "main", "security.ubuntu.com");
        }
        int major;
        try {
            major = Integer.parseInt(versionId.split("\\.")[0]);
        } catch (NumberFormatException e) {
            major = Integer.MAX_VALUE; // testing and unstable carry no VERSION_ID: the new layout
        }
        if (major >= 11) {
            return new Archive("Debian", "Debian-Security", debianSuite.isEmpty() ? "" : debianSuite + "-security",
                    codename + "-security", "main", "security.debian.org");
        }
        return new Archive("Debian", "Debian-Security", debianSuite, codename, "main", "security.debian.org");
    }
}
