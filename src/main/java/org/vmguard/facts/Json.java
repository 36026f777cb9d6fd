package org.vmguard.facts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON reader (`nft -j` output, journal entries). Jackson would do, but creating its first ObjectMapper
 * costs a third of a second or more, which alone would break the audit's one-second budget.
 * Values are read into maps, lists, strings, numbers (as their text), booleans and null.
 */
public final class Json {

    /** One value; a missing member reads as {@link #MISSING}, so paths can be chained. */
    public static final class Value implements Iterable<Value> {
        private final Object v;

        private Value(Object v) {
            this.v = v;
        }

        public static final Value MISSING = new Value(Missing.INSTANCE);

        private enum Missing {
            INSTANCE
        }

        private enum Null {
            INSTANCE
        }

        public boolean isObject() {
            return v instanceof Map;
        }

        public boolean isArray() {
            return v instanceof List;
        }

        public boolean isTextual() {
            return v instanceof String;
        }

        public boolean isNull() {
            return v == Null.INSTANCE;
        }

        public boolean isMissingNode() {
            return v == Missing.INSTANCE;
        }

        /** A string, number or boolean. */
        public boolean isValueNode() {
            return v instanceof String || v instanceof Number || v instanceof Boolean;
        }

        public boolean has(String key) {
            return v instanceof Map<?, ?> m && m.containsKey(key);
        }

        /** The member, or null when absent (like Jackson's get). */
        public Value get(String key) {
            return v instanceof Map<?, ?> m ? (Value) m.get(key) : null;
        }

        public Value get(int i) {
            return v instanceof List<?> l && i < l.size() ? (Value) l.get(i) : null;
        }

        /** The member, or MISSING when absent. */
        public Value path(String key) {
            Value x = get(key);
            return x == null ? MISSING : x;
        }

        public String asText() {
            return asText("");
        }

        public String asText(String otherwise) {
            if (v instanceof String s) {
                return s;
            }
            if (v instanceof Number n) {
                return n.text();
            }
            if (v instanceof Boolean b) {
                return b.toString();
            }
            if (v == Null.INSTANCE) {
                return "null";
            }
            return otherwise;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Iterator<Value> iterator() {
            if (v instanceof List<?> l) {
                return ((List<Value>) l).iterator();
            }
            if (v instanceof Map<?, ?> m) {
                return ((Map<String, Value>) m).values().iterator();
            }
            return Collections.emptyIterator();
        }

        @Override
        public String toString() {
            if (v instanceof String s) {
                return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            }
            if (v instanceof Map<?, ?> m) {
                List<String> parts = new ArrayList<>();
                m.forEach((k, x) -> parts.add("\"" + k + "\":" + x));
                return "{" + String.join(",", parts) + "}";
            }
            if (v instanceof List<?> l) {
                List<String> parts = new ArrayList<>();
                l.forEach(x -> parts.add(String.valueOf(x)));
                return "[" + String.join(",", parts) + "]";
            }
            return asText("");
        }
    }

    private record Number(String text) {
    }

    private static final java.util.regex.Pattern NUMBER =
            java.util.regex.Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    private final String path;
    private final String s;
    private int i;
    private int line = 1;
    private int depth;

    private Json(String path, String s) {
        this.path = path;
        this.s = s;
    }

    /** Parses one JSON document; anything malformed is a ParseError at its line. */
    public static Value parse(String path, String text) {
        Json j = new Json(path, text);
        j.ws();
        Value v = j.value();
        j.ws();
        if (j.i != text.length()) {
            throw j.error("text after the JSON value");
        }
        return v;
    }

    private ParseError error(String msg) {
        return new ParseError(path, line, "not JSON: " + msg);
    }

    private void ws() {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\n') {
                line++;
            } else if (c != ' ' && c != '\t' && c != '\r') {
                return;
            }
            i++;
        }
    }

    private Value value() {
        if (i >= s.length()) {
            throw error("unexpected end");
        }
        if (++depth > 200) {
            throw error("nested too deeply");
        }
        try {
            char c = s.charAt(i);
            return switch (c) {
                case '{' -> object();
                case '[' -> array();
                case '"' -> new Value(string());
                case 't' -> literal("true", new Value(Boolean.TRUE));
                case 'f' -> literal("false", new Value(Boolean.FALSE));
                case 'n' -> literal("null", new Value(Value.Null.INSTANCE));
                default -> number();
            };
        } finally {
            depth--;
        }
    }

    private Value literal(String word, Value v) {
        if (!s.startsWith(word, i)) {
            throw error("unexpected `" + s.charAt(i) + "`");
        }
        i += word.length();
        return v;
    }

    private Value number() {
        int start = i;
        while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        String t = s.substring(start, i);
        if (t.isEmpty() || !NUMBER.matcher(t).matches()) {
            throw error("unexpected `" + (t.isEmpty() ? String.valueOf(s.charAt(i)) : t) + "`");
        }
        return new Value(new Number(t));
    }

    private String string() {
        i++; // opening quote
        StringBuilder b = new StringBuilder();
        while (true) {
            if (i >= s.length()) {
                throw error("unterminated string");
            }
            char c = s.charAt(i++);
            if (c == '"') {
                return b.toString();
            }
            if (c == '\n') {
                throw error("newline in a string");
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (i >= s.length()) {
                throw error("unterminated string");
            }
            char e = s.charAt(i++);
            switch (e) {
                case '"', '\\', '/' -> b.append(e);
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> {
                    if (i + 4 > s.length()) {
                        throw error("bad \\u escape");
                    }
                    try {
                        b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                    } catch (NumberFormatException x) {
                        throw error("bad \\u escape");
                    }
                    i += 4;
                }
                default -> throw error("bad escape \\" + e);
            }
        }
    }

    private Value object() {
        i++;
        Map<String, Value> m = new LinkedHashMap<>();
        ws();
        if (i < s.length() && s.charAt(i) == '}') {
            i++;
            return new Value(m);
        }
        while (true) {
            ws();
            if (i >= s.length() || s.charAt(i) != '"') {
                throw error("expected a member name");
            }
            String k = string();
            ws();
            if (i >= s.length() || s.charAt(i) != ':') {
                throw error("expected `:`");
            }
            i++;
            ws();
            m.put(k, value());
            ws();
            if (i >= s.length()) {
                throw error("unterminated object");
            }
            char c = s.charAt(i++);
            if (c == '}') {
                return new Value(m);
            }
            if (c != ',') {
                throw error("expected `,` or `}`");
            }
        }
    }

    private Value array() {
        i++;
        List<Value> l = new ArrayList<>();
        ws();
        if (i < s.length() && s.charAt(i) == ']') {
            i++;
            return new Value(l);
        }
        while (true) {
            ws();
            l.add(value());
            ws();
            if (i >= s.length()) {
                throw error("unterminated array");
            }
            char c = s.charAt(i++);
            if (c == ']') {
                return new Value(l);
            }
            if (c != ',') {
                throw error("expected `,` or `]`");
            }
        }
    }
}
