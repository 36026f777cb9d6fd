package org.vmguard.facts.sshd;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.vmguard.facts.ParseError;

/**
 * Reads sshd_config the way servconf.c does: lines split at newlines with leading blanks removed
 * (a NUL byte ends a line and joins it to the next, as getline and strlen do), the keyword found
 * by strdelim (blanks, one '=', double quotes), the arguments by argv_split (single and double
 * quotes, backslash escapes, '#' starting a word ends the line), {@code Include} globs expanded
 * in byte order and read in place, and {@code Match} lines opening blocks. Every error sshd
 * treats as fatal is a {@link ParseError} naming the file and line.
 */
public final class SshdConfigReader {

    /** SERVCONF_MAX_DEPTH: sshd gives up on deeper includes (an include loop ends here). */
    public static final int MAX_DEPTH = 16;
    /** Relative Include paths are taken from here. */
    public static final String SSHDIR = "/etc/ssh";

    /** Where the files come from: a target, or a target with files replaced (cloud-init's edit). */
    public interface Source {
        /** The file's text; empty when it does not exist; a directory reads as empty text. */
        Optional<String> read(String path);

        /** The names in a directory, empty when it is none. */
        List<String> list(String dir);

        boolean isDirectory(String path);
    }

    private final Source source;
    private final OpensshVersion version;
    private final List<Directive> out = new ArrayList<>();

    private SshdConfigReader(Source source, OpensshVersion version) {
        this.source = source;
        this.version = version;
    }

    /**
     * Every directive of the configuration rooted at {@code path}, includes spliced in.
     *
     * @throws ParseError where sshd would refuse the configuration
     */
    public static List<Directive> read(Source source, String path, String text, OpensshVersion version) {
        SshdConfigReader r = new SshdConfigReader(source, version);
        r.parse(path, text, List.of(), 0, path, 0);
        return List.copyOf(r.out);
    }

    /** The lines of a file as load_server_config leaves them. */
    static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        StringBuilder buf = new StringBuilder();
        int i = 0;
        int n = text.length();
        while (i < n) {
            int nl = text.indexOf('\n', i);
            int end = nl < 0 ? n : nl + 1;
            String raw = text.substring(i, end);
            int s = 0;
            while (s < raw.length() && (raw.charAt(s) == ' ' || raw.charAt(s) == '\t' || raw.charAt(s) == '\r')) {
                s++;
            }
            raw = raw.substring(s);
            int nul = raw.indexOf('\0');
            if (nul >= 0) {
                raw = raw.substring(0, nul); // strlen stops here: the newline is lost too
            }
            buf.append(raw);
            i = end;
        }
        String all = buf.toString();
        int start = 0;
        while (true) {
            int nl = all.indexOf('\n', start);
            if (nl < 0) {
                lines.add(all.substring(start));
                break;
            }
            lines.add(all.substring(start, nl));
            start = nl + 1;
        }
        return lines;
    }

    private void parse(String path, String text, List<MatchBlock> parentGuards, int depth, String fromPath,
            int fromLine) {
        if (depth > MAX_DEPTH) {
            throw new ParseError(fromPath, fromLine, "Include nested more than " + MAX_DEPTH
                    + " levels deep (an Include loop?): sshd refuses this configuration");
        }
        List<MatchBlock> guards = parentGuards;
        List<String> lines = lines(text);
        for (int i = 0; i < lines.size(); i++) {
            int lineNo = i + 1;
            Optional<Line> parsed = split(path, lineNo, lines.get(i));
            if (parsed.isEmpty()) {
                continue;
            }
            Line l = parsed.get();
            SshdKeyword kw = SshdKeyword.of(l.keyword()).orElseThrow(() ->
                    new ParseError(path, lineNo, "Bad configuration option: " + clip(l.keyword())));
            boolean activeFirstPass = guards.stream().allMatch(MatchBlock::all);
            if (!kw.inMatch() && !activeFirstPass) {
                throw new ParseError(path, lineNo, "Directive '" + clip(l.keyword())
                        + "' is not allowed within a Match block");
            }
            switch (kw.kind()) {
                case MATCH -> {
                    MatchBlock b = match(path, lineNo, l);
                    List<MatchBlock> g = new ArrayList<>(parentGuards);
                    g.add(b);
                    guards = List.copyOf(g);
                }
                case INCLUDE -> include(path, lineNo, l, guards, depth);
                default -> {
                    check(path, lineNo, kw, l);
                    out.add(new Directive(path, lineNo, clip(l.text()), kw, l.keyword(), values(kw, l), guards));
                }
            }
        }
    }

    /** A line cut into keyword, the raw rest and the argv_split arguments. */
    record Line(String text, String keyword, String rest, List<String> args) {
    }

    /** process_server_config_line's tokenising; empty for blank and comment lines. */
    static Optional<Line> split(String path, int lineNo, String line) {
        // strip trailing whitespace (never the first character)
        int len = line.length();
        while (len > 1 && " \t\r\n\f".indexOf(line.charAt(len - 1)) >= 0) {
            len--;
        }
        String text = line.substring(0, len);
        Delim d = new Delim(text);
        String keyword = d.next(true);
        if (keyword == null) {
            return Optional.empty();
        }
        if (keyword.isEmpty()) {
            keyword = d.next(true);
        }
        if (keyword == null || keyword.isEmpty() || keyword.startsWith("#")) {
            return Optional.empty();
        }
        String rest = d.rest();
        if (rest == null || rest.isEmpty()) {
            throw new ParseError(path, lineNo, "no argument after keyword \"" + clip(keyword) + "\"");
        }
        List<String> args = argvSplit(rest);
        if (args == null) {
            throw new ParseError(path, lineNo, "invalid quotes");
        }
        return Optional.of(new Line(text, keyword, rest, args));
    }

    /** strdelim over a mutable buffer, as misc.c does it ('\0' ends a token). */
    static final class Delim {
        private final StringBuilder buf;
        private int pos;

        Delim(String s) {
            buf = new StringBuilder(s);
            pos = 0;
        }

        /** No NUL lies at or after the cursor: strdelim writes them only behind it. */
        private int end(int from) {
            return buf.length();
        }

        private static boolean ws(char c) {
            return c == ' ' || c == '\t' || c == '\r' || c == '\n';
        }

        private int skipWs(int i) {
            int e = end(i);
            while (i < e && ws(buf.charAt(i))) {
                i++;
            }
            return i;
        }

        /** The rest of the buffer from the cursor, or null when the cursor is NULL. */
        String rest() {
            return pos < 0 ? null : buf.substring(pos, end(pos));
        }

        String next(boolean splitEquals) {
            if (pos < 0) {
                return null;
            }
            int old = pos;
            int e = end(old);
            int i = old;
            while (i < e) {
                char c = buf.charAt(i);
                if (ws(c) || c == '"' || (splitEquals && c == '=')) {
                    break;
                }
                i++;
            }
            if (i >= e) {
                pos = -1;
                return buf.substring(old, e);
            }
            if (buf.charAt(i) == '"') {
                buf.deleteCharAt(i);
                e = end(old);
                int q = i;
                while (q < e && buf.charAt(q) != '"') {
                    q++;
                }
                if (q >= e) {
                    pos = -1;
                    return null; // no matching quote
                }
                buf.setCharAt(q, '\0');
                pos = skipWs(q + 1);
                return buf.substring(old, q);
            }
            boolean wspace = splitEquals && buf.charAt(i) == '=';
            buf.setCharAt(i, '\0');
            pos = skipWs(i + 1);
            if (splitEquals && pos < buf.length() && buf.charAt(pos) == '=' && !wspace) {
                pos = skipWs(pos + 1);
            }
            return buf.substring(old, i);
        }
    }

    /** argv_split with comments ending the line; null on an unterminated quote. */
    static List<String> argvSplit(String s) {
        List<String> args = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t') {
                i++;
                continue;
            }
            if (c == '#') {
                break;
            }
            StringBuilder arg = new StringBuilder();
            char quote = 0;
            for (; i < n; i++) {
                char ch = s.charAt(i);
                if (ch == '\\') {
                    char nx = i + 1 < n ? s.charAt(i + 1) : 0;
                    if (nx == '\'' || nx == '"' || nx == '\\' || (quote == 0 && nx == ' ')) {
                        i++;
                        arg.append(nx);
                    } else {
                        arg.append(ch);
                    }
                } else if (quote == 0 && (ch == ' ' || ch == '\t')) {
                    break;
                } else if (quote == 0 && (ch == '"' || ch == '\'')) {
                    quote = ch;
                } else if (quote != 0 && ch == quote) {
                    quote = 0;
                } else {
                    arg.append(ch);
                }
            }
            args.add(arg.toString());
            if (i >= n && quote != 0) {
                return null;
            }
        }
        return args;
    }

    private MatchBlock match(String path, int lineNo, Line l) {
        Delim d = new Delim(l.rest());
        List<MatchBlock.Criterion> criteria = new ArrayList<>();
        int attributes = 0;
        boolean all = false;
        String attrib;
        while ((attrib = d.next(true)) != null && !attrib.isEmpty()) {
            if (attrib.startsWith("#")) {
                d.pos = -1;
                break;
            }
            attributes++;
            if (attrib.equalsIgnoreCase("all")) {
                String arg = d.next(true);
                if (attributes > 1 || (arg != null && !arg.isEmpty() && !arg.startsWith("#"))) {
                    throw new ParseError(path, lineNo, "'all' cannot be combined with other Match attributes");
                }
                all = true;
                d.pos = -1;
                break;
            }
            if (attrib.equalsIgnoreCase("invalid-user") && (version.atLeast(9, 9) || !version.known())) {
                criteria.add(new MatchBlock.Criterion("invalid-user", ""));
                continue;
            }
            String arg;
            int eq = attrib.indexOf('=');
            if (eq > 0 && (version.atLeast(10, 0) || !version.known())
                    && MatchBlock.knownAttribute(attrib.substring(0, eq), version)) {
                arg = attrib.substring(eq + 1); // attribute=value, OpenSSH 10.0+
                attrib = attrib.substring(0, eq);
            } else {
                arg = d.next(true);
            }
            if (arg == null || arg.isEmpty() || arg.startsWith("#")) {
                throw new ParseError(path, lineNo, "Missing Match criteria for " + clip(attrib));
            }
            String a = attrib.toLowerCase(Locale.ROOT);
            if (!MatchBlock.knownAttribute(a, version)) {
                throw new ParseError(path, lineNo, "Unsupported Match attribute " + clip(attrib));
            }
            switch (a) {
                case "address", "localaddress" -> {
                    try {
                        Patterns.matchAddress(null, arg);
                    } catch (Patterns.InvalidList e) {
                        throw new ParseError(path, lineNo, "Invalid Match " + a + " argument '" + clip(arg) + "'");
                    }
                }
                case "localport" -> {
                    if (port(arg) <= 0 && !arg.equals("0")) {
                        throw new ParseError(path, lineNo, "Invalid LocalPort '" + clip(arg) + "' on Match line");
                    }
                }
                default -> { }
            }
            criteria.add(new MatchBlock.Criterion(a, a.equals("localport") ? Integer.toString(port(arg)) : arg));
        }
        if (attributes == 0) {
            throw new ParseError(path, lineNo, "One or more attributes required for Match");
        }
        String left = d.rest();
        if (left != null && !left.isEmpty() && !all) {
            throw new ParseError(path, lineNo, "keyword Match extra arguments at end of line");
        }
        return new MatchBlock(path, lineNo, clip(l.text()), all ? List.of() : criteria,
                "OpenSSH_" + version.major() + "." + version.minor());
    }

    private void include(String path, int lineNo, Line l, List<MatchBlock> guards, int depth) {
        if (l.args().isEmpty()) {
            throw new ParseError(path, lineNo, "Include missing filename argument");
        }
        for (String arg : l.args()) {
            if (arg.isEmpty()) {
                throw new ParseError(path, lineNo, "keyword Include empty argument");
            }
            String pattern = arg.startsWith("/") || arg.startsWith("~") ? arg : SSHDIR + "/" + arg;
            for (String file : glob(pattern)) {
                String text = source.read(file).orElse("");
                parse(file, text, guards, depth + 1, path, lineNo);
            }
        }
    }

    /** glob(3) without flags: wildcards in any component, dot files only by an explicit dot, sorted. */
    List<String> glob(String pattern) {
        String[] parts = pattern.split("/", -1);
        List<String> current = new ArrayList<>();
        current.add(pattern.startsWith("/") ? "" : ".");
        for (int i = pattern.startsWith("/") ? 1 : 0; i < parts.length; i++) {
            String part = parts[i];
            boolean last = i == parts.length - 1;
            if (part.isEmpty()) {
                continue;
            }
            List<String> next = new ArrayList<>();
            for (String dir : current) {
                String base = dir.isEmpty() ? "" : dir;
                if (!Glob.magic(part)) {
                    next.add(base + "/" + Glob.unescape(part));
                    continue;
                }
                for (String name : source.list(base.isEmpty() ? "/" : base)) {
                    if (Glob.fnmatch(part, name)) {
                        next.add(base + "/" + name);
                    }
                }
            }
            if (!last) {
                next.removeIf(p -> !source.isDirectory(p));
            }
            current = next;
        }
        List<String> found = new ArrayList<>();
        for (String p : current) {
            if (source.isDirectory(p) || source.read(p).isPresent()) {
                found.add(p);
            }
        }
        found.sort((a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8),
                b.getBytes(StandardCharsets.UTF_8)));
        return found;
    }

    /** Validates the arguments as sshd's handler for the keyword does. */
    private void check(String path, int lineNo, SshdKeyword kw, Line l) {
        List<String> a = l.args();
        String name = l.keyword();
        String first = a.isEmpty() ? null : a.getFirst();
        switch (kw.kind()) {
            case FLAG, CHOICE -> {
                one(path, lineNo, name, a);
                if (!kw.choices().containsKey(first.toLowerCase(Locale.ROOT))) {
                    throw new ParseError(path, lineNo, "unsupported option \"" + clip(first) + "\"");
                }
                nothingMore(path, lineNo, name, a);
            }
            case INT -> {
                one(path, lineNo, name, a);
                if (integer(first) < 0) {
                    throw new ParseError(path, lineNo, clip(name) + " integer value invalid: \"" + clip(first) + "\"");
                }
                nothingMore(path, lineNo, name, a);
            }
            case TIME -> {
                one(path, lineNo, name, a);
                if (seconds(first) < 0) {
                    throw new ParseError(path, lineNo, "invalid time value \"" + clip(first) + "\"");
                }
                nothingMore(path, lineNo, name, a);
            }
            case STRING -> {
                if (restOfLine(kw)) {
                    return;
                }
                one(path, lineNo, name, a);
                nothingMore(path, lineNo, name, a);
            }
            case ALGORITHMS -> {
                one(path, lineNo, name, a);
                if (!Algorithms.valid(kw.option(), first, version)) {
                    throw new ParseError(path, lineNo, "Bad " + clip(name) + " spec '" + clip(first) + "'");
                }
                nothingMore(path, lineNo, name, a);
            }
            case REPEATED -> {
                if (kw.option().equals("listenaddress")) {
                    if (a.isEmpty() || first.isEmpty() || a.size() == 2 || a.size() > 3
                            || (a.size() == 3 && !a.get(1).equals("rdomain"))) {
                        throw new ParseError(path, lineNo, "bad ListenAddress syntax");
                    }
                    return;
                }
                one(path, lineNo, name, a);
                if (kw.option().equals("port") && port(first) <= 0) {
                    throw new ParseError(path, lineNo, "Badly formatted port number \"" + clip(first) + "\"");
                }
                nothingMore(path, lineNo, name, a);
            }
            case ACCUMULATE -> {
                for (String v : a) {
                    if (v.isEmpty() || (kw.option().equals("acceptenv") && v.contains("="))) {
                        throw new ParseError(path, lineNo, "invalid " + clip(name) + " pattern: \"" + clip(v) + "\"");
                    }
                }
            }
            case SUBSYSTEM -> {
                if (a.size() < 2 || a.get(0).isEmpty() || a.get(1).isEmpty()) {
                    throw new ParseError(path, lineNo, "Subsystem needs a name and a command");
                }
                for (Directive d : out) {
                    if (d.option().equals("subsystem") && d.args().getFirst().equals(first)) {
                        throw new ParseError(path, lineNo, "Subsystem '" + clip(first) + "' already defined at "
                                + d.where());
                    }
                }
            }
            case FIRST_LINE, LAST -> {
                if (a.isEmpty() || a.stream().anyMatch(String::isEmpty)) {
                    throw new ParseError(path, lineNo, clip(name) + " missing or empty argument");
                }
            }
            case IGNORED, MATCH, INCLUDE -> { }
        }
    }

    /** ForceCommand and the *Command options take the raw rest of the line. */
    static boolean restOfLine(SshdKeyword kw) {
        return switch (kw.option()) {
            case "forcecommand", "authorizedkeyscommand", "authorizedprincipalscommand", "versionaddendum" -> true;
            default -> false;
        };
    }

    private static List<String> values(SshdKeyword kw, Line l) {
        if (kw.kind() == SshdKeyword.Kind.STRING && restOfLine(kw)) {
            return List.of(l.rest().strip());
        }
        return l.args();
    }

    private static void one(String path, int lineNo, String name, List<String> a) {
        if (a.isEmpty() || a.getFirst().isEmpty()) {
            throw new ParseError(path, lineNo, clip(name) + " missing argument");
        }
    }

    /** Checked after the value, as sshd does: a bad value is reported before extra words. */
    private static void nothingMore(String path, int lineNo, String name, List<String> a) {
        if (a.size() > 1) {
            throw new ParseError(path, lineNo, "keyword " + clip(name) + " extra arguments at end of line");
        }
    }

    /** strtonum(s, 0, INT_MAX); -1 when invalid. */
    static long integer(String s) {
        if (!s.matches("[+-]?[0-9]{1,12}")) {
            return -1;
        }
        long v = Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
        return v < 0 || v > Integer.MAX_VALUE ? -1 : v;
    }

    /** a2port: 1-65535 (0 is rejected by callers), the "ssh" service name; -1 when invalid. */
    static int port(String s) {
        if (s.equals("ssh")) {
            return 22;
        }
        long v = integer(s);
        return v < 0 || v > 65535 ? -1 : (int) v;
    }

    /** convtime: "1h30m" → 5400; -1 when invalid. */
    static long seconds(String s) {
        if (s.isEmpty()) {
            return -1;
        }
        long total = 0;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            while (i < s.length() && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
                i++;
            }
            if (i == start || (i == start + 1 && !Character.isDigit(s.charAt(start)))) {
                return -1;
            }
            if (i - start > 12) {
                return -1;
            }
            long secs = Long.parseLong(s.substring(start, i).replace("+", ""));
            if (secs < 0) {
                return -1;
            }
            long mult = 1;
            if (i < s.length()) {
                switch (Character.toLowerCase(s.charAt(i))) {
                    case 's' -> mult = 1;
                    case 'm' -> mult = 60;
                    case 'h' -> mult = 3600;
                    case 'd' -> mult = 86400;
                    case 'w' -> mult = 604800;
                    default -> {
                        return -1;
                    }
                }
                i++;
            }
            if (secs > Integer.MAX_VALUE / mult) {
                return -1;
            }
            total += secs * mult;
            if (total > Integer.MAX_VALUE) {
                return -1;
            }
        }
        return total;
    }

    static String clip(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }
}
