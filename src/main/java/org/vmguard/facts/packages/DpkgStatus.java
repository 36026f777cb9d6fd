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
        Stanza s = new Stanza();
        int n = text.length();
        int pos = 0;
        int lineNo = 0;
        // line by line without splitting the whole file: a status file is megabytes
        while (pos <= n) {
            int nl = text.indexOf('\n', pos);
            int end = nl < 0 ? n : nl;
            if (end > pos && text.charAt(end - 1) == '\r') {
                end--;
            }
            lineNo++;
            if (isBlank(text, pos, end)) {
                s.finish(path, out);
                s = new Stanza();
            } else if (text.charAt(pos) == ' ' || text.charAt(pos) == '\t') {
                if (s.start == 0) {
                    throw new ParseError(path, lineNo, "continuation line before any field");
                }
                // descriptions and conffiles: nothing we need
            } else {
                int colon = text.indexOf(':', pos);
                if (colon < 0 || colon >= end || colon == pos) {
                    throw new ParseError(path, lineNo, "field name must be followed by a colon: "
                            + clip(text.substring(pos, end)));
                }
                if (s.start == 0) {
                    s.start = lineNo;
                }
                int len = colon - pos;
                if (field(text, pos, len, "Package")) {
                    s.name = text.substring(colon + 1, end).strip();
                    s.line = lineNo;
                } else if (field(text, pos, len, "Status")) {
                    s.status = text.substring(colon + 1, end).strip();
                } else if (field(text, pos, len, "Version")) {
                    s.version = text.substring(colon + 1, end).strip();
                } else if (field(text, pos, len, "Architecture")) {
                    s.arch = text.substring(colon + 1, end).strip();
                }
            }
            if (nl < 0) {
                break;
            }
            pos = nl + 1;
        }
        s.finish(path, out);
        return out;
    }

    private static boolean field(String text, int pos, int len, String name) {
        return len == name.length() && text.regionMatches(true, pos, name, 0, len);
    }

    private static boolean isBlank(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
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
        // messages reach terminals: control characters and undecodable bytes are shown as '?'
        String t = s.length() > 80 ? s.substring(0, 80) + "…" : s;
        StringBuilder b = new StringBuilder(t.length());
        t.codePoints().forEach(c -> b.appendCodePoint(c < 0x20 || c == 0x7f || c == 0xfffd
                || (c >= 0x80 && c < 0xa0) ? '?' : c));
        return b.toString();
    }
}
