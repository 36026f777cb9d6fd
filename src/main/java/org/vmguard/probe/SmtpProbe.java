package org.vmguard.probe;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.vmguard.core.Evidence;

/**
 * Asks an SMTP server whether it would relay: a mail transaction up to RCPT TO and no further.
 * DATA is never sent, so no message can ever be accepted or delivered.
 */
public final class SmtpProbe {

    /** RFC 5321 4.5.3.1.5 allows reply lines of 512 octets; a little slack for real servers. */
    static final int MAX_LINE = 2048;
    /** An EHLO reply lists a few extensions; more lines than this is not a mail server talking. */
    static final int MAX_REPLY_LINES = 100;
    /** greeting, EHLO, HELO, MAIL, RCPT, RSET, QUIT: each may take the whole timeout. */
    static final int EXCHANGES = 7;

    private static final Pattern REPLY = Pattern.compile("([2-5][0-9][0-9])(?:([ -])(.*))?", Pattern.DOTALL);

    private SmtpProbe() {
    }

    /**
     * Greeting, EHLO (HELO if refused), MAIL FROM:&lt;from&gt;, RCPT TO:&lt;to&gt;, then RSET and QUIT: never DATA,
     * so no mail is ever sent. Absent: port closed or not SMTP; Failed: dropped mid-way. Evidence: the transcript lines.
     */
    public static Probed<SmtpDialogue> relay(InetSocketAddress at, String heloName, String from, String to, Duration timeout) {
        for (String arg : List.of(heloName, from, to)) {
            if (arg.isEmpty() || arg.chars().anyMatch(c -> c < 0x21 || c == 0x7f || c == '<' || c == '>')) {
                throw new IllegalArgumentException("not usable in an SMTP command: \"" + arg + "\"");
            }
        }
        Session session = new Session("smtp " + PortScan.endpoint(at));
        Socket socket;
        try {
            socket = PortScan.connect(at, timeout);
        } catch (IOException e) {
            return Probed.absent(session.where + ": nothing accepts connections (" + e.getMessage() + ")");
        }
        try (socket) {
            InputStream in = PortScan.timed(socket, timeout, timeout.multipliedBy(EXCHANGES));
            OutputStream out = socket.getOutputStream();
            Reply greeting;
            try {
                greeting = session.read(in, "(connect)");
            } catch (NotSmtp | SocketTimeoutException | EOFException | PortScan.TooLong e) {
                return Probed.absent(session.where + ": not an SMTP server (" + e.getMessage() + ")");
            }
            if (greeting.code / 100 == 4) {
                session.quietly(in, out, "QUIT");
                return Probed.failed(session.where + ": the server turned us away for now: " + greeting.last());
            }
            if (greeting.code / 100 != 2) {
                session.quietly(in, out, "QUIT");
                return session.seen(0);
            }
            if (session.say(in, out, "EHLO " + heloName).code / 100 != 2) {
                session.say(in, out, "HELO " + heloName);
            }
            Reply mail = session.say(in, out, "MAIL FROM:<" + from + ">");
            if (mail.code / 100 == 4 || mail.code == 530) {
                session.quietly(in, out, "QUIT");
                return Probed.failed(session.where + ": the server would not start a transaction for us ("
                        + mail.last() + "), so whether it relays is unknown");
            }
            Reply rcpt = session.say(in, out, "RCPT TO:<" + to + ">");
            session.quietly(in, out, "RSET");
            session.quietly(in, out, "QUIT");
            return session.seen(rcpt.code);
        } catch (IOException e) {
            return Probed.failed(session.where + ": the dialogue broke off after \"" + session.lastCommand + "\": "
                    + e.getMessage());
        }
    }

    /** One reply: its code and its lines, as sent (printable). */
    record Reply(int code, List<String> lines) {
        String last() {
            return lines.getLast();
        }
    }

    static final class NotSmtp extends IOException {
        NotSmtp(String what) {
            super(what);
        }
    }

    /** The exchange so far: transcript and one piece of evidence per command. */
    private static final class Session {
        final String where;
        final List<String> transcript = new ArrayList<>();
        final List<Evidence> evidence = new ArrayList<>();
        String lastCommand = "(connect)";

        Session(String where) {
            this.where = where;
        }

        Reply say(InputStream in, OutputStream out, String command) throws IOException {
            lastCommand = command;
            transcript.add("C: " + command);
            out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return read(in, command);
        }

        /** RSET and QUIT after the answer is known: a server hanging up now changes nothing. */
        void quietly(InputStream in, OutputStream out, String command) {
            try {
                say(in, out, command);
            } catch (IOException e) {
                transcript.add("(" + command + ": " + e.getMessage() + ")");
            }
        }

        Reply read(InputStream in, String command) throws IOException {
            List<String> lines = new ArrayList<>();
            int code = -1;
            while (true) {
                String line = PortScan.line(in, MAX_LINE);
                if (line == null) {
                    throw new EOFException("connection closed" + (lines.isEmpty() ? "" : " in the middle of a reply"));
                }
                Matcher m = REPLY.matcher(line);
                if (!m.matches() || (code >= 0 && Integer.parseInt(m.group(1)) != code)) {
                    throw new NotSmtp("not an SMTP reply: \"" + PortScan.printable(line, 80) + "\"");
                }
                code = Integer.parseInt(m.group(1));
                String shown = PortScan.printable(line, 200);
                lines.add(shown);
                transcript.add("S: " + shown);
                if (!"-".equals(m.group(2))) {
                    break;
                }
                if (lines.size() >= MAX_REPLY_LINES) {
                    throw new NotSmtp("a reply of more than " + MAX_REPLY_LINES + " lines");
                }
            }
            evidence.add(Evidence.command(where, command + " -> " + String.join(" / ", lines)));
            return new Reply(code, List.copyOf(lines));
        }

        Probed<SmtpDialogue> seen(int rcptCode) {
            return new Probed.Seen<>(new SmtpDialogue(transcript, rcptCode), evidence);
        }
    }
}
