package org.vmguard.facts.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vmguard.facts.Host;
import org.vmguard.facts.ParseError;
import org.vmguard.facts.PathGlob;

/**
 * nginx's configuration as {@code nginx -T} reads it: tokens separated by white space, {@code ;}
 * ending a directive, {@code { }} blocks, {@code #} comments to the end of the line, " and '
 * quoting with backslash escapes; {@code include} inlined where it stands, relative paths against
 * the directory of nginx.conf, globs sorted (no match is fine, a missing plain file is an error).
 *
 * @param includes every file read, in order, as nginx -T prints them
 */
public record NginxConfig(String main, List<String> includes, List<NginxDirective> tree) {

    public static final String MAIN = "/etc/nginx/nginx.conf";

    public static Optional<NginxConfig> load(Host host) {
        if (host.stat(MAIN).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(read(host, MAIN));
    }

    public static NginxConfig read(Host host, String main) {
        String prefix = main.substring(0, Math.max(1, main.lastIndexOf('/')));
        List<String> includes = new ArrayList<>();
        includes.add(main);
        String text = host.text(main).orElseThrow(() -> new ParseError(main, 0, "cannot read the configuration file"));
        List<NginxDirective> tree = inline(host, prefix, parse(main, text), includes, 0);
        return new NginxConfig(main, List.copyOf(includes), tree);
    }

    private static List<NginxDirective> inline(Host host, String prefix, List<NginxDirective> in, List<String> includes,
            int depth) {
        List<NginxDirective> out = new ArrayList<>();
        for (NginxDirective d : in) {
            if (d.block()) {
                out.add(d.withChildren(inline(host, prefix, d.children(), includes, depth)));
                continue;
            }
            if (!d.name().equals("include")) {
                out.add(d);
                continue;
            }
            if (d.args().size() != 1) {
                throw new ParseError(d.path(), d.line(), "invalid number of arguments in \"include\" directive");
            }
            if (depth > 50) {
                throw new ParseError(d.path(), d.line(), "includes nested too deeply");
            }
            String p = d.arg(0);
            p = ApacheConfig.normalise(p.startsWith("/") ? p : prefix + "/" + p);
            List<String> files;
            if (PathGlob.hasMagic(p)) {
                files = PathGlob.expand(host, p).stream().filter(f -> host.stat(f).map(s -> !s.isDirectory()).orElse(false))
                        .toList();
            } else {
                if (host.stat(p).isEmpty()) {
                    throw new ParseError(d.path(), d.line(), "open() \"" + p + "\" failed (No such file or directory)");
                }
                files = List.of(p);
            }
            for (String f : files) {
                includes.add(f);
                out.addAll(inline(host, prefix, parse(f, host.text(f).orElse("")), includes, depth + 1));
            }
        }
        return out;
    }

    private record Frame(String name, List<String> args, int line, List<NginxDirective> kids) {
    }

    /** One file, include lines left as they are. */
    public static List<NginxDirective> parse(String path, String text) {
        List<NginxDirective> top = new ArrayList<>();
        java.util.Deque<Frame> stack = new java.util.ArrayDeque<>();
        List<String> words = new ArrayList<>();
        int wordLine = 0;
        int line = 1;
        int i = 0;
        int n = text.length();
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
            if (c == ';' || c == '{') {
                if (words.isEmpty()) {
                    throw new ParseError(path, line, "unexpected \"" + c + "\"");
                }
                String name = words.get(0);
                List<String> args = List.copyOf(words.subList(1, words.size()));
                if (c == ';') {
                    (stack.isEmpty() ? top : stack.peek().kids()).add(new NginxDirective(name, args, path, wordLine, false,
                            List.of()));
                } else {
                    stack.push(new Frame(name, args, wordLine, new ArrayList<>()));
                }
                words.clear();
                i++;
                continue;
            }
            if (c == '}') {
                if (!words.isEmpty()) {
                    throw new ParseError(path, line, "unexpected \"}\"");
                }
                if (stack.isEmpty()) {
                    throw new ParseError(path, line, "unexpected \"}\"");
                }
                Frame f = stack.pop();
                (stack.isEmpty() ? top : stack.peek().kids()).add(new NginxDirective(f.name(), f.args(), path, f.line(), true,
                        f.kids()));
                i++;
                continue;
            }
            if (words.isEmpty()) {
                wordLine = line;
            }
            StringBuilder w = new StringBuilder();
            if (c == '"' || c == '\'') {
                int startLine = line;
                i++;
                boolean closed = false;
                while (i < n) {
                    char d = text.charAt(i);
                    if (d == '\\' && i + 1 < n && (text.charAt(i + 1) == c || text.charAt(i + 1) == '\\')) {
                        w.append(text.charAt(i + 1) == c ? c : '\\');
                        i += 2;
                        continue;
                    }
                    if (d == c) {
                        closed = true;
                        i++;
                        break;
                    }
                    if (d == '\n') {
                        line++;
                    }
                    w.append(d);
                    i++;
                }
                if (!closed) {
                    throw new ParseError(path, startLine, "unexpected end of file, expecting closing quote");
                }
                if (i < n && !Character.isWhitespace(text.charAt(i)) && ";{}".indexOf(text.charAt(i)) < 0) {
                    throw new ParseError(path, line, "unexpected \"" + text.charAt(i) + "\"");
                }
            } else {
                while (i < n) {
                    char d = text.charAt(i);
                    if (Character.isWhitespace(d) || d == ';' || d == '{' || d == '}') {
                        break;
                    }
                    if (d == '\\' && i + 1 < n) {
                        w.append(d).append(text.charAt(i + 1));
                        i += 2;
                        continue;
                    }
                    w.append(d);
                    i++;
                }
            }
            if (w.length() > 16384) {
                throw new ParseError(path, line, "token too long");
            }
            words.add(w.toString());
        }
        if (!words.isEmpty()) {
            throw new ParseError(path, line, "unexpected end of file, expecting \";\" or \"}\"");
        }
        if (!stack.isEmpty()) {
            throw new ParseError(path, line, "unexpected end of file, expecting \"}\"");
        }
        return top;
    }

    // ------------------------------------------------------------------ queries

    public List<NginxDirective> http() {
        return tree.stream().filter(d -> d.block() && d.name().equals("http")).toList();
    }

    /** Every server block of every http block. */
    public List<NginxDirective> servers() {
        List<NginxDirective> out = new ArrayList<>();
        for (NginxDirective h : http()) {
            h.children().stream().filter(d -> d.block() && d.name().equals("server")).forEach(out::add);
        }
        return out;
    }

    public static Optional<NginxDirective> last(List<NginxDirective> in, String name) {
        NginxDirective found = null;
        for (NginxDirective d : in) {
            if (!d.block() && d.name().equals(name)) {
                found = d;
            }
        }
        return Optional.ofNullable(found);
    }

    public static List<NginxDirective> all(List<NginxDirective> in, String name) {
        List<NginxDirective> out = new ArrayList<>();
        for (NginxDirective d : in) {
            if (d.name().equals(name)) {
                out.add(d);
            }
            out.addAll(all(d.children(), name));
        }
        return out;
    }
}
