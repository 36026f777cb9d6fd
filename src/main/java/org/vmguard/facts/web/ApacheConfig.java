package org.vmguard.facts.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vmguard.core.Evidence;
import org.vmguard.facts.Host;
import org.vmguard.facts.ParseError;
import org.vmguard.facts.PathGlob;

/**
 * Apache httpd's configuration as the server reads it at start-up: the main file, Include and
 * IncludeOptional inlined in order (globs, paths relative to ServerRoot, directories read whole),
 * {@code ${VAR}} from Define and Debian's envvars, and IfModule/IfDefine/IfVersion/IfFile sections
 * decided as they are met (LoadModule and Define take effect from their line on, as in httpd).
 * What remains is a tree of directives and VirtualHost/Directory/Location/Files sections.
 *
 * @param includes every file read, in order, as {@code apache2ctl -t -D DUMP_INCLUDES} lists them
 * @param modules loaded module identifiers ({@code userdir_module}) → the line that loaded them
 */
public record ApacheConfig(String main, String serverRoot, List<String> includes, Map<String, Evidence> modules,
        List<ApacheDirective> tree) {

    /** Compiled into Debian's and RHEL's httpd 2.4 ({@code apache2 -l}). */
    static final Set<String> STATIC = Set.of("core_module", "so_module", "watchdog_module", "http_module",
            "log_config_module", "logio_module", "version_module", "unixd_module");

    static final String VERSION = "2.4.71";

    /** Where vmguard looks: Debian's layout, then Red Hat's. */
    public static final List<String[]> LAYOUTS = List.of(
            new String[] {"/etc/apache2/apache2.conf", "/etc/apache2"},
            new String[] {"/etc/httpd/conf/httpd.conf", "/etc/httpd"});

    public static Optional<ApacheConfig> load(Host host) {
        for (String[] l : LAYOUTS) {
            if (host.stat(l[0]).isPresent()) {
                Map<String, String> vars = l[1].equals("/etc/apache2") ? envvars(host, "/etc/apache2/envvars") : Map.of();
                return Optional.of(read(host, l[0], l[1], vars, Set.of()));
            }
        }
        return Optional.empty();
    }

    /** Reads a configuration; {@code defines} are the -D names given on the command line. */
    public static ApacheConfig read(Host host, String main, String serverRoot, Map<String, String> env,
            Set<String> defines) {
        Reader r = new Reader(host, serverRoot, env, defines);
        String text = host.text(main).orElseThrow(() -> new ParseError(main, 0, "cannot read the configuration file"));
        r.includes.add(main);
        List<ApacheDirective> tree = r.eval(ApacheFile.parse(main, text), 0);
        return new ApacheConfig(main, r.serverRoot, List.copyOf(r.includes), Map.copyOf(r.modules), tree);
    }

    /** Debian's /etc/apache2/envvars: the {@code export NAME=value} lines (with $SUFFIX empty, as by default). */
    public static Map<String, String> envvars(Host host, String path) {
        Map<String, String> out = new LinkedHashMap<>();
        Pattern p = Pattern.compile("^\\s*export\\s+([A-Za-z_][A-Za-z0-9_]*)=(\\S*)");
        for (String line : host.text(path).orElse("").split("\n")) {
            Matcher m = p.matcher(line);
            if (m.find()) {
                String v = m.group(2).replace("$SUFFIX", "").replace("${SUFFIX}", "");
                if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
                    v = v.substring(1, v.length() - 1);
                }
                out.put(m.group(1), v);
            }
        }
        return out;
    }

    private static final class Reader {
        final Host host;
        String serverRoot;
        final Map<String, String> vars = new HashMap<>();
        final Set<String> defines = new java.util.HashSet<>();
        final List<String> includes = new ArrayList<>();
        final Map<String, Evidence> modules = new LinkedHashMap<>();
        final Map<String, Evidence> sources = new HashMap<>();

        Reader(Host host, String serverRoot, Map<String, String> env, Set<String> defs) {
            this.host = host;
            this.serverRoot = serverRoot;
            vars.putAll(env);
            defines.addAll(defs);
            for (String m : STATIC) {
                modules.put(m, Evidence.note(m + " is compiled into httpd"));
                sources.put(sourceOf(m), modules.get(m));
            }
        }

        /** httpd's AP_MAX_INCLUDE_DEPTH: it reads 128 nested includes and rejects the 129th. */
        static final int MAX_INCLUDE_DEPTH = 128;

        List<ApacheDirective> eval(List<ApacheDirective> in, int depth) {
            if (depth > MAX_INCLUDE_DEPTH) {
                ApacheDirective d = in.isEmpty() ? null : in.get(0);
                throw new ParseError(d == null ? "" : d.path(), d == null ? 0 : d.line(), "includes nested too deeply");
            }
            List<ApacheDirective> out = new ArrayList<>();
            for (ApacheDirective raw : in) {
                ApacheDirective d = raw.withArgs(raw.args().stream().map(a -> expand(raw, a)).toList());
                String n = d.lower();
                if (d.section()) {
                    switch (n) {
                        case "ifmodule" -> {
                            if (test(d, m -> loaded(m))) {
                                out.addAll(eval(d.children(), depth));
                            } else {
                                unclosed(d);
                            }
                        }
                        case "ifdefine" -> {
                            if (test(d, defines::contains)) {
                                out.addAll(eval(d.children(), depth));
                            } else {
                                unclosed(d);
                            }
                        }
                        case "iffile" -> {
                            if (test(d, f -> host.stat(absolute(f)).isPresent())) {
                                out.addAll(eval(d.children(), depth));
                            } else {
                                unclosed(d);
                            }
                        }
                        case "ifversion" -> {
                            if (version(d)) {
                                out.addAll(eval(d.children(), depth));
                            } else {
                                unclosed(d);
                            }
                        }
                        default -> out.add(d.withChildren(eval(d.children(), depth)));
                    }
                    continue;
                }
                switch (n) {
                    case "include", "includeoptional" -> {
                        if (d.args().isEmpty()) {
                            throw new ParseError(d.path(), d.line(), d.name() + " takes one argument");
                        }
                        for (String f : files(d, n.equals("includeoptional"))) {
                            includes.add(f);
                            String text = host.text(f).orElse("");
                            out.addAll(eval(ApacheFile.parse(f, text), depth + 1));
                        }
                    }
                    case "loadmodule" -> {
                        if (d.args().size() != 2) {
                            throw new ParseError(d.path(), d.line(), "LoadModule takes two arguments");
                        }
                        modules.putIfAbsent(d.arg(0), d.evidence());
                        sources.putIfAbsent(sourceFromFile(d.arg(1)), d.evidence());
                        out.add(d);
                    }
                    case "define" -> {
                        if (d.args().isEmpty() || d.args().size() > 2) {
                            throw new ParseError(d.path(), d.line(), "Define takes one or two arguments");
                        }
                        defines.add(d.arg(0));
                        vars.put(d.arg(0), d.args().size() == 2 ? d.arg(1) : "");
                        out.add(d);
                    }
                    case "undefine" -> {
                        defines.remove(d.arg(0));
                        vars.remove(d.arg(0));
                        out.add(d);
                    }
                    case "serverroot" -> {
                        if (!d.args().isEmpty()) {
                            serverRoot = d.arg(0);
                        }
                        out.add(d);
                    }
                    default -> out.add(d);
                }
            }
            return out;
        }

        /** A false condition left open at the end of its file: httpd's "Expected </X> before end of configuration". */
        static void unclosed(ApacheDirective d) {
            if (d.unclosed()) {
                throw new ParseError(d.path(), d.line(), "expected </" + d.name() + "> before end of configuration");
            }
        }

        boolean loaded(String m) {
            if (m.endsWith(".c")) {
                return sources.containsKey(m);
            }
            return modules.containsKey(m);
        }

        boolean test(ApacheDirective d, java.util.function.Predicate<String> p) {
            if (d.args().size() != 1) {
                throw new ParseError(d.path(), d.line(), "<" + d.name() + "> takes exactly one argument");
            }
            String a = d.arg(0);
            boolean neg = a.startsWith("!");
            if (neg) {
                a = a.substring(1);
            }
            return p.test(a) != neg;
        }

        boolean version(ApacheDirective d) {
            List<String> a = d.args();
            if (a.isEmpty() || a.size() > 2) {
                throw new ParseError(d.path(), d.line(), "<IfVersion> takes an operator and a version");
            }
            String op = a.size() == 2 ? a.get(0) : "=";
            String want = a.get(a.size() - 1);
            boolean neg = op.startsWith("!");
            if (neg) {
                op = op.substring(1);
            }
            int c = compare(VERSION, want);
            if (c == Integer.MIN_VALUE) {
                throw new ParseError(d.path(), d.line(), "bad version '" + ApacheFile.clip(want) + "'");
            }
            boolean r = switch (op) {
                case "=", "==" -> c == 0; // missing parts are 0: "= 2.4" is 2.4.0, as mod_version has it
                case ">" -> c > 0;
                case ">=" -> c >= 0;
                case "<" -> c < 0;
                case "<=" -> c <= 0;
                case "~" -> VERSION.matches(want);
                default -> throw new ParseError(d.path(), d.line(), "bad operator '" + ApacheFile.clip(op) + "'");
            };
            return r != neg;
        }

        private static int compare(String have, String want) {
            String[] h = have.split("\\.");
            String[] w = want.split("\\.");
            if (w.length > 3) {
                return Integer.MIN_VALUE;
            }
            for (int i = 0; i < 3; i++) {
                String wi = i < w.length ? w[i] : "0";
                if (!wi.matches("\\d{1,6}")) {
                    return Integer.MIN_VALUE;
                }
                int c = Integer.compare(Integer.parseInt(h[i]), Integer.parseInt(wi));
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        }

        String expand(ApacheDirective d, String a) {
            if (!a.contains("${")) {
                return a;
            }
            StringBuilder b = new StringBuilder();
            int i = 0;
            while (i < a.length()) {
                int s = a.indexOf("${", i);
                int e = s < 0 ? -1 : a.indexOf('}', s);
                if (s < 0 || e < 0) {
                    b.append(a, i, a.length());
                    break;
                }
                b.append(a, i, s);
                String name = a.substring(s + 2, e);
                String v = vars.get(name);
                b.append(v != null ? v : a.substring(s, e + 1)); // httpd warns and leaves it as written
                i = e + 1;
            }
            return b.toString();
        }

        String absolute(String p) {
            if (p.startsWith("/")) {
                return normalise(p);
            }
            return normalise(serverRoot + "/" + p);
        }

        List<String> files(ApacheDirective d, boolean optional) {
            String pattern = absolute(d.arg(0));
            if (!PathGlob.hasMagic(pattern)) {
                var st = host.stat(pattern);
                if (st.isEmpty()) {
                    if (optional) {
                        return List.of();
                    }
                    throw new ParseError(d.path(), d.line(), "could not open configuration file " + pattern);
                }
                return dirOrFile(pattern);
            }
            List<String> matched = PathGlob.expand(host, pattern);
            if (matched.isEmpty() && !optional) {
                throw new ParseError(d.path(), d.line(), "no matches for the wildcard pattern " + pattern);
            }
            List<String> out = new ArrayList<>();
            for (String m : matched) {
                out.addAll(dirOrFile(m));
            }
            return out;
        }

        /** A directory is read whole, its entries sorted, as httpd does. */
        List<String> dirOrFile(String p) {
            var st = host.stat(p);
            boolean dir = st.isPresent() && (st.get().isDirectory()
                    || st.get().isSymlink() && !host.list(p).isEmpty());
            if (!dir) {
                return List.of(p);
            }
            List<String> names = new ArrayList<>(host.list(p));
            names.sort(null);
            List<String> out = new ArrayList<>();
            for (String n : names) {
                out.addAll(dirOrFile(p + "/" + n));
            }
            return out;
        }
    }

    static String normalise(String p) {
        List<String> parts = new ArrayList<>();
        for (String s : p.split("/")) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
                continue;
            }
            parts.add(s);
        }
        return "/" + String.join("/", parts);
    }

    /** "mod_userdir.so" → "mod_userdir.c", how <IfModule mod_x.c> names a module. */
    static String sourceFromFile(String file) {
        String f = file.substring(file.lastIndexOf('/') + 1);
        if (f.endsWith(".so")) {
            f = f.substring(0, f.length() - 3);
        }
        return f + ".c";
    }

    static String sourceOf(String module) {
        return switch (module) {
            case "core_module" -> "core.c";
            case "http_module" -> "http_core.c";
            default -> "mod_" + module.replace("_module", "") + ".c";
        };
    }

    // ------------------------------------------------------------------ queries

    public boolean loaded(String module) {
        return modules.containsKey(module);
    }

    /** Directives outside any section, in order. */
    public List<ApacheDirective> serverLevel(String name) {
        return tree.stream().filter(d -> !d.section() && d.is(name)).toList();
    }

    public Optional<ApacheDirective> lastServerLevel(String name) {
        List<ApacheDirective> l = serverLevel(name);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(l.size() - 1));
    }

    public List<ApacheDirective> virtualHosts() {
        return tree.stream().filter(d -> d.section() && d.is("VirtualHost")).toList();
    }

    /** Every directive of this name anywhere in the tree, in order. */
    public List<ApacheDirective> everywhere(String name) {
        List<ApacheDirective> out = new ArrayList<>();
        walk(tree, name, out);
        return out;
    }

    private static void walk(List<ApacheDirective> l, String name, List<ApacheDirective> out) {
        for (ApacheDirective d : l) {
            if (d.is(name)) {
                out.add(d);
            }
            walk(d.children(), name, out);
        }
    }

    public String absolute(String p) {
        return p.startsWith("/") ? normalise(p) : normalise(serverRoot + "/" + p);
    }

    static String lowerArg(ApacheDirective d, int i) {
        return d.arg(i).toLowerCase(Locale.ROOT);
    }
}
