package org.vmguard.facts.logging;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.vmguard.core.Evidence;
import org.vmguard.facts.ParseError;

/**
 * syslog-ng's remote destinations: `destination NAME { network("host" transport("tls") …); };`
 * and the older tcp()/udp()/syslog() drivers, through `@include` (globs; relative names from
 * /etc/syslog-ng). Only destinations that a `log { … }` path uses forward anything; a
 * destination written inline in a log path counts too. TLS: transport("tls") (or "proxied-tls"),
 * or a tcp()/tcp6() driver with a tls() block.
 */
public final class SyslogNg {

    public static final String CONF = "/etc/syslog-ng/syslog-ng.conf";
    static final Set<String> REMOTE = Set.of("network", "syslog", "tcp", "tcp6", "udp", "udp6");

    private SyslogNg() {
    }

    private record Token(String text, boolean quoted, String file, int line) {
        boolean is(String s) {
            return !quoted && text.equals(s);
        }
    }

    /** Parses the configuration and returns the forwards of the destinations a log path uses. */
    public static List<Rsyslog.Forward> parse(String path, String text, Rsyslog.Files files) {
        List<Token> toks = new ArrayList<>();
        lex(path, text, files, toks, 0);
        Map<String, List<Rsyslog.Forward>> named = new HashMap<>();
        Set<String> used = new HashSet<>();
        List<Rsyslog.Forward> inline = new ArrayList<>();
        int i = 0;
        while (i < toks.size()) {
            Token t = toks.get(i);
            if (t.is(";")) {
                i++;
                continue;
            }
            if (t.is("destination") && i + 2 < toks.size() && toks.get(i + 2).is("{")) {
                int end = close(toks, i + 2);
                named.put(toks.get(i + 1).text(), drivers(toks.subList(i + 3, end)));
                i = end + 1;
                continue;
            }
            if (t.is("log") && i + 1 < toks.size() && toks.get(i + 1).is("{")) {
                int end = close(toks, i + 1);
                List<Token> body = toks.subList(i + 2, end);
                for (int j = 0; j < body.size(); j++) {
                    if (body.get(j).is("destination") && j + 1 < body.size()) {
                        if (body.get(j + 1).is("(") && j + 2 < body.size()) {
                            used.add(body.get(j + 2).text());
                        } else if (body.get(j + 1).is("{")) {
                            int e = close(body, j + 1);
                            inline.addAll(drivers(body.subList(j + 2, e)));
                            j = e;
                        }
                    }
                }
                i = end + 1;
                continue;
            }
            if (i + 1 < toks.size() && toks.get(i + 1).is("{")) {
                i = close(toks, i + 1) + 1;
                continue;
            }
            if (i + 2 < toks.size() && toks.get(i + 2).is("{")) {
                i = close(toks, i + 2) + 1;
                continue;
            }
            throw new ParseError(t.file(), t.line(), "unexpected `" + t.text() + "`");
        }
        List<Rsyslog.Forward> out = new ArrayList<>();
        for (String u : used) {
            out.addAll(named.getOrDefault(u, List.of()));
        }
        out.addAll(inline);
        out.sort(java.util.Comparator.comparing((Rsyslog.Forward f) -> f.evidence().path())
                .thenComparingInt(f -> f.evidence().line()));
        return out;
    }

    /** The index of the "}" (or ")") closing the opener at {@code open}. */
    private static int close(List<Token> t, int open) {
        String o = t.get(open).text();
        String c = o.equals("{") ? "}" : ")";
        int level = 0;
        for (int i = open; i < t.size(); i++) {
            if (t.get(i).is(o)) {
                level++;
            } else if (t.get(i).is(c)) {
                level--;
                if (level == 0) {
                    return i;
                }
            }
        }
        throw new ParseError(t.get(open).file(), t.get(open).line(), "`" + o + "` is never closed");
    }

    private static List<Rsyslog.Forward> drivers(List<Token> body) {
        List<Rsyslog.Forward> out = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            Token t = body.get(i);
            if (t.quoted() || i + 1 >= body.size() || !body.get(i + 1).is("(")) {
                continue;
            }
            int end = close(body, i + 1);
            if (REMOTE.contains(t.text())) {
                List<Token> args = body.subList(i + 2, end);
                String host = args.isEmpty() ? "" : args.get(0).text();
                String transport = t.text().startsWith("udp") ? "udp" : t.text().startsWith("tcp") ? "tcp"
                        : t.text().equals("syslog") ? "tcp" : "udp";
                boolean tlsBlock = false;
                String port = "";
                for (int j = 0; j < args.size(); j++) {
                    Token a = args.get(j);
                    if (a.is("transport") && j + 2 < args.size()) {
                        transport = args.get(j + 2).text();
                    } else if (a.is("tls") && j + 1 < args.size() && args.get(j + 1).is("(")) {
                        tlsBlock = true;
                    } else if ((a.is("port") || a.is("destport")) && j + 2 < args.size()) {
                        port = args.get(j + 2).text();
                    }
                }
                boolean tls = transport.equals("tls") || transport.equals("proxied-tls")
                        || (tlsBlock && (t.text().equals("tcp") || t.text().equals("tcp6")));
                String why = tls ? "transport " + (transport.equals("tls") ? "tls" : transport + " with tls()")
                        : "transport " + transport + (tlsBlock ? " (its tls() options are not used)" : "");
                out.add(new Rsyslog.Forward(host + (port.isEmpty() ? "" : ":" + port), transport, tls, why,
                        Evidence.at(t.file(), t.line(), t.text() + "(\"" + host + "\" … transport(" + transport + "))")));
            }
            i = end;
        }
        return out;
    }

    private static void lex(String path, String text, Rsyslog.Files files, List<Token> out, int depth) {
        if (depth > 16) {
            throw new ParseError(path, 0, "includes nested too deeply");
        }
        int line = 1;
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                i++;
                continue;
            }
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '#') {
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            if (c == '@') {
                int eol = text.indexOf('\n', i);
                String l = text.substring(i, eol < 0 ? n : eol).strip();
                if (l.startsWith("@include")) {
                    String arg = l.substring(8).strip();
                    if (arg.length() < 2 || !(arg.startsWith("\"") && arg.endsWith("\"")
                            || arg.startsWith("'") && arg.endsWith("'"))) {
                        throw new ParseError(path, line, "@include needs a quoted file name");
                    }
                    String name = arg.substring(1, arg.length() - 1);
                    // relative names: the configuration directory, then the SCL include directory
                    String full = name.startsWith("/") ? name : "/etc/syslog-ng/" + name;
                    List<String> paths = files.expand(full);
                    if (!name.startsWith("/") && (paths.isEmpty() || files.read(paths.get(0)).isEmpty())) {
                        List<String> scl = files.expand("/usr/share/syslog-ng/include/" + name);
                        if (!scl.isEmpty() && files.read(scl.get(0)).isPresent() || org.vmguard.facts.PathGlob.hasMagic(name)) {
                            full = "/usr/share/syslog-ng/include/" + name;
                            paths = scl;
                        }
                    }
                    for (String p : paths) {
                        Optional<String> t = files.read(p);
                        if (t.isEmpty() && !org.vmguard.facts.PathGlob.hasMagic(full)) {
                            throw new ParseError(path, line, "included file " + p + " does not exist");
                        }
                        t.ifPresent(x -> lex(p, x, files, out, depth + 1));
                    }
                }
                i = eol < 0 ? n : eol;
                continue;
            }
            if (c == '"' || c == '\'') {
                StringBuilder b = new StringBuilder();
                int j = i + 1;
                int start = line;
                while (j < n && text.charAt(j) != c) {
                    if (text.charAt(j) == '\\' && c == '"' && j + 1 < n) {
                        j++;
                    }
                    if (text.charAt(j) == '\n') {
                        line++;
                    }
                    b.append(text.charAt(j));
                    j++;
                }
                if (j >= n) {
                    throw new ParseError(path, start, "unterminated string");
                }
                out.add(new Token(b.toString(), true, path, start));
                i = j + 1;
                continue;
            }
            if (c == '{' || c == '}' || c == '(' || c == ')' || c == ';') {
                out.add(new Token(String.valueOf(c), false, path, line));
                i++;
                continue;
            }
            int j = i;
            while (j < n && !Character.isWhitespace(text.charAt(j)) && "{}();\"'#".indexOf(text.charAt(j)) < 0) {
                j++;
            }
            out.add(new Token(text.substring(i, j), false, path, line));
            i = j;
        }
    }
}
