package org.vmguard.probe;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a web server answered to GET /: the status, its Server header ("" when none), the
 * page's title ("" when none; whitespace collapsed, the common entities decoded) and the start
 * of the body (at most the first 64 KiB, decoded as the response's charset or UTF-8).
 */
public record HttpPage(int status, String server, String title, String bodyStart) {

    private static final Pattern TITLE = Pattern.compile("<title\\b[^>]*>(.*?)</title\\s*>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    /** Titles are short; a "title" longer than this is not one a person reads. */
    static final int MAX_TITLE = 512;

    /** The text of the first &lt;title&gt; element of an HTML page, "" when it has none. */
    public static String titleOf(String html) {
        Matcher m = TITLE.matcher(html);
        if (!m.find()) {
            return "";
        }
        String t = m.group(1).replaceAll("\\s+", " ").strip()
                .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&nbsp;", " ").replace("&amp;", "&");
        return t.length() > MAX_TITLE ? t.substring(0, MAX_TITLE) : t;
    }

    /** For messages: "200 nginx/1.22.1 “Welcome to nginx!”". */
    public String summary() {
        return status + (server.isEmpty() ? "" : " " + server) + (title.isEmpty() ? "" : " \u201c" + title + "\u201d");
    }
}
