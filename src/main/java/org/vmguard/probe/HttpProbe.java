package org.vmguard.probe;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;

import org.vmguard.core.Evidence;

/** What a web server shows at "/": one GET over a plain socket, read within limits. */
public final class HttpProbe {

    /** At most this much of the body is read. */
    static final int MAX_BODY = 64 * 1024;
    static final int MAX_LINE = 8192;
    static final int MAX_HEADERS = 100;
    /** "HTTP/1.1 100 Continue" and friends before the real answer. */
    static final int MAX_INTERIM = 5;

    private static final Pattern STATUS = Pattern.compile("HTTP/(\\d)\\.(\\d) ([1-5]\\d\\d)(?: .*)?", Pattern.DOTALL);
    private static final Pattern CHARSET = Pattern.compile(";\\s*charset=\"?([A-Za-z0-9._:+-]+)\"?", Pattern.CASE_INSENSITIVE);

    private HttpProbe() {
    }

    /**
     * GET / with Host: host (over TLS when tls, any certificate accepted); the first 64 KiB of
     * the body at most. Absent: port closed or not HTTP.
     */
    public static Probed<HttpPage> get(InetSocketAddress at, String host, boolean tls, Duration timeout) {
        if (host.isEmpty() || host.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("not usable as a Host header: \"" + host + "\"");
        }
        String where = "http GET " + (tls ? "https://" : "http://") + PortScan.endpoint(at) + "/ (Host: " + host + ")";
        Duration total = timeout.multipliedBy(2);
        Socket socket;
        try {
            socket = PortScan.connect(at, timeout);
        } catch (IOException e) {
            return Probed.absent(where + ": nothing accepts connections (" + e.getMessage() + ")");
        }
        try (Socket plain = socket) {
            final Socket s;
            if (tls) {
                SSLSocket t = TlsProbe.wrap(plain, at, TlsProbe.sni(host), null, timeout, total);
                try {
                    t.startHandshake();
                } catch (SSLHandshakeException e) {
                    t.close();
                    return Probed.failed(where + ": the TLS handshake failed: " + e.getMessage());
                } catch (SSLException | SocketTimeoutException | EOFException e) {
                    t.close();
                    return Probed.absent(where + ": not a TLS service (" + e.getMessage() + ")");
                }
                s = t;
            } else {
                s = plain;
            }
            try (s) {
                OutputStream out = s.getOutputStream();
                out.write(("GET / HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: vmguard-probe\r\nAccept: */*\r\n"
                        + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                return read(where, PortScan.timed(s, timeout, total));
            }
        } catch (IOException e) {
            return Probed.failed(where + ": " + e.getMessage());
        }
    }

    private static Probed<HttpPage> read(String where, InputStream in) throws IOException {
        String statusLine;
        int status;
        Head head;
        int interim = 0;
        while (true) {
            try {
                statusLine = PortScan.line(in, MAX_LINE);
            } catch (SocketTimeoutException | PortScan.TooLong | EOFException e) {
                return Probed.absent(where + ": not an HTTP server (" + e.getMessage() + ")");
            }
            if (statusLine == null) {
                return Probed.absent(where + ": closed the connection without an answer");
            }
            Matcher m = STATUS.matcher(statusLine);
            if (!m.matches()) {
                return Probed.absent(where + ": not an HTTP server (it said \"" + PortScan.printable(statusLine, 80) + "\")");
            }
            status = Integer.parseInt(m.group(3));
            head = Head.read(in);
            if (status >= 200) {
                break;
            }
            if (++interim > MAX_INTERIM) {
                return Probed.failed(where + ": more than " + MAX_INTERIM + " interim responses");
            }
        }
        byte[] body = status == 204 || status == 304 ? new byte[0] : body(in, head);
        String text = new String(body, head.charset().orElse(StandardCharsets.UTF_8));
        HttpPage page = new HttpPage(status, head.server, HttpPage.titleOf(text), text);
        return Probed.seen(page, Evidence.command(where, PortScan.printable(statusLine, 200)
                + (page.server().isEmpty() ? "" : "; Server: " + page.server())
                + (page.title().isEmpty() ? "" : "; title: " + page.title())));
    }

    /** The headers we use. */
    private record Head(String server, long contentLength, boolean chunked, String contentType) {
        static Head read(InputStream in) throws IOException {
            String server = "";
            long length = -1;
            boolean chunked = false;
            String type = "";
            for (int n = 0; ; n++) {
                if (n > MAX_HEADERS) {
                    throw new IOException("more than " + MAX_HEADERS + " header lines");
                }
                String line = PortScan.line(in, MAX_LINE);
                if (line == null) {
                    throw new EOFException("connection closed inside the headers");
                }
                if (line.isEmpty()) {
                    return new Head(server, length, chunked, type);
                }
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                String value = line.substring(colon + 1).strip();
                switch (name) {
                    case "server" -> server = PortScan.printable(value, 200);
                    case "content-length" -> {
                        try {
                            length = Long.parseLong(value);
                        } catch (NumberFormatException e) {
                            length = -1;
                        }
                    }
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "content-type" -> type = value;
                    default -> {
                        // other headers do not matter here
                    }
                }
            }
        }

        Optional<Charset> charset() {
            Matcher m = CHARSET.matcher(contentType);
            if (!m.find()) {
                return Optional.empty();
            }
            try {
                return Charset.isSupported(m.group(1)) ? Optional.of(Charset.forName(m.group(1))) : Optional.empty();
            } catch (IllegalCharsetNameException e) {
                return Optional.empty();
            }
        }
    }

    /**
     * The body's first MAX_BODY bytes (chunked, by length, or up to the close). A server that
     * stalls or hangs up early leaves us with what came so far: we only need the start.
     */
    private static byte[] body(InputStream in, Head head) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try {
            if (head.chunked()) {
                while (b.size() < MAX_BODY) {
                    String size = PortScan.line(in, 1024);
                    if (size == null) {
                        break;
                    }
                    int semi = size.indexOf(';');
                    long n = Long.parseLong((semi >= 0 ? size.substring(0, semi) : size).strip(), 16);
                    if (n <= 0) {
                        break;
                    }
                    copy(in, b, n);
                    PortScan.line(in, 1024);
                }
            } else {
                copy(in, b, head.contentLength() >= 0 ? head.contentLength() : Long.MAX_VALUE);
            }
        } catch (IOException | NumberFormatException e) {
            // what came before the stall or the junk is the start we wanted
        }
        byte[] all = b.toByteArray();
        return all.length > MAX_BODY ? java.util.Arrays.copyOf(all, MAX_BODY) : all;
    }

    private static void copy(InputStream in, ByteArrayOutputStream b, long n) throws IOException {
        byte[] buf = new byte[8192];
        long left = n;
        while (left > 0 && b.size() < MAX_BODY) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, Math.min(left, MAX_BODY - b.size())));
            if (r < 0) {
                return;
            }
            b.write(buf, 0, r);
            left -= r;
        }
    }
}
