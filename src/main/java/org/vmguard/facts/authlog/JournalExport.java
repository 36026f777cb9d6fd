package org.vmguard.facts.authlog;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.vmguard.facts.Json;
import org.vmguard.facts.ParseError;

/**
 * {@code journalctl -o json} output turned into syslog lines with RFC 3339 stamps
 * ("2026-11-23T10:00:00.123456Z host sshd[42]: message"), one per journal entry, so the same
 * scanner reads both. An entry that is no JSON object becomes a line the scanner counts as
 * unparsed, so line numbers still match the journal export's.
 */
public final class JournalExport {

    private static final byte[] UNPARSABLE = {0x01, '\n'};

    private JournalExport() {
    }

    public static InputStream asSyslog(InputStream json) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(json, StandardCharsets.UTF_8), 1 << 16)) {
            String line;
            while ((line = r.readLine()) != null) {
                String syslog = line.isBlank() ? "" : entry(line);
                if (syslog == null) {
                    out.write(UNPARSABLE);
                } else {
                    out.write(syslog.getBytes(StandardCharsets.UTF_8));
                    out.write('\n');
                }
            }
        }
        return new ByteArrayInputStream(out.toByteArray());
    }

    /** One entry as a syslog line, or null when it is no journal entry. */
    static String entry(String jsonLine) {
        Json.Value n;
        try {
            // our small reader: Jackson's first ObjectMapper costs ~25 ms of the audit's start-up
            n = Json.parse("journal", jsonLine);
        } catch (ParseError e) {
            return null;
        }
        if (!n.isObject()) {
            return null;
        }
        String message = message(n.get("MESSAGE"));
        String micros = text(n, "__REALTIME_TIMESTAMP");
        if (message == null || micros == null || !micros.matches("\\d{1,19}")) {
            return null;
        }
        long us = Long.parseLong(micros);
        Instant t = Instant.ofEpochSecond(us / 1_000_000, (us % 1_000_000) * 1000);
        String ident = text(n, "SYSLOG_IDENTIFIER");
        if (ident == null) {
            ident = text(n, "_COMM");
        }
        String pid = text(n, "_PID");
        if (pid == null) {
            pid = text(n, "SYSLOG_PID");
        }
        String host = text(n, "_HOSTNAME");
        return t + " " + (host == null ? "localhost" : host.replace(' ', '_')) + " "
                + (ident == null ? "unknown" : ident.replace(' ', '_')) + (pid == null ? "" : "[" + pid + "]") + ": "
                + message.replace('\n', ' ').replace('\r', ' ');
    }

    private static String text(Json.Value n, String field) {
        Json.Value v = n.get(field);
        return v == null || v.isNull() ? null : v.isValueNode() ? v.asText() : null;
    }

    /** journald writes non-UTF-8 messages as arrays of byte values. */
    private static String message(Json.Value m) {
        if (m == null || m.isNull()) {
            return null;
        }
        if (m.isArray()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (Json.Value b : m) {
                try {
                    bytes.write(Integer.parseInt(b.asText()));
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            return bytes.toString(StandardCharsets.UTF_8);
        }
        return m.isValueNode() ? m.asText() : null;
    }
}
