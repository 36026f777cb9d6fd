package org.vmguard.facts.logging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.vmguard.core.Evidence;
import org.vmguard.facts.FactKey;
import org.vmguard.facts.Host;
import org.vmguard.facts.ParseError;
import org.vmguard.facts.PathGlob;

/**
 * logrotate's configuration as logrotate reads it: /etc/logrotate.conf, its `include` lines
 * (a directory includes its regular files in name order, dot files too, skipping names that match
 * the taboo patterns, which `tabooext` and `taboopat` change for later includes), global
 * directives that change the defaults for every block after them (also across included files),
 * and `pattern … { … }` blocks that override them for their files. Scripts (postrotate …
 * endscript) are read over.
 *
 * @param entries one entry per pattern, in the order logrotate sees them
 */
public record Logrotate(boolean present, List<Entry> entries) {

    public static final String CONF = "/etc/logrotate.conf";
    public static final FactKey<Logrotate> KEY = FactKey.of("logrotate", Logrotate::load);

    /** logrotate 3.21's taboo patterns, as `logrotate -d` names them when it skips a file. */
    static final List<String> TABOO = List.of("*,v", "*.bak", "*.cfsaved", "*.disabled", "*.dpkg-bak", "*.dpkg-del",
            "*.dpkg-dist", "*.dpkg-new", "*.dpkg-old", "*.dpkg-tmp", "*.rhn-cfg-tmp-*", "*.rpmnew", "*.rpmorig",
            "*.rpmsave", "*.swp", "*.ucf-dist", "*.ucf-new", "*.ucf-old", "*~");

    /** The effective settings of one pattern. {@code rotate} and {@code period} keep the line that set them. */
    public record Settings(int rotate, Evidence rotateFrom, String period, Evidence periodFrom, int maxage,
            Evidence maxageFrom) {

        static final Settings DEFAULT = new Settings(0, Evidence.note("rotate 0 (logrotate's default)"), "",
                Evidence.note("no interval: rotated on a run (daily from logrotate.timer or cron.daily) once over 1 MB"),
                -1, null);

        /** Days of history kept: rotate × interval, capped by maxage. */
        public double days() {
            double per = switch (period) {
                case "hourly" -> 1.0 / 24;
                case "weekly" -> 7;
                case "monthly" -> 30;
                case "yearly" -> 365;
                default -> 1;
            };
            double d = rotate * per;
            return maxage >= 0 ? Math.min(d, maxage) : d;
        }

        public List<Evidence> evidence() {
            List<Evidence> e = new ArrayList<>(List.of(rotateFrom, periodFrom));
            if (maxageFrom != null) {
                e.add(maxageFrom);
            }
            return e;
        }
    }

    public record Entry(String pattern, Settings settings, Evidence block) {
    }

    static Logrotate load(Host host) {
        Optional<String> t = host.text(CONF);
        if (t.isEmpty()) {
            return new Logrotate(false, List.of());
        }
        return parse(CONF, t.get(), new Reader() {
            @Override
            public Optional<String> read(String path) {
                return host.text(path);
            }

            @Override
            public boolean isDirectory(String path) {
                return host.stat(path).map(s -> s.isDirectory()).orElse(false)
                        || host.readLink(path).isPresent() && !host.list(path).isEmpty();
            }

            @Override
            public List<String> list(String dir) {
                return host.list(dir);
            }
        });
    }

    public interface Reader {
        Optional<String> read(String path);

        boolean isDirectory(String path);

        List<String> list(String dir);
    }

    /** Parses a main file and what it includes. */
    public static Logrotate parse(String path, String text, Reader reader) {
        State s = new State(reader);
        s.file(path, text, 0);
        return new Logrotate(true, List.copyOf(s.entries));
    }

    private static final class State {
        final Reader reader;
        Settings defaults = Settings.DEFAULT;
        List<String> taboo = TABOO;
        final List<Entry> entries = new ArrayList<>();
        final Map<String, Evidence> seen = new LinkedHashMap<>();

        State(Reader reader) {
            this.reader = reader;
        }

        void file(String path, String text, int depth) {
            if (depth > 10) {
                throw new ParseError(path, 0, "include nested too deeply");
            }
            String[] lines = text.split("\n", -1);
            List<String> pending = new ArrayList<>();
            int pendingLine = 0;
            Settings block = null;
            int blockLine = 0;
            List<String> blockPatterns = null;
            boolean script = false;
            for (int i = 0; i < lines.length; i++) {
                int no = i + 1;
                String line = lines[i].strip();
                if (script) {
                    if (line.equals("endscript")) {
                        script = false;
                    }
                    continue;
                }
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (block == null) {
                    int brace = line.indexOf('{');
                    if (brace >= 0) {
                        pending.addAll(words(path, no, line.substring(0, brace)));
                        if (pending.isEmpty()) {
                            throw new ParseError(path, no, "a block with no file pattern");
                        }
                        String rest = line.substring(brace + 1).strip();
                        block = defaults;
                        blockLine = pendingLine == 0 ? no : pendingLine;
                        blockPatterns = new ArrayList<>(pending);
                        pending.clear();
                        pendingLine = 0;
                        if (!rest.isEmpty()) {
                            if (rest.equals("}")) {
                                close(path, blockLine, blockPatterns, block);
                                block = null;
                                continue;
                            }
                            throw new ParseError(path, no, "text after `{`: " + rest);
                        }
                        continue;
                    }
                    if (line.startsWith("/") || line.startsWith("\"") || line.startsWith("'") || line.startsWith("~")) {
                        pending.addAll(words(path, no, line));
                        if (pendingLine == 0) {
                            pendingLine = no;
                        }
                        continue;
                    }
                    if (!pending.isEmpty()) {
                        throw new ParseError(path, no, "file patterns at line " + pendingLine + " are not followed by `{`");
                    }
                    if (line.equals("}")) {
                        throw new ParseError(path, no, "unexpected `}`");
                    }
                    List<String> w = words(path, no, line);
                    if (w.get(0).equals("include")) {
                        if (w.size() < 2) {
                            throw new ParseError(path, no, "include needs a path");
                        }
                        include(path, no, w.get(1), depth);
                        continue;
                    }
                    if (w.get(0).equals("tabooext") || w.get(0).equals("taboopat")) {
                        taboo = taboo(w, taboo);
                        continue;
                    }
                    defaults = directive(path, no, line, w, defaults);
                    continue;
                }
                if (line.equals("}")) {
                    close(path, blockLine, blockPatterns, block);
                    block = null;
                    continue;
                }
                List<String> w = words(path, no, line);
                if (Set.of("postrotate", "prerotate", "firstaction", "lastaction", "preremove").contains(w.get(0))) {
                    script = true;
                    continue;
                }
                if (w.get(0).equals("include") || w.get(0).equals("tabooext") || w.get(0).equals("taboopat")) {
                    throw new ParseError(path, no, w.get(0) + " may not appear inside a block (logrotate skips the block)");
                }
                if (line.contains("{")) {
                    throw new ParseError(path, no, "nested blocks are not allowed");
                }
                block = directive(path, no, line, w, block);
            }
            if (script) {
                throw new ParseError(path, lines.length, "script without endscript");
            }
            if (block != null) {
                throw new ParseError(path, blockLine, "missing `}` for the block opened here");
            }
            if (!pending.isEmpty()) {
                throw new ParseError(path, pendingLine, "file patterns not followed by `{`");
            }
        }

        void close(String path, int line, List<String> patterns, Settings s) {
            for (String p : patterns) {
                Evidence prev = seen.get(p);
                if (prev != null) {
                    throw new ParseError(path, line, "duplicate log entry for " + p + " (first at " + prev.where() + ")");
                }
                Evidence e = Evidence.at(path, line, p + " { … }");
                seen.put(p, e);
                entries.add(new Entry(p, s, e));
            }
        }

        void include(String path, int no, String target, int depth) {
            if (reader.isDirectory(target)) {
                for (String name : reader.list(target)) {
                    if (taboo.stream().anyMatch(p -> PathGlob.matches(p, name))) {
                        continue;
                    }
                    String f = target + "/" + name;
                    if (reader.isDirectory(f)) {
                        continue;
                    }
                    reader.read(f).ifPresent(t -> file(f, t, depth + 1));
                }
                return;
            }
            Optional<String> t = reader.read(target);
            if (t.isEmpty()) {
                throw new ParseError(path, no, "cannot include " + target + ": it does not exist");
            }
            file(target, t.get(), depth + 1);
        }
    }

    /** {@code tabooext [+] .a, .b} and {@code taboopat [+] p*}: with '+' added to the list, otherwise replacing it. */
    static List<String> taboo(List<String> w, List<String> current) {
        boolean ext = w.get(0).equals("tabooext");
        List<String> out = new ArrayList<>();
        int from = 1;
        if (w.size() > 1 && w.get(1).equals("+")) {
            out.addAll(current);
            from = 2;
        } else if (w.size() > 1 && w.get(1).startsWith("+")) {
            out.addAll(current);
        }
        for (String word : w.subList(Math.min(from, w.size()), w.size())) {
            for (String item : word.replaceFirst("^\\+", "").split(",")) {
                if (!item.isBlank()) {
                    out.add(ext ? "*" + item.strip() : item.strip());
                }
            }
        }
        return List.copyOf(out);
    }

    static Settings directive(String path, int no, String line, List<String> w, Settings s) {
        Evidence ev = Evidence.at(path, no, line);
        String d = w.get(0);
        switch (d) {
            case "rotate" -> {
                int n = number(path, no, w, d);
                return new Settings(n, ev, s.period(), s.periodFrom(), s.maxage(), s.maxageFrom());
            }
            case "maxage" -> {
                int n = number(path, no, w, d);
                return new Settings(s.rotate(), s.rotateFrom(), s.period(), s.periodFrom(), n, ev);
            }
            case "hourly", "daily", "weekly", "monthly", "yearly" -> {
                return new Settings(s.rotate(), s.rotateFrom(), d, ev, s.maxage(), s.maxageFrom());
            }
            case "size" -> {
                // size replaces the interval (and an interval after it replaces size): rotated when over the size
                return new Settings(s.rotate(), s.rotateFrom(), "", ev, s.maxage(), s.maxageFrom());
            }
            default -> {
                return s; // compress, create, missingok, su, … do not change how long logs are kept
            }
        }
    }

    private static int number(String path, int no, List<String> w, String d) {
        if (w.size() < 2) {
            throw new ParseError(path, no, d + " needs a number");
        }
        if (w.size() > 2) {
            // logrotate reads the rest of the line as the number, refuses it and skips the block
            throw new ParseError(path, no, d + " " + String.join(" ", w.subList(1, w.size())) + ": not a count");
        }
        try {
            int n = Integer.parseInt(w.get(1));
            if (n < -1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ParseError(path, no, d + " " + w.get(1) + ": not a count");
        }
    }

    /** Whitespace-separated words, with "double" or 'single' quotes grouping. */
    static List<String> words(String path, int no, String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        boolean in = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                in = true;
            } else if (Character.isWhitespace(c)) {
                if (in) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    in = false;
                }
            } else {
                cur.append(c);
                in = true;
            }
        }
        if (quote != 0) {
            throw new ParseError(path, no, "unterminated quote");
        }
        if (in) {
            out.add(cur.toString());
        }
        return out;
    }

    /** The entry whose pattern names this log file (exact path or a glob matching it). */
    public Optional<Entry> forFile(String file) {
        for (Entry e : entries) {
            String p = e.pattern();
            if (p.equals(file) || (org.vmguard.facts.PathGlob.hasMagic(p) && globMatch(p, file))) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    static boolean globMatch(String pattern, String path) {
        String[] a = pattern.split("/");
        String[] b = path.split("/");
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (!org.vmguard.facts.PathGlob.matches(a[i], b[i]) && !a[i].equals(b[i])) {
                return false;
            }
        }
        return true;
    }
}
