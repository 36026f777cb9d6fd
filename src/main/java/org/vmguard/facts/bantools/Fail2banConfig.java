package org.vmguard.facts.bantools;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vmguard.core.Evidence;
import org.vmguard.facts.ParseError;

/**
 * fail2ban's jail configuration as fail2ban-client computes it: jail.conf, jail.d/*.conf,
 * jail.local, jail.d/*.local, in that order, each with its [INCLUDES] before/after files (and
 * their .local siblings); Python configparser syntax (key = value or key: value, indented
 * continuation lines, lower-case keys, "; " inline comments); later files override earlier ones
 * section by section; [DEFAULT] applies to every jail; values interpolated with %(name)s,
 * %(known/name)s (the value before this override), %(default/name)s and %(section/name)s.
 */
public final class Fail2banConfig {

    /** One assignment with its provenance. */
    public record Value(String raw, String file, int line) {
        public Evidence evidence(String key) {
            return Evidence.at(file, line, key + " = " + raw.replace("\n", "\\n"));
        }
    }

    /** Reads a config file: its text, or empty when missing; lists a directory's names. */
    public interface Files {
        Optional<String> read(String path);

        List<String> list(String dir);
    }

    private final Map<String, Map<String, Value>> sections = new LinkedHashMap<>();
    private final Map<String, Value> defaults = new LinkedHashMap<>();
    /** Values a section had before the file that overrode them: %(known/x)s. */
    private final Map<String, Map<String, Value>> known = new LinkedHashMap<>();
    private final List<String> files = new ArrayList<>();

    private Fail2banConfig() {
    }

    /** The files read, in order. */
    public List<String> files() {
        return files;
    }

    /** Reads {dir}/jail.conf and its companions. */
    public static Fail2banConfig read(String dir, Files fs) {
        Fail2banConfig c = new Fail2banConfig();
        List<String> order = new ArrayList<>();
        order.add(dir + "/jail.conf");
        fs.list(dir + "/jail.d").stream().filter(n -> n.endsWith(".conf")).sorted().forEach(n -> order.add(dir + "/jail.d/" + n));
        order.add(dir + "/jail.local");
        fs.list(dir + "/jail.d").stream().filter(n -> n.endsWith(".local")).sorted().forEach(n -> order.add(dir + "/jail.d/" + n));
        List<String> full = new ArrayList<>();
        for (String f : order) {
            full.addAll(includes(f, fs, new ArrayList<>()));
        }
        for (String f : full) {
            Optional<String> t = fs.read(f);
            if (t.isPresent()) {
                c.merge(f, parseIni(f, t.get()));
                c.files.add(f);
            }
        }
        return c;
    }

    /** The file with its before/after includes, each with its .local sibling, recursively. */
    private static List<String> includes(String file, Files fs, List<String> seen) {
        Optional<String> t = fs.read(file);
        if (t.isEmpty()) {
            return List.of();
        }
        List<String> before = new ArrayList<>();
        List<String> after = new ArrayList<>();
        Map<String, Map<String, Value>> ini = parseIni(file, t.get());
        Map<String, Value> inc = ini.get("INCLUDES");
        String dir = file.substring(0, file.lastIndexOf('/'));
        if (inc != null) {
            for (String which : List.of("before", "after")) {
                Value v = inc.get(which);
                if (v == null) {
                    continue;
                }
                for (String name : v.raw().split("\n")) {
                    name = name.strip();
                    if (name.isEmpty()) {
                        continue;
                    }
                    String r = name.startsWith("/") ? name : dir + "/" + name;
                    if (seen.contains(r) || r.equals(file) || seen.size() > 20) {
                        continue;
                    }
                    List<String> s = new ArrayList<>(seen);
                    s.add(file);
                    List<String> target = which.equals("before") ? before : after;
                    for (String e : withLocal(r, fs)) {
                        target.addAll(includes(e, fs, s));
                    }
                }
            }
        }
        List<String> out = new ArrayList<>(before);
        out.add(file);
        out.addAll(after);
        return out;
    }

    private static List<String> withLocal(String f, Files fs) {
        List<String> out = new ArrayList<>(List.of(f));
        int dot = f.lastIndexOf('.');
        String local = (dot > f.lastIndexOf('/') ? f.substring(0, dot) : f) + ".local";
        if (!local.equals(f) && fs.read(local).isPresent()) {
            out.add(local);
        }
        return out;
    }

    private void merge(String file, Map<String, Map<String, Value>> ini) {
        ini.forEach((name, opts) -> {
            if (name.equals("DEFAULT")) {
                defaults.putAll(opts);
                return;
            }
            Matcher cond = Pattern.compile("^(\\w+)(\\?.+)$").matcher(name);
            Map<String, Value> s = new LinkedHashMap<>(opts);
            String n = name;
            if (cond.matches()) {
                n = cond.group(1);
                Map<String, Value> renamed = new LinkedHashMap<>();
                String suffix = cond.group(2);
                s.forEach((k, v) -> renamed.put(k + suffix, v));
                s = renamed;
            }
            Map<String, Value> existing = sections.get(n);
            if (existing != null) {
                Map<String, Value> k = known.computeIfAbsent(n, x -> new LinkedHashMap<>());
                for (String key : s.keySet()) {
                    if (existing.containsKey(key)) {
                        k.put(key, existing.get(key));
                    }
                }
                existing.putAll(s);
            } else {
                sections.put(n, s);
            }
        });
    }

    /**
     * Python configparser with fail2ban's settings. Errors configparser would raise (a line before
     * any section, a duplicate section or option in one file, a line that is neither) are ParseErrors.
     */
    public static Map<String, Map<String, Value>> parseIni(String path, String text) {
        Map<String, Map<String, Value>> out = new LinkedHashMap<>();
        Map<String, Value> cur = null;
        String curKey = null;
        int curIndent = 0;
        StringBuilder curVal = null;
        int curLine = 0;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i].replace("\r", "");
            String stripped = raw.strip();
            if (stripped.startsWith("#") || stripped.startsWith(";")) {
                continue; // full-line comments do not end a multi-line value
            }
            String value = stripInline(raw).strip();
            int indent = raw.length() - raw.stripLeading().length();
            if (value.isEmpty()) {
                if (curVal != null) {
                    curVal.append('\n');
                }
                continue;
            }
            if (cur != null && curKey != null && curVal != null && indent > curIndent) {
                curVal.append('\n').append(value);
                continue;
            }
            if (curKey != null) {
                cur.put(curKey, new Value(curVal.toString().strip(), path, curLine));
                curKey = null;
                curVal = null;
            }
            curIndent = indent;
            if (value.startsWith("[") && value.endsWith("]") && value.length() > 2) {
                String name = value.substring(1, value.length() - 1);
                if (out.containsKey(name)) {
                    throw new ParseError(path, i + 1, "section [" + name + "] already exists in this file");
                }
                cur = new LinkedHashMap<>();
                out.put(name, cur);
                continue;
            }
            if (cur == null) {
                throw new ParseError(path, i + 1, "a line before any [section]: " + clip(stripped));
            }
            int eq = firstDelimiter(value);
            if (eq <= 0) {
                throw new ParseError(path, i + 1, "expected `key = value`: " + clip(stripped));
            }
            String key = value.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            if (cur.containsKey(key)) {
                throw new ParseError(path, i + 1, "option " + key + " already set in this section of this file");
            }
            curKey = key;
            curVal = new StringBuilder(value.substring(eq + 1).strip());
            curLine = i + 1;
            cur.put(curKey, new Value("", path, curLine));
        }
        if (curKey != null) {
            cur.put(curKey, new Value(curVal.toString().strip(), path, curLine));
        }
        return out;
    }

    private static int firstDelimiter(String s) {
        int a = s.indexOf('=');
        int b = s.indexOf(':');
        if (a < 0) {
            return b;
        }
        return b < 0 ? a : Math.min(a, b);
    }

    /** "; comment" after whitespace is a comment (fail2ban's inline_comment_prefixes). */
    private static String stripInline(String s) {
        for (int i = 1; i < s.length(); i++) {
            if (s.charAt(i) == ';' && Character.isWhitespace(s.charAt(i - 1))) {
                return s.substring(0, i);
            }
        }
        return s;
    }

    private static String clip(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }

    /** Jail names: every section but DEFAULT, INCLUDES and KNOWN/…, as written. */
    public List<String> jails() {
        return sections.keySet().stream().filter(n -> !n.equals("INCLUDES") && !n.startsWith("KNOWN/")
                && !n.equals("Definition") && !n.equals("Init")).toList();
    }

    /** The raw assignment that wins for this jail (its own section, else [DEFAULT]). */
    public Optional<Value> raw(String jail, String key) {
        Map<String, Value> s = sections.get(jail);
        if (s != null && s.containsKey(key)) {
            return Optional.of(s.get(key));
        }
        return Optional.ofNullable(defaults.get(key));
    }

    /** The interpolated value, empty when unset. */
    public Optional<String> get(String jail, String key) {
        return raw(jail, key).map(v -> interpolate(jail, key, v, 0));
    }

    private static final Pattern REF = Pattern.compile("%\\(([^)]+)\\)s");

    private String interpolate(String jail, String key, Value v, int depth) {
        if (depth > 10) {
            throw new ParseError(v.file(), v.line(), "interpolation of " + key + " is nested too deeply (a loop?)");
        }
        String s = v.raw();
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != '%') {
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 < s.length() && s.charAt(i + 1) == '%') {
                out.append('%');
                i += 2;
                continue;
            }
            Matcher m = REF.matcher(s);
            if (!m.find(i) || m.start() != i) {
                throw new ParseError(v.file(), v.line(), "'%' must be followed by '%' or '(' in " + key + ": " + clip(s));
            }
            String name = m.group(1);
            String lower = name.toLowerCase(Locale.ROOT);
            Value ref = null;
            String refJail = jail;
            if (lower.equals("__name__")) {
                out.append(jail);
                i = m.end();
                continue;
            }
            int slash = name.indexOf('/');
            if (slash > 0) {
                String sec = name.substring(0, slash);
                String opt = name.substring(slash + 1).toLowerCase(Locale.ROOT);
                if (sec.equalsIgnoreCase("known")) {
                    ref = known.getOrDefault(jail, Map.of()).get(opt);
                    if (ref == null) {
                        ref = defaults.get(opt);
                    }
                } else if (sec.equalsIgnoreCase("default")) {
                    ref = defaults.get(opt);
                } else {
                    ref = sections.getOrDefault(sec, Map.of()).get(opt);
                    refJail = sec;
                    if (ref == null) {
                        ref = defaults.get(opt);
                    }
                }
            } else {
                ref = raw(jail, lower).orElse(null);
            }
            if (ref == null) {
                throw new ParseError(v.file(), v.line(), "%(" + name + ")s in " + key + " names no option of [" + jail
                        + "] or [DEFAULT]");
            }
            out.append(interpolate(refJail, lower, ref, depth + 1));
            i = m.end();
        }
        return out.toString();
    }

    /** fail2ban's boolean: true, yes, on, 1 (case-insensitive). */
    public boolean enabled(String jail) {
        return get(jail, "enabled").map(v -> Set.of("true", "yes", "on", "1").contains(v.strip().toLowerCase(Locale.ROOT)))
                .orElse(false);
    }

    public List<String> enabledJails() {
        return jails().stream().filter(this::enabled).toList();
    }

    /** The backend ("auto" when unset), with the parameters after it stripped ("systemd[journalflags=1]"). */
    public String backend(String jail) {
        return get(jail, "backend").map(String::strip).filter(s -> !s.isEmpty()).orElse("auto");
    }

    /** The logpath lines (globs possible), empty for a journal backend. */
    public List<String> logpaths(String jail) {
        List<String> out = new ArrayList<>();
        get(jail, "logpath").ifPresent(v -> {
            for (String l : v.split("\n")) {
                String p = l.strip();
                // "tail"/"head" options follow the path after a space
                int sp = p.indexOf(' ');
                if (sp > 0) {
                    p = p.substring(0, sp);
                }
                if (!p.isEmpty()) {
                    out.add(p);
                }
            }
        });
        return out;
    }

    /** The action files the jail's action lines name ("iptables-multiport" of "iptables-multiport[name=…]"). */
    public List<String> actionFiles(String jail) {
        return actionLines(jail).stream().map(a -> {
            int br = a.indexOf('[');
            return (br >= 0 ? a.substring(0, br) : a).strip();
        }).filter(a -> !a.isEmpty()).distinct().toList();
    }

    /**
     * The action ids fail2ban gives them: the file name, or its actname= parameter, with a name=
     * parameter other than the jail's appended ("iptables-allports-ssh"), as fail2ban's reader does.
     */
    public List<String> actions(String jail) {
        Set<String> out = new LinkedHashSet<>();
        for (String a : actionLines(jail)) {
            int br = a.indexOf('[');
            String file = (br >= 0 ? a.substring(0, br) : a).strip();
            if (file.isEmpty()) {
                continue;
            }
            Map<String, String> params = br >= 0 ? params(a.substring(br + 1, a.lastIndexOf(']') > br
                    ? a.lastIndexOf(']') : a.length())) : Map.of();
            String id = params.get("actname");
            if (id == null) {
                id = file;
                String n = params.getOrDefault("name", jail);
                if (!n.equals(jail)) {
                    id += n.startsWith(jail) ? n.substring(jail.length()) : "-" + n;
                }
            }
            out.add(id);
        }
        return List.copyOf(out);
    }

    private List<String> actionLines(String jail) {
        List<String> out = new ArrayList<>();
        get(jail, "action").ifPresent(v -> {
            for (String l : v.split("\n")) {
                if (!l.isBlank()) {
                    out.add(l.strip());
                }
            }
        });
        return out;
    }

    /** key=value, key="value, with commas" pairs of an action's [..] options. */
    static Map<String, String> params(String s) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("\\s*([\\w-]+)\\s*=\\s*(\"[^\"]*\"|'[^']*'|[^,]*)\\s*,?").matcher(s);
        while (m.find()) {
            String v = m.group(2).strip();
            if (v.length() >= 2 && (v.startsWith("\"") || v.startsWith("'"))) {
                v = v.substring(1, v.length() - 1);
            }
            out.put(m.group(1), v);
        }
        return out;
    }

    /** Reads through functions (tests). */
    public static Files files(Function<String, Optional<String>> read, Function<String, List<String>> list) {
        return new Files() {
            @Override
            public Optional<String> read(String path) {
                return read.apply(path);
            }

            @Override
            public List<String> list(String dir) {
                return list.apply(dir);
            }
        };
    }
}
