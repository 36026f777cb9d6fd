package org.vmguard.facts.packages;

import java.util.ArrayList;
import java.util.List;
import org.vmguard.facts.ParseError;

/**
 * dpkg's database of packages, /var/lib/dpkg/status: RFC 822 stanzas separated by blank lines,
 * continuation lines starting with a space or tab. A package counts as installed when the last
 * word of its Status field is {@code installed} ("install ok installed", "hold ok installed").
 */
public final class DpkgStatus {

    public static final String PATH = "/var/lib/dpkg/status";

    private DpkgStatus() {
    }

    public static List<InstalledPackages.Package> parse(String path, String text) {
        List<InstalledPackages.Package> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        Stanza s = new Stanza();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.isBlank()) {
                s.finish(path, out);
                s = new Stanza();
                continue;
            }
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                if (s.start == 0) {
                    throw new ParseError(path, i + 1, "continuation line before any field");
                }
                continue; // descriptions and conffiles: nothing we need
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new ParseError(path, i + 1, "field name must be followed by a colon: " + clip(line));
            }
            if (s.start == 0) {
                s.start = i + 1;
            }
            String field = line.substring(0, colon);
            String value = line.substring(colon + 1).strip();
            switch (field.toLowerCase(java.util.Locale.ROOT)) {
                case "package" -> {
                    s.name = value;
                    s.line = i + 1;
                }
                case "status" -> s.status = value;
                case "version" -> s.version = value;
                case "architecture" -> s.arch = value;
                default -> {
                    // other fields are not needed
                }
            }
        }
        s.finish(path, out);
        return out;
    }

    private static final class Stanza {
        int start;
        int line;
        String name;
        String status = "";
        String version = "";
        String arch = "";

        void finish(String path, List<InstalledPackages.Package> out) {
            if (start == 0) {
                return;
            }
            if (name == null || name.isEmpty()) {
                throw new ParseError(path, start, "stanza without a Package field");
            }
            String[] words = status.split("\\s+");
            boolean installed = words.length == 3 && words[2].equals("installed");
            if (installed) {
                out.add(new InstalledPackages.Package(name, version, arch, 0, path, line));
            }
        }
    }

    static String clip(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
