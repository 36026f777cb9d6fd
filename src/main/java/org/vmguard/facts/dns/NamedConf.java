package org.vmguard.facts.dns;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.vmguard.core.Evidence;
import org.vmguard.facts.ParseError;

/**
 * BIND's named.conf as a tree of statements: each statement is its words up to a {@code ;}, with
 * an optional block of nested statements ({@code options { … };}, {@code acl x { … };}, an
 * address match list). Comments in all three styles ({@code #}, {@code //}, {@code /* *}{@code /})
 * are dropped, quoted strings are single words, and {@code include "file";} is spliced in place,
 * as named does.
 */
public record NamedConf(List<Statement> statements) {

    /** One statement; {@code block} is empty for a statement without braces. */
    public record Statement(List<String> words, Optional<List<Statement>> block, String path, int line) {

        public String keyword() {
            return words.isEmpty() ? "" : words.getFirst();
        }

        public Evidence evidence() {
            return Evidence.at(path, line, summary());
        }

        /** "allow-recursion { 10.0.0.0/8; any; }" for evidence, clipped. */
        public String summary() {
            StringBuilder b = new StringBuilder(String.join(" ", words));
            block.ifPresent(bl -> {
                b.append(" {");
                for (Statement s : bl) {
                    b.append(' ').append(s.summary().strip()).append(';');
                    if (b.length() > 200) {
                        b.append(" …");
                        break;
                    }
                }
                b.append(" }");
            });
            return b.toString();
        }

        public List<Statement> children() {
            return block.orElse(List.of());
        }

        /** The first direct child statement with this keyword. */
        public Optional<Statement> child(String keyword) {
            return children().stream().filter(s -> s.keyword().equals(keyword)).findFirst();
        }
    }

    private static final int MAX_DEPTH = 64;
    private static final int MAX_INCLUDES = 200;

    /**
     * @param reader reads an included file by absolute path; empty when it does not exist
     */
    public static NamedConf parse(String path, String text, Function<String, Optional<String>> reader) {
        Parser p = new Parser(reader);
        return new NamedConf(p.file(path, text, 0, new ArrayList<>()));
    }

    public static NamedConf parse(String path, String text) {
        return parse(path, text, f -> Optional.empty());
    }

    /** Top-level statements with this keyword. */
    public List<Statement> all(String keyword) {
        return statements.stream().filter(s -> s.keyword().equals(keyword)).toList();
    }

    public Optional<Statement> options() {
        return all("options").stream().findFirst();
    }

    private static final class Parser {
        private final Function<String, Optional<String>> reader;
        private int includes;

        Parser(Function<String, Optional<String>> reader) {
            this.reader = reader;
        }

        List<Statement> file(String path, String text, int depth, List<String> stack) {
            if (stack.contains(path)) {
                throw new ParseError(path, 0, "includes itself (through " + String.join(" → ", stack) + ")");
            }
            if (depth > MAX_DEPTH) {
                throw new ParseError(path, 0, "includes nested too deeply");
            }
            stack.add(path);
            Lexer lx = new Lexer(path, text);
            List<Statement> out = block(lx, false, depth, stack);
            stack.removeLast();
            return out;
        }

        private List<Statement> block(Lexer lx, boolean inBraces, int depth, List<String> stack) {
            List<Statement> out = new ArrayList<>();
            while (true) {
                Lexer.Token t = lx.peek();
                if (t == null) {
                    if (inBraces) {
                        throw new ParseError(lx.path, lx.line, "'}' expected before the end of the file");
                    }
                    return out;
                }
                if (t.kind() == '}') {
                    if (!inBraces) {
                        throw new ParseError(lx.path, t.line(), "unexpected '}'");
                    }
                    return out;
                }
                if (t.kind() == ';') {
                    throw new ParseError(lx.path, t.line(), "unexpected ';' (an empty statement)");
                }
                Statement s = statement(lx, depth, stack);
                if (s.keyword().equals("include") && s.block().isEmpty()) {
                    if (s.words().size() != 2) {
                        throw new ParseError(s.path(), s.line(), "include takes one file name");
                    }
                    if (++includes > MAX_INCLUDES) {
                        throw new ParseError(s.path(), s.line(), "more than " + MAX_INCLUDES + " includes");
                    }
                    String file = s.words().get(1);
                    if (!file.startsWith("/")) {
                        file = "/etc/bind/" + file;
                    }
                    Optional<String> text = reader.apply(file);
                    if (text.isEmpty()) {
                        throw new ParseError(s.path(), s.line(), "open: " + file + ": file not found");
                    }
                    out.addAll(file(file, text.get(), depth + 1, stack));
                    continue;
                }
                out.add(s);
            }
        }

        private Statement statement(Lexer lx, int depth, List<String> stack) {
            List<String> words = new ArrayList<>();
            Lexer.Token first = lx.peek();
            Optional<List<Statement>> block = Optional.empty();
            while (true) {
                Lexer.Token t = lx.next();
                if (t == null) {
                    throw new ParseError(lx.path, lx.line, "';' expected before the end of the file");
                }
                switch (t.kind()) {
                    case ';' -> {
                        return new Statement(List.copyOf(words), block, lx.path, first.line());
                    }
                    case '{' -> {
                        if (block.isPresent()) {
                            throw new ParseError(lx.path, t.line(), "';' expected after '}'");
                        }
                        if (depth > MAX_DEPTH) {
                            throw new ParseError(lx.path, t.line(), "blocks nested too deeply");
                        }
                        block = Optional.of(List.copyOf(block(lx, true, depth + 1, stack)));
                        Lexer.Token close = lx.next();
                        if (close == null || close.kind() != '}') {
                            throw new ParseError(lx.path, lx.line, "'}' expected");
                        }
                    }
                    case '}' -> throw new ParseError(lx.path, t.line(), "';' expected before '}'");
                    default -> {
                        if (block.isPresent()) {
                            throw new ParseError(lx.path, t.line(), "';' expected after '}'");
                        }
                        words.add(t.text());
                    }
                }
            }
        }
    }

    /** Tokens: words, quoted strings, and the punctuation { } ; — comments skipped. */
    static final class Lexer {
        record Token(char kind, String text, int line) {
        }

        final String path;
        private final String s;
        private int i;
        int line = 1;
        private Token peeked;

        Lexer(String path, String s) {
            this.path = path;
            this.s = s;
        }

        Token peek() {
            if (peeked == null) {
                peeked = read();
            }
            return peeked;
        }

        Token next() {
            Token t = peek();
            peeked = null;
            return t;
        }

        private Token read() {
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == '\n') {
                    line++;
                    i++;
                } else if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '#' || (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '/')) {
                    while (i < s.length() && s.charAt(i) != '\n') {
                        i++;
                    }
                } else if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '*') {
                    int start = line;
                    int end = s.indexOf("*/", i + 2);
                    if (end < 0) {
                        throw new ParseError(path, start, "unterminated /* comment");
                    }
                    for (int k = i; k < end; k++) {
                        if (s.charAt(k) == '\n') {
                            line++;
                        }
                    }
                    i = end + 2;
                } else if (c == '{' || c == '}' || c == ';') {
                    i++;
                    return new Token(c, String.valueOf(c), line);
                } else if (c == '"') {
                    int start = line;
                    StringBuilder b = new StringBuilder();
                    i++;
                    while (true) {
                        if (i >= s.length()) {
                            throw new ParseError(path, start, "unterminated string");
                        }
                        char d = s.charAt(i++);
                        if (d == '"') {
                            break;
                        }
                        if (d == '\\' && i < s.length()) {
                            d = s.charAt(i++);
                        }
                        if (d == '\n') {
                            line++;
                        }
                        b.append(d);
                    }
                    return new Token('w', b.toString(), start);
                } else {
                    int j = i;
                    while (j < s.length()) {
                        char d = s.charAt(j);
                        if (Character.isWhitespace(d) || d == '{' || d == '}' || d == ';' || d == '"' || d == '#') {
                            break;
                        }
                        if (d == '/' && j + 1 < s.length() && (s.charAt(j + 1) == '/' || s.charAt(j + 1) == '*')) {
                            break;
                        }
                        j++;
                    }
                    String w = s.substring(i, j);
                    i = j;
                    return new Token('w', w, line);
                }
            }
            return null;
        }
    }
}
