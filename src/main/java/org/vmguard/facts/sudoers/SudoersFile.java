package org.vmguard.facts.sudoers;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.vmguard.facts.ParseError;

/**
 * One sudoers file read as sudo's grammar (sudoers(5)) reads it: comments, line continuations,
 * include directives, Defaults, the four alias kinds and user specifications. A line that does
 * not parse becomes a {@link ParseError} naming the file and line, and reading goes on with the
 * next line, as sudo's own error recovery does. Nothing else is ever thrown.
 */
public final class SudoersFile {

    /** What one logical line turned out to be. */
    public sealed interface Entry permits RuleEntry, AliasEntry, DefaultsLine, Include {
    }

    public record RuleEntry(Rule rule) implements Entry {
    }

    public record AliasEntry(Alias alias) implements Entry {
    }

    public record DefaultsLine(DefaultsEntry defaults) implements Entry {
    }

    /** An include directive: {@code dir} for #includedir/@includedir. */
    public record Include(String path, boolean dir, int line, String text) implements Entry {
    }

    public record Parsed(List<Entry> entries, List<ParseError> errors) {
        public Parsed {
            entries = List.copyOf(entries);
            errors = List.copyOf(errors);
        }
    }

    static final Set<String> TAGS = Set.of("EXEC", "NOEXEC", "FOLLOW", "NOFOLLOW", "LOG_INPUT", "NOLOG_INPUT",
            "LOG_OUTPUT", "NOLOG_OUTPUT", "MAIL", "NOMAIL", "INTERCEPT", "NOINTERCEPT", "PASSWD", "NOPASSWD",
            "SETENV", "NOSETENV");
    static final Set<String> OPTIONS = Set.of("ROLE", "TYPE", "APPARMOR_PROFILE", "PRIVS", "LIMITPRIVS",
            "NOTBEFORE", "NOTAFTER", "TIMEOUT", "CWD", "CHROOT");
    static final Set<String> DIGESTS = Set.of("sha224", "sha256", "sha384", "sha512");
    private static final Pattern INCLUDE = Pattern.compile("^(#include|#includedir|[ \t]*@include|[ \t]*@includedir)[ \t]+(.*)$");
    private static final Pattern TIMEOUT = Pattern.compile("[0-9]+|([0-9]+[dDhHmMsS])+");
    private static final Pattern TIME = Pattern.compile("[0-9]{10,14}([zZ]|[+-][0-9]{4})?");
    private static final Pattern SETTING = Pattern.compile(
            "(!\\s*)+[a-z_]+\\s*|[a-z_]+(\\s*[-+]?=\\s*(\"([^\"\\\\]|\\\\.)*\"|([^\\s=\"\\\\]|\\\\.)+))?\\s*",
            Pattern.DOTALL);
    /** Longest logical line we look at; sudo has no limit, but we must not let a hostile file stall us. */
    static final int MAX_LINE = 1 << 20;

    private final String file;
    private final List<Entry> entries = new ArrayList<>();
    private final List<ParseError> errors = new ArrayList<>();

    private SudoersFile(String file) {
        this.file = file;
    }

    public static Parsed parse(String file, String text) {
        SudoersFile f = new SudoersFile(file);
        f.read(text);
        return new Parsed(f.entries, f.errors);
    }

    private void read(String text) {
        String[] lines = text.split("\r?\n", -1);
        StringBuilder logical = null;
        List<int[]> breaks = null; // {offset in logical line, physical line}
        int start = 0;
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i];
            int lineNo = i + 1;
            if (logical == null) {
                var inc = INCLUDE.matcher(raw);
                if (inc.matches()) {
                    include(inc.group(1).strip(), inc.group(2), lineNo, raw);
                    continue;
                }
            } else {
                String t = raw.stripLeading();
                if (t.startsWith("#") && !(t.length() > 1 && Character.isDigit(t.charAt(1)))) {
                    // sudo reports a comment that follows a continued line as a syntax error
                    errors.add(new ParseError(file, lineNo, "syntax error: a comment cannot continue a line"));
                    logical = null;
                    continue;
                }
            }
            String content = stripComment(raw);
            boolean continued = false;
            String trimmed = content.stripTrailing();
            if (trimmed.endsWith("\\") && trailingBackslashes(trimmed) % 2 == 1) {
                continued = true;
                content = trimmed.substring(0, trimmed.length() - 1);
            }
            if (logical == null) {
                logical = new StringBuilder();
                breaks = new ArrayList<>();
                start = lineNo;
            } else {
                logical.append(' ');
            }
            breaks.add(new int[] {logical.length(), lineNo});
            if (logical.length() + content.length() > MAX_LINE) {
                errors.add(new ParseError(file, lineNo, "line longer than " + MAX_LINE + " characters"));
                logical = null;
                continue;
            }
            logical.append(content);
            if (!continued) {
                logicalLine(logical.toString(), start, breaks);
                logical = null;
            }
        }
        if (logical != null) {
            logicalLine(logical.toString(), start, breaks);
        }
    }

    private static int trailingBackslashes(String s) {
        int n = 0;
        for (int i = s.length() - 1; i >= 0 && s.charAt(i) == '\\'; i--) {
            n++;
        }
        return n;
    }

    /** Cuts the line at a '#' that starts a comment: outside quotes, unescaped, not "#digits" (a uid). */
    static String stripComment(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '#' && !quoted) {
                // even inside a word ("host#x"), as sudo's lexer has it
                boolean uid = i + 1 < line.length() && (Character.isDigit(line.charAt(i + 1))
                        || (line.charAt(i + 1) == '-' && i + 2 < line.length() && Character.isDigit(line.charAt(i + 2))));
                if (!uid) {
                    return line.substring(0, i);
                }
            }
        }
        return line;
    }

    private void include(String directive, String rest, int line, String raw) {
        String path = rest.strip();
        if (path.startsWith("\"")) {
            int end = path.indexOf('"', 1);
            path = end < 0 ? path.substring(1) : path.substring(1, end);
        } else {
            // the path ends at an unescaped blank; what follows may only be a comment
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < path.length() && !isBlank(path.charAt(i)); i++) {
                char ch = path.charAt(i);
                if (ch == '\\' && i + 1 < path.length()) {
                    ch = path.charAt(++i);
                }
                b.append(ch);
            }
            path = b.toString();
            String after = afterPath(rest.strip());
            if (!after.isBlank() && !after.strip().startsWith("#")) {
                errors.add(new ParseError(file, line, "syntax error: '" + clip(after.strip()) + "' after the include path"));
                return;
            }
        }
        if (path.isEmpty()) {
            errors.add(new ParseError(file, line, "syntax error: " + directive + " without a path"));
            return;
        }
        entries.add(new Include(path, directive.endsWith("dir"), line, raw.strip()));
    }

    /** What follows the (unquoted, maybe escaped) path at the start of {@code s}. */
    private static String afterPath(String s) {
        int i = 0;
        while (i < s.length() && !isBlank(s.charAt(i))) {
            i += s.charAt(i) == '\\' && i + 1 < s.length() ? 2 : 1;
        }
        return s.substring(i);
    }

    private void logicalLine(String text, int line, List<int[]> breaks) {
        if (text.isBlank()) {
            return;
        }
        Cursor c = new Cursor(text, breaks);
        try {
            String first = c.peekKeyword();
            if (first.equals("Defaults") || first.matches("Defaults[:@>!].*")) {
                entries.add(new DefaultsLine(defaults(c, line, text)));
            } else if (first.equals("User_Alias")) {
                aliases(c, Alias.Type.USER, line, text);
            } else if (first.equals("Runas_Alias")) {
                aliases(c, Alias.Type.RUNAS, line, text);
            } else if (first.equals("Host_Alias")) {
                aliases(c, Alias.Type.HOST, line, text);
            } else if (first.equals("Cmnd_Alias") || first.equals("Cmd_Alias")) {
                aliases(c, Alias.Type.CMND, line, text);
            } else {
                entries.add(new RuleEntry(userSpec(c, line, text)));
            }
        } catch (Syntax e) {
            errors.add(new ParseError(file, c.lineAt(e.at), e.getMessage()));
        }
    }

    private DefaultsEntry defaults(Cursor c, int line, String text) {
        c.skipBlanks();
        c.expectWord("Defaults");
        String binding = "";
        List<Member> bound = List.of();
        if (!c.atEnd() && ":@>!".indexOf(c.peek()) >= 0) {
            binding = String.valueOf(c.next());
            if (c.atEnd() || isBlank(c.peek())) {
                throw c.error("syntax error: nothing after Defaults" + binding);
            }
            // Defaults!cmnd binds to commands by path or Cmnd_Alias; words after them are settings
            int at = c.pos;
            bound = list(c);
            if (binding.equals("!")) {
                for (Member m : bound) {
                    String n = m.name();
                    if (!n.startsWith("/") && !n.startsWith("^") && !Sudoers.isAliasName(n) && !n.equals("sudoedit")) {
                        throw c.errorAt(at, "expected a fully-qualified path name");
                    }
                }
            }
        }
        c.skipBlanks();
        List<String> settings = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        while (!c.atEnd()) {
            char ch = c.next();
            if (ch == '\\' && !c.atEnd()) {
                cur.append(ch).append(c.next());
            } else if (ch == '"') {
                quoted = !quoted;
                cur.append(ch);
            } else if (ch == ',' && !quoted) {
                settings.add(cur.toString().strip());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        if (quoted) {
            throw c.error("syntax error: unterminated quoted string");
        }
        settings.add(cur.toString().strip());
        for (String s : settings) {
            if (!SETTING.matcher(s).matches()) {
                throw c.error("syntax error: '" + s + "' is not a Defaults setting");
            }
        }
        return new DefaultsEntry(binding, bound, settings, file, line, clip(text));
    }

    private void aliases(Cursor c, Alias.Type type, int line, String text) {
        c.skipBlanks();
        c.word(false); // the keyword
        do {
            c.skipBlanks();
            int at = c.pos;
            String name = c.word(false);
            if (c.text.substring(at, c.pos).indexOf('\\') >= 0) {
                throw c.errorAt(at, "syntax error: an alias name cannot contain escapes");
            }
            if (name.equals("ALL")) {
                throw c.errorAt(at, "syntax error, reserved word ALL used as an alias name");
            }
            if (!Sudoers.isAliasName(name)) {
                throw c.errorAt(at, "syntax error: '" + name + "' is not an alias name ([A-Z][A-Z0-9_]*)");
            }
            c.skipBlanks();
            if (!c.accept('=')) {
                throw c.error("syntax error: expected '=' after " + name);
            }
            List<Member> members = List.of();
            List<Command> commands = List.of();
            if (type == Alias.Type.CMND) {
                List<Command> cmds = new ArrayList<>();
                do {
                    c.skipBlanks();
                    cmds.add(command(c));
                    c.skipBlanks();
                } while (c.accept(','));
                commands = cmds;
            } else {
                members = list(c);
            }
            entries.add(new AliasEntry(new Alias(type, name, members, commands, file, line)));
            c.skipBlanks();
        } while (c.accept(':'));
        if (!c.atEnd()) {
            throw c.error("syntax error");
        }
    }

    private Rule userSpec(Cursor c, int line, String text) {
        List<Member> users = list(c);
        List<Privilege> privileges = new ArrayList<>();
        while (true) {
            c.skipBlanks();
            if (c.atEnd()) {
                throw c.error("syntax error: expected a host list");
            }
            List<Member> hosts = list(c);
            c.skipBlanks();
            if (!c.accept('=')) {
                throw c.error("syntax error: expected '='");
            }
            privileges.add(new Privilege(hosts, cmndSpecList(c)));
            c.skipBlanks();
            if (c.atEnd()) {
                break;
            }
            if (!c.accept(':')) {
                throw c.error("syntax error");
            }
        }
        return new Rule(users, privileges, file, line, clip(text));
    }

    private List<CmndSpec> cmndSpecList(Cursor c) {
        List<CmndSpec> out = new ArrayList<>();
        List<Member> runasUsers = null;
        List<Member> runasGroups = null;
        Set<String> tags = new LinkedHashSet<>();
        do {
            c.skipBlanks();
            if (c.accept('(')) {
                runasUsers = new ArrayList<>();
                runasGroups = null;
                c.skipBlanks();
                if (c.peekIs(')')) {
                    c.next();
                } else {
                    if (!c.peekIs(':')) {
                        runasUsers = list(c);
                    }
                    c.skipBlanks();
                    if (c.accept(':')) {
                        int at = c.pos;
                        runasGroups = list(c);
                        // run-as groups are plain group names: "%wheel" is a syntax error for sudo
                        if (runasGroups.stream().anyMatch(m -> m.name().startsWith("%"))) {
                            throw c.errorAt(at, "syntax error: a run-as group takes no '%'");
                        }
                        c.skipBlanks();
                    }
                    if (!c.accept(')')) {
                        throw c.error("syntax error: expected ')'");
                    }
                }
                c.skipBlanks();
            }
            // options (CWD=, TIMEOUT=, …) come before tags, as sudo's grammar has them
            boolean tagged = false;
            while (true) {
                c.skipBlanks();
                String word = c.peekUpperWord();
                if (word == null) {
                    break;
                }
                int after = c.pos + word.length();
                int eq = after;
                while (eq < c.text.length() && isBlank(c.text.charAt(eq))) {
                    eq++;
                }
                if (!tagged && OPTIONS.contains(word) && eq < c.text.length() && c.text.charAt(eq) == '=') {
                    int at = c.pos;
                    c.pos = eq + 1;
                    c.skipBlanks();
                    // CWD and CHROOT take a path; the others a word
                    String value = c.peekIs('"') || !(word.equals("CWD") || word.equals("CHROOT")) ? c.word(true) : c.path();
                    checkOption(c, at, word, value);
                    continue;
                }
                int colon = after;
                while (colon < c.text.length() && isBlank(c.text.charAt(colon))) {
                    colon++;
                }
                if (colon < c.text.length() && c.text.charAt(colon) == ':') {
                    if (!TAGS.contains(word)) {
                        if (word.equals("ALL") || Sudoers.isAliasName(word)) {
                            break; // "ALL : host = …" ends this list
                        }
                        throw c.error("syntax error: unknown tag " + word);
                    }
                    c.pos = colon + 1;
                    tags.remove(opposite(word));
                    tags.add(word);
                    tagged = true;
                    continue;
                }
                break;
            }
            c.skipBlanks();
            out.add(new CmndSpec(runasUsers, runasGroups, tags, command(c)));
            c.skipBlanks();
        } while (c.accept(','));
        return out;
    }

    /** A digest in hex or base64 of the algorithm's length, as sudo accepts it. */
    static boolean digestLength(String algorithm, String hash) {
        int bytes = switch (algorithm) {
            case "sha224" -> 28;
            case "sha256" -> 32;
            case "sha384" -> 48;
            default -> 64;
        };
        if (hash.length() == 2 * bytes && hash.matches("[0-9a-fA-F]+")) {
            return true;
        }
        if (!hash.matches("[A-Za-z0-9+/]+={0,2}")) {
            return false;
        }
        try {
            return java.util.Base64.getDecoder().decode(hash).length == bytes;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String opposite(String tag) {
        return tag.startsWith("NO") ? tag.substring(2) : "NO" + tag;
    }

    private void checkOption(Cursor c, int at, String name, String value) {
        boolean ok = switch (name) {
            case "TIMEOUT" -> TIMEOUT.matcher(value).matches();
            case "NOTBEFORE", "NOTAFTER" -> TIME.matcher(value).matches();
            case "CWD", "CHROOT" -> (value.startsWith("/") || value.startsWith("~") || value.equals("*"))
                    && value.indexOf('=') < 0;
            default -> !value.isEmpty();
        };
        if (!ok) {
            throw c.errorAt(at, "invalid " + name + " value '" + value + "'");
        }
    }

    /** A command with its arguments: sudoers(5) Cmnd. */
    private Command command(Cursor c) {
        boolean negated = c.bangs();
        c.skipBlanks();
        String digest = null;
        String w = c.peekLowerWord();
        if (w != null && DIGESTS.contains(w) && c.pos + w.length() < c.text.length()
                && c.text.charAt(c.pos + w.length()) == ':') {
            c.pos += w.length() + 1;
            StringBuilder d = new StringBuilder(w).append(':');
            c.skipBlanks();
            int h = c.pos;
            while (!c.atEnd() && !isBlank(c.peek()) && c.peek() != ',' && c.peek() != ':') {
                c.pos++;
            }
            if (h == c.pos) {
                throw c.error("syntax error: expected a digest");
            }
            String hash = c.text.substring(h, c.pos);
            if (!digestLength(w, hash)) {
                throw c.errorAt(h, "syntax error: not a " + w + " digest");
            }
            digest = d.append(hash).toString();
            c.skipBlanks();
        }
        int at = c.pos;
        if (c.atEnd()) {
            throw c.error("syntax error: expected a command");
        }
        if (c.peek() == '"') {
            throw c.errorAt(at, "expected a fully-qualified path name");
        }
        String path = c.path();
        if (path.isEmpty()) {
            throw c.errorAt(at, "syntax error: expected a command");
        }
        // an escaped character makes a plain word: "AL\L" is neither ALL nor an alias
        boolean plain = c.text.substring(at, c.pos).indexOf('\\') < 0;
        if (plain && (path.equals("ALL") || Sudoers.isAliasName(path))) {
            if (digest != null) {
                throw c.errorAt(at, "syntax error: a digest needs a command path");
            }
            return new Command(path, null, negated, null);
        }
        if (!path.startsWith("/") && !path.startsWith("^") && !path.equals("sudoedit") && !path.equals("list")) {
            throw c.errorAt(at, "expected a fully-qualified path name");
        }
        String raw = c.text.substring(at, c.pos);
        for (int i = raw.indexOf('\\'); i >= 0; i = raw.indexOf('\\', i + 2)) {
            if (i + 1 >= raw.length() || ",:=\\ \t#".indexOf(raw.charAt(i + 1)) < 0) {
                throw c.errorAt(at, "expected a fully-qualified path name");
            }
        }
        if (path.startsWith("/") && (path.length() == 1 || path.contains("/="))) {
            throw c.errorAt(at, "expected a fully-qualified path name");
        }
        String args = c.args();
        if (path.startsWith("^") && !path.endsWith("$") || args != null && args.startsWith("^") && !args.endsWith("$")) {
            throw c.error("syntax error: a regular expression must end in '$'");
        }
        // a directory or "list" takes no arguments
        if (args != null && (path.endsWith("/") || path.equals("list"))) {
            throw c.error("syntax error: " + path + " takes no arguments");
        }
        return new Command(path, args, negated, digest);
    }

    /** A comma-separated list of (possibly negated) words: users, hosts, run-as users or groups. */
    private List<Member> list(Cursor c) {
        List<Member> out = new ArrayList<>();
        do {
            c.skipBlanks();
            boolean neg = c.bangs();
            c.skipBlanks();
            int at = c.pos;
            String w = c.word(true);
            if (w.isEmpty()) {
                throw c.errorAt(at, "syntax error: expected a name");
            }
            boolean quoted = c.text.charAt(at) == '"';
            if (!quoted && w.startsWith("#") && !w.matches("#-?[0-9]+")) {
                throw c.errorAt(at, "syntax error: '" + w + "' is not a numeric id");
            }
            out.add(new Member(w, neg));
            c.skipBlanks();
        } while (c.accept(','));
        return out;
    }

    static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == 0x0b;
    }

    static String clip(String text) {
        String t = text.strip().replaceAll("[ \t]+", " ");
        return t.length() > 300 ? t.substring(0, 300) + "…" : t;
    }

    /** A syntax error at an offset of the logical line. */
    private static final class Syntax extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int at;

        Syntax(String message, int at) {
            super(message, null, false, false);
            this.at = at;
        }
    }

    /** A position in one logical line, which knows the physical line of every offset. */
    private static final class Cursor {
        final String text;
        final List<int[]> breaks;
        int pos;

        Cursor(String text, List<int[]> breaks) {
            this.text = text;
            this.breaks = breaks;
        }

        int lineAt(int offset) {
            int line = breaks.getFirst()[1];
            for (int[] b : breaks) {
                if (b[0] <= offset) {
                    line = b[1];
                }
            }
            return line;
        }

        Syntax error(String message) {
            return new Syntax(message, pos);
        }

        Syntax errorAt(int at, String message) {
            return new Syntax(message, at);
        }

        boolean atEnd() {
            return pos >= text.length();
        }

        char peek() {
            return text.charAt(pos);
        }

        boolean peekIs(char ch) {
            return !atEnd() && text.charAt(pos) == ch;
        }

        char next() {
            return text.charAt(pos++);
        }

        boolean accept(char ch) {
            if (peekIs(ch)) {
                pos++;
                return true;
            }
            return false;
        }

        void skipBlanks() {
            while (!atEnd() && isBlank(peek())) {
                pos++;
            }
        }

        /** Any number of '!', blanks allowed between; true when odd. */
        boolean bangs() {
            skipBlanks();
            boolean neg = false;
            while (accept('!')) {
                neg = !neg;
            }
            skipBlanks();
            if (neg != false || text.startsWith("!", pos - 1)) {
                if (peekIs('!')) {
                    throw error("syntax error: '!' separated from '!'");
                }
            }
            return neg;
        }

        String peekKeyword() {
            int save = pos;
            skipBlanks();
            int s = pos;
            while (!atEnd() && !isBlank(peek())) {
                pos++;
            }
            String w = text.substring(s, pos);
            pos = save;
            return w;
        }

        void expectWord(String w) {
            if (!text.startsWith(w, pos)) {
                throw error("syntax error: expected " + w);
            }
            pos += w.length();
        }

        /** [A-Z_][A-Z0-9_]* at the cursor, or null. */
        String peekUpperWord() {
            int e = pos;
            while (e < text.length() && (Character.isUpperCase(text.charAt(e)) && text.charAt(e) < 128
                    || text.charAt(e) == '_' || (e > pos && Character.isDigit(text.charAt(e))))) {
                e++;
            }
            return e == pos ? null : text.substring(pos, e);
        }

        String peekLowerWord() {
            int e = pos;
            while (e < text.length() && (text.charAt(e) >= 'a' && text.charAt(e) <= 'z'
                    || (e > pos && Character.isDigit(text.charAt(e))))) {
                e++;
            }
            return e == pos ? null : text.substring(pos, e);
        }

        /**
         * A word: up to a blank or one of , = : ( ) !, with backslash escapes, or a double-quoted
         * string when {@code quotes}. "%:group" keeps its colon.
         */
        String word(boolean quotes) {
            StringBuilder b = new StringBuilder();
            if (quotes && peekIs('"')) {
                int at = pos;
                pos++;
                while (!atEnd() && peek() != '"') {
                    char ch = next();
                    if (ch == '\\' && !atEnd()) {
                        ch = next();
                    }
                    b.append(ch);
                }
                if (!accept('"')) {
                    throw errorAt(at, "syntax error: unterminated quoted string");
                }
                return b.toString();
            }
            if (text.startsWith("%:", pos)) {
                b.append("%:");
                pos += 2;
                if (quotes && peekIs('"')) {
                    return b.append(word(true)).toString();
                }
            }
            int start = pos;
            while (!atEnd()) {
                char ch = peek();
                if (isBlank(ch) || ",=:()!\"".indexOf(ch) >= 0) {
                    break;
                }
                // '#' starts a word only as "#uid"; inside a word it is where a comment begins
                if (ch == '#' && pos > start && !(pos == start + 1 && text.charAt(start) == '%')) {
                    break;
                }
                pos++;
                if (ch == '\\') {
                    if (atEnd()) {
                        break;
                    }
                    ch = next();
                }
                b.append(ch);
            }
            return b.toString();
        }

        /** A command word: up to an unescaped blank, ',' or ':' (escapes are kept for the caller to judge). */
        String path() {
            int start = pos;
            if (peekIs('^')) {
                // a regular expression runs to a '$' that ends the word, commas and all
                for (int e = text.indexOf('$', pos); e >= 0; e = text.indexOf('$', e + 1)) {
                    if (e + 1 == text.length() || isBlank(text.charAt(e + 1)) || text.charAt(e + 1) == ','
                            || text.charAt(e + 1) == ':') {
                        pos = e + 1;
                        return text.substring(start, pos);
                    }
                }
            }
            while (!atEnd()) {
                char ch = peek();
                if (isBlank(ch) || ch == ',' || ch == ':') {
                    break;
                }
                pos += ch == '\\' && pos + 1 < text.length() ? 2 : 1;
            }
            String raw = text.substring(start, pos);
            return raw.replaceAll("\\\\(.)", "$1");
        }

        /**
         * A command's arguments: up to an unescaped ',' or ':' or the end; null when there are none.
         * Backslash escapes only , : = \ and blanks (sudoers(5)); any other backslash is an error,
         * as it is for sudo.
         */
        String args() {
            skipBlanks();
            StringBuilder b = new StringBuilder();
            while (!atEnd()) {
                char ch = peek();
                if (ch == ',' || ch == ':') {
                    break;
                }
                // a '#' that starts a word ends the arguments: a comment, or a stray #uid (an error)
                if (ch == '#' && (b.isEmpty() || isBlank(b.charAt(b.length() - 1)))) {
                    break;
                }
                pos++;
                if (ch == '\\') {
                    if (atEnd()) {
                        break;
                    }
                    char n = next();
                    if (",:=\\ \t#".indexOf(n) < 0 && "*?[]!".indexOf(n) < 0) {
                        throw errorAt(pos - 2, "syntax error: '\\" + n + "' is not an escape sudo knows");
                    }
                    b.append(n);
                    continue;
                }
                b.append(ch);
            }
            String a = b.toString().strip();
            // a lone '=' among the arguments is where sudo's grammar expects a Host_List '='
            for (String word : a.split("[ \t]+")) {
                if (word.equals("=")) {
                    throw error("syntax error: '=' in a command's arguments");
                }
            }
            return a.isEmpty() ? null : a;
        }
    }

}
