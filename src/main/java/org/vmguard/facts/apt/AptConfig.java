package org.vmguard.facts.apt;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.vmguard.core.Evidence;
import org.vmguard.facts.FactKey;
import org.vmguard.facts.Host;
import org.vmguard.facts.ParseError;
import org.vmguard.target.FileStat;

/**
 * APT's configuration tree, read the way libapt-pkg reads it (apt.conf(5), ReadConfigFile): the
 * parts directory /etc/apt/apt.conf.d in byte order, then /etc/apt/apt.conf, so later files
 * override earlier ones and lists accumulate. Understands {@code A::B "v";}, nested
 * {@code A { B "v"; };}, list items, {@code //}, {@code #} and {@code /* *}{@code /} comments,
 * {@code #clear} and {@code #include}. Tags match case-insensitively and keep their first
 * spelling. Every value remembers the file and line that set it.
 */
public final class AptConfig {

    public static final String PARTS = "/etc/apt/apt.conf.d";
    public static final String MAIN = "/etc/apt/apt.conf";
    public static final FactKey<AptConfig> KEY = FactKey.of("apt-config", AptConfig::load);

    /** ParseQuoteWord's buffer: longer words are cut here, as apt cuts them. */
    private static final int WORD_MAX = 1024;
    private static final int MAX_INCLUDE_DEPTH = 10;

    /** One value of the tree: its full name, its value, and where it was set. */
    public record Value(String name, String value, String path, int line) {
        public Evidence evidence() {
            return Evidence.at(path, line, name + " \"" + value + "\";");
        }
    }

    /** Where the reader gets included files from. */
    public interface Source {
        Optional<String> text(String path);

        List<String> list(String dir);

        /** True for a directory, which apt skips silently in a parts directory. */
        boolean isDirectory(String path);
    }

    private static final class Node {
        final String tag;
        final Node parent;
        final List<Node> children = new ArrayList<>();
        String value = "";
        String path;
        int line;

        Node(String tag, Node parent) {
            this.tag = tag;
            this.parent = parent;
        }

        String fullTag() {
            if (parent == null || parent.parent == null) {
                return tag;
            }
            return parent.fullTag() + "::" + tag;
        }
    }

    private final Node root = new Node("", null);
    private final List<String> files = new ArrayList<>();
    private final Source source;

    private AptConfig(Source source) {
        this.source = source;
    }

    static AptConfig load(Host host) {
        Source source = new Source() {
            @Override
            public Optional<String> text(String path) {
                return host.text(path);
            }

            @Override
            public List<String> list(String dir) {
                return host.list(dir);
            }

            @Override
            public boolean isDirectory(String path) {
                return host.stat(path).map(FileStat::isDirectory).orElse(false);
            }
        };
        return read(source);
    }

    /** The whole configuration of a system, as apt's pkgInitConfig reads it (without APT_CONFIG). */
    public static AptConfig read(Source source) {
        AptConfig c = new AptConfig(source);
        c.readDir(PARTS, 0);
        source.text(MAIN).ifPresent(t -> c.readFile(MAIN, t, 0));
        return c;
    }

    /** One file alone (tests, and the reader of a single file). */
    public static AptConfig parse(String path, String text) {
        AptConfig c = new AptConfig(null);
        c.readFile(path, text, 0);
        return c;
    }

    /** The files read, in the order apt reads them. */
    public List<String> files() {
        return List.copyOf(files);
    }

    /** The names apt accepts in a parts directory (GetListOfFilesInDir with "conf" or no extension). */
    public static boolean acceptedPartName(String name) {
        if (name.isEmpty() || name.startsWith(".") || name.endsWith(".")) {
            return false;
        }
        int dot = name.lastIndexOf('.');
        if (dot >= 0 && !name.substring(dot + 1).equals("conf")) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '-' || c == ':' || c == '.';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private void readDir(String dir, int depth) {
        if (source == null) {
            return;
        }
        List<String> names = new ArrayList<>(source.list(dir));
        names.sort(null); // std::sort on the byte strings; names are ASCII once accepted
        String base = dir.endsWith("/") ? dir : dir + "/";
        for (String name : names) {
            if (!acceptedPartName(name) || source.isDirectory(base + name)) {
                continue;
            }
            String path = base + name;
            source.text(path).ifPresent(t -> readFile(path, t, depth));
        }
    }

    // ---- the tree (Configuration::Lookup, Set, Clear) ----

    private static boolean sameTag(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            if (lowerAscii(a.charAt(i)) != lowerAscii(b.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static char lowerAscii(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }

    private static Node lookup(Node head, String tag, boolean create) {
        // empty tags match nothing: each one makes a new list item
        if (!tag.isEmpty()) {
            for (Node c : head.children) {
                if (sameTag(c.tag, tag)) {
                    return c;
                }
            }
        }
        if (!create) {
            return null;
        }
        Node n = new Node(tag, head);
        head.children.add(n);
        return n;
    }

    private Node lookup(String name, boolean create) {
        int start = 0;
        int end = name.length();
        Node itm = root;
        for (int t = 0; end - t >= 2; t++) {
            if (name.charAt(t) == ':' && name.charAt(t + 1) == ':') {
                itm = lookup(itm, name.substring(start, t), create);
                if (itm == null) {
                    return null;
                }
                t = start = t + 2; // the loop's increment then skips one more, as apt's does
            }
        }
        if (end - start == 0 && !create) {
            return null;
        }
        return lookup(itm, name.substring(start), create);
    }

    private void set(String name, String value, String path, int line) {
        Node n = lookup(name, true);
        n.value = value;
        n.path = path;
        n.line = line;
    }

    private void clear(String name) {
        Node n = lookup(name, false);
        if (n != null) {
            n.value = "";
            n.children.clear();
        }
    }

    // ---- queries ----

    /** The value, as Configuration::Find gives it: absent when missing or empty. */
    public Optional<Value> find(String name) {
        Node n = lookup(name, false);
        if (n == null || n.value.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Value(n.fullTag(), n.value, n.path, n.line));
    }

    public boolean exists(String name) {
        return lookup(name, false) != null;
    }

    /** The items of a list (FindVector): the values of the children, in order. */
    public List<Value> list(String name) {
        Node n = lookup(name, false);
        if (n == null) {
            return List.of();
        }
        List<Value> out = new ArrayList<>();
        for (Node c : n.children) {
            out.add(new Value(c.fullTag(), c.value, c.path, c.line));
        }
        return out;
    }

    /** The tree as {@code apt-config dump} prints it: every item, {@code Tag "value";}. */
    public String dump() {
        StringBuilder out = new StringBuilder();
        Deque<Node> todo = new ArrayDeque<>();
        for (int i = root.children.size() - 1; i >= 0; i--) {
            todo.push(root.children.get(i));
        }
        while (!todo.isEmpty()) {
            Node n = todo.pop();
            out.append(quote(n.fullTag())).append(" \"").append(n.value).append("\";\n");
            for (int i = n.children.size() - 1; i >= 0; i--) {
                todo.push(n.children.get(i));
            }
        }
        return out.toString();
    }

    /** apt's QuoteString(tag, "=\"\n"): unsafe characters as %xx. */
    private static String quote(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '=' || c == '"' || c == '\n' || c == '%' || c <= 0x20 || c >= 0x7f) {
                b.append(String.format("%%%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    // ---- the reader (ReadConfigFile) ----

    private static boolean space(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
    }

    private static String strip(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && space(s.charAt(a))) {
            a++;
        }
        while (b > a && space(s.charAt(b - 1))) {
            b--;
        }
        return s.substring(a, b);
    }

    /** Counts quotes from the start of a line; used to tell comments from quoted text. */
    private static final class Quotes {
        private final int[] before;

        Quotes(String s) {
            before = new int[s.length() + 1];
            for (int i = 0; i < s.length(); i++) {
                before[i + 1] = before[i] + (s.charAt(i) == '"' ? 1 : 0);
            }
        }

        /** Odd number of quotes in s[from, to)? */
        boolean odd(int from, int to) {
            return ((before[to] - before[from]) & 1) != 0;
        }
    }

    private void readFile(String path, String text, int depth) {
        files.add(path);
        StringBuilder lineBuffer = new StringBuilder();
        Deque<String> stack = new ArrayDeque<>();
        String parentTag = "";
        boolean inComment = false;
        String[] lines = text.split("\n", -1);
        int count = lines.length;
        if (count > 0 && lines[count - 1].isEmpty()) {
            count--; // the newline ending the last line does not start another
        }
        for (int n = 0; n < count; n++) {
            int curLine = n + 1;
            String input = strip(lines[n].replace("\t", "        "));
            String line = input;
            if (inComment) {
                int end = line.indexOf("*/");
                if (end < 0) {
                    continue;
                }
                line = line.substring(end + 2);
                inComment = false;
            }
            line = stripLineComments(line);

            StringBuilder fragment = new StringBuilder(line.length());
            Quotes q = new Quotes(line);
            int offset = 0; // Line.remove_prefix, kept as an offset into line
            int start = 0;
            while (true) {
                int found = line.indexOf("/*", offset + start);
                if (found < 0) {
                    break;
                }
                int rel = found - offset;
                if (q.odd(offset, found)) {
                    start = rel + 2;
                    continue;
                }
                fragment.append(line, offset, found);
                int end = line.indexOf("*/", found + 2);
                if (end < 0) {
                    offset = line.length();
                    inComment = true;
                    break;
                }
                offset = end + 2;
                start = 0;
            }
            if (offset < line.length()) {
                fragment.append(line, offset, line.length());
            }
            if (fragment.isEmpty()) {
                continue;
            }

            String frag = fragment.toString();
            boolean inQuote = false;
            int segStart = 0;
            for (int i = 0; i < frag.length(); i++) {
                char c = frag.charAt(i);
                if (c == '"') {
                    inQuote = !inQuote;
                }
                if (inQuote || (c != '{' && c != ';' && c != '}')) {
                    continue;
                }
                String piece = strip(frag.substring(segStart, i));
                if (!lineBuffer.isEmpty() && !piece.isEmpty()) {
                    lineBuffer.append(' ');
                }
                lineBuffer.append(piece);
                char term = c;
                segStart = i + 1;
                if (term == '{' && lineBuffer.isEmpty()) {
                    throw new ParseError(path, curLine, "syntax error: block starts with no name");
                }
                if (lineBuffer.isEmpty()) {
                    if (term == '}') {
                        parentTag = stack.isEmpty() ? "" : stack.pop();
                    }
                    continue;
                }
                Cursor pos = new Cursor(lineBuffer.toString());
                String tag = parseQuoteWord(pos);
                if (tag == null) {
                    throw new ParseError(path, curLine, "syntax error: malformed tag");
                }
                String word = parseCWord(pos);
                if (word == null) {
                    word = parseQuoteWord(pos);
                }
                boolean noWord = false;
                if (word == null) {
                    if (term != '{') {
                        word = tag;
                        tag = "";
                    } else {
                        noWord = true;
                        word = "";
                    }
                }
                if (!pos.rest().isEmpty()) {
                    throw new ParseError(path, curLine, "syntax error: extra junk after value: " + clip(pos.rest()));
                }
                if (term == '{') {
                    stack.push(parentTag);
                    parentTag = parentTag.isEmpty() ? tag : parentTag + "::" + tag;
                    tag = "";
                }
                String item;
                if (parentTag.isEmpty()) {
                    item = tag;
                } else {
                    item = term != '{' || !tag.isEmpty() ? parentTag + "::" + tag : parentTag;
                }
                if (!tag.isEmpty() && tag.charAt(0) == '#') {
                    if (!parentTag.isEmpty()) {
                        throw new ParseError(path, curLine, "syntax error: directives can only be done at the top level");
                    }
                    String directive = tag.substring(1);
                    switch (directive) {
                        case "clear" -> clear(word);
                        case "include" -> include(path, curLine, word, depth);
                        case "x-apt-configure-index" -> {
                            // a developer tool's type index: no configuration in it
                        }
                        default -> throw new ParseError(path, curLine,
                                "syntax error: unsupported directive '" + clip(directive) + "'");
                    }
                } else if (tag.isEmpty() && !noWord && word.equals("#clear")) {
                    throw new ParseError(path, curLine, "syntax error: clear directive requires an option tree as argument");
                } else if (!noWord) {
                    set(item, word, path, curLine);
                }
                lineBuffer.setLength(0);
                if (term == '}') {
                    parentTag = stack.isEmpty() ? "" : stack.pop();
                }
            }
            String rest = strip(frag.substring(segStart));
            if (!rest.isEmpty() && !lineBuffer.isEmpty()) {
                lineBuffer.append(' ');
            }
            lineBuffer.append(rest);
        }
        if (!lineBuffer.isEmpty()) {
            // apt counts the empty read after a final newline as one more line, and so do we
            throw new ParseError(path, lines.length, "syntax error: extra junk at end of file: " + clip(lineBuffer.toString()));
        }
    }

    private void include(String from, int line, String target, int depth) {
        if (depth + 1 > MAX_INCLUDE_DEPTH) {
            throw new ParseError(from, line, "syntax error: too many nested includes");
        }
        if (source == null) {
            throw new ParseError(from, line, "cannot include " + target + " when reading a single file");
        }
        // apt opens relative names from its working directory; on a target that is "/"
        String abs = target.startsWith("/") ? target : "/" + target;
        if (target.length() > 2 && target.endsWith("/")) {
            readDir(abs, depth + 1);
            return;
        }
        Optional<String> text = source.text(abs);
        if (text.isEmpty()) {
            throw new ParseError(from, line, "included file " + clip(target) + " does not exist");
        }
        readFile(abs, text.get(), depth + 1);
    }

    /** Removes {@code //} and {@code #} comments that are not inside quotes. */
    private static String stripLineComments(String line) {
        Quotes q = new Quotes(line);
        int start = 0;
        int at;
        while ((at = line.indexOf("//", start)) >= 0) {
            if (q.odd(0, at)) {
                start = at + 1;
                continue;
            }
            line = line.substring(0, at);
            break;
        }
        start = 0;
        while ((at = line.indexOf('#', start)) >= 0) {
            if (q.odd(0, at) || line.startsWith("clear", at + 1) || line.startsWith("include", at + 1)
                    || line.startsWith("x-apt-configure-index", at + 1)) {
                start = at + 1;
                continue;
            }
            line = line.substring(0, at);
            break;
        }
        return line;
    }

    private static final class Cursor {
        final String s;
        int pos;

        Cursor(String s) {
            this.s = s;
        }

        String rest() {
            return s.substring(pos);
        }
    }

    private static boolean hex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** ParseQuoteWord: one word, quotes and [brackets] kept together, %xx decoded, quotes removed. */
    private static String parseQuoteWord(Cursor cur) {
        String s = cur.s;
        int n = s.length();
        int c = cur.pos;
        while (c < n && s.charAt(c) == ' ') {
            c++;
        }
        if (c >= n) {
            return null;
        }
        while (c < n && !space(s.charAt(c))) {
            if (s.charAt(c) == '"') {
                c++;
                while (c < n && s.charAt(c) != '"') {
                    c++;
                }
                if (c >= n) {
                    return null;
                }
            }
            if (s.charAt(c) == '[') {
                c++;
                while (c < n && s.charAt(c) != ']') {
                    c++;
                }
                if (c >= n) {
                    return null;
                }
            }
            c++;
        }
        StringBuilder out = new StringBuilder();
        int k = cur.pos;
        while (out.length() < WORD_MAX && k != c) {
            char ch = s.charAt(k);
            if (ch == '%' && k + 2 < c && hex(s.charAt(k + 1)) && hex(s.charAt(k + 2))) {
                out.append((char) Integer.parseInt(s.substring(k + 1, k + 3), 16));
                k += 3;
                continue;
            }
            if (ch != '"') {
                out.append(ch);
            }
            k++;
        }
        while (c < n && space(s.charAt(c))) {
            c++;
        }
        cur.pos = c;
        return out.toString();
    }

    /** ParseCWord: space-separated "quoted" strings, joined; anything unquoted makes it fail. */
    private static String parseCWord(Cursor cur) {
        String s = cur.s;
        int n = s.length();
        int c = cur.pos;
        while (c < n && s.charAt(c) == ' ') {
            c++;
        }
        if (c >= n) {
            return null;
        }
        if (n - cur.pos >= WORD_MAX) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (; c < n; c++) {
            char ch = s.charAt(c);
            if (ch == '"') {
                for (c++; c < n && s.charAt(c) != '"'; c++) {
                    out.append(s.charAt(c));
                }
                if (c >= n) {
                    return null;
                }
                continue;
            }
            if (c != cur.pos && space(ch) && space(s.charAt(c - 1))) {
                continue;
            }
            if (!space(ch)) {
                return null;
            }
            out.append(' ');
        }
        cur.pos = c;
        return out.toString();
    }

    private static String clip(String s) {
        // messages reach terminals: control characters and undecodable bytes are shown as '?'
        String t = s.length() > 80 ? s.substring(0, 80) + "…" : s;
        StringBuilder b = new StringBuilder(t.length());
        t.codePoints().forEach(c -> b.appendCodePoint(c < 0x20 || c == 0x7f || c == 0xfffd
                || (c >= 0x80 && c < 0xa0) ? '?' : c));
        return b.toString();
    }
}
