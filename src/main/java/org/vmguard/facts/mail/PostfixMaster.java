package org.vmguard.facts.mail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vmguard.core.Evidence;
import org.vmguard.facts.ParseError;

/**
 * Postfix's master.cf, read as master(5) says: one service per logical line (a line starting with
 * white space continues it; {@code #} lines are comments), eight fields (service, type, private,
 * unpriv, chroot, wakeup, maxproc, command) followed by the command's arguments, where {@code -o
 * name=value} and {@code -o { name = value }} override main.cf for that service.
 */
public record PostfixMaster(String path, List<Service> services) {

    /** One service line; {@code overrides} are its -o parameters in order. */
    public record Service(String name, String type, String command, List<String> args, Map<String, String> overrides,
            int line, String text) {

        public Evidence evidence(String path) {
            return Evidence.at(path, line, text);
        }

        /** The host part of an inet service name ("127.0.0.1:smtp" → "127.0.0.1"), or "" for none. */
        public String host() {
            int colon = name.lastIndexOf(':');
            if (colon < 0) {
                return "";
            }
            String h = name.substring(0, colon);
            return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
        }

        /** The port part of an inet service name, as a number where it names a known service. */
        public int port() {
            int colon = name.lastIndexOf(':');
            String p = colon < 0 ? name : name.substring(colon + 1);
            return switch (p) {
                case "smtp" -> 25;
                case "submission" -> 587;
                case "smtps", "submissions", "urd" -> 465;
                default -> {
                    try {
                        yield Integer.parseInt(p);
                    } catch (NumberFormatException e) {
                        yield -1;
                    }
                }
            };
        }
    }

    public static PostfixMaster parse(String path, String text) {
        List<Service> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        int i = 0;
        while (i < lines.length) {
            String line = strip(lines[i]);
            int start = i++;
            if (line.isBlank() || line.stripLeading().startsWith("#") || Character.isWhitespace(line.charAt(0))) {
                continue;
            }
            StringBuilder logical = new StringBuilder(line.strip());
            while (i < lines.length) {
                String next = strip(lines[i]);
                if (next.isBlank() || next.stripLeading().startsWith("#")) {
                    i++;
                    continue;
                }
                if (!Character.isWhitespace(next.charAt(0))) {
                    break;
                }
                logical.append(' ').append(next.strip());
                i++;
            }
            out.add(service(path, start + 1, logical.toString()));
        }
        return new PostfixMaster(path, List.copyOf(out));
    }

    private static String strip(String s) {
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    private static Service service(String path, int line, String logical) {
        List<String> f = tokens(path, line, logical);
        if (f.size() < 8) {
            throw new ParseError(path, line, "a service needs 8 fields (service type private unpriv chroot wakeup maxproc command), found "
                    + f.size() + ": " + PostfixMain.clip(logical));
        }
        List<String> args = List.copyOf(f.subList(8, f.size()));
        Map<String, String> overrides = new LinkedHashMap<>();
        for (int k = 0; k < args.size(); k++) {
            if (!args.get(k).equals("-o")) {
                continue;
            }
            if (k + 1 >= args.size()) {
                throw new ParseError(path, line, "-o without name=value");
            }
            String nv = args.get(++k);
            if (nv.startsWith("{") && nv.endsWith("}")) {
                nv = nv.substring(1, nv.length() - 1).strip();
            }
            int eq = nv.indexOf('=');
            if (eq <= 0) {
                throw new ParseError(path, line, "-o " + PostfixMain.clip(nv) + ": missing '='");
            }
            overrides.put(nv.substring(0, eq).strip(), nv.substring(eq + 1).strip());
        }
        return new Service(f.get(0), f.get(1), f.get(7), args, Map.copyOf(overrides), line, PostfixMain.clip(logical));
    }

    /** White-space separated fields; {…} groups (Postfix 3.0+) stay one field. */
    private static List<String> tokens(String path, int line, String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '{') {
                int end = PostfixMain.matching(s, i, '{', '}');
                if (end < 0) {
                    throw new ParseError(path, line, "unbalanced { in: " + PostfixMain.clip(s));
                }
                out.add(s.substring(i, end + 1));
                i = end + 1;
                continue;
            }
            int j = i;
            while (j < s.length() && !Character.isWhitespace(s.charAt(j))) {
                j++;
            }
            out.add(s.substring(i, j));
            i = j;
        }
        return out;
    }

    /** The services that accept connections from the network: type inet, command smtpd. */
    public List<Service> smtpdInet() {
        return services.stream().filter(s -> s.type().equals("inet") && s.command().equals("smtpd")).toList();
    }
}
