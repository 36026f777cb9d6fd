package org.vmguard.probe;

import java.util.List;

/**
 * What an SMTP server said to a relay attempt: the whole exchange ("C: RCPT TO:&lt;…&gt;",
 * "S: 554 5.7.1 …") and the reply code to RCPT TO. {@code rcptCode} is 0 when the server
 * refused the session for good before RCPT could be asked (a 5xx greeting).
 */
public record SmtpDialogue(List<String> transcript, int rcptCode) {

    public SmtpDialogue {
        transcript = List.copyOf(transcript);
    }

    /** The server took the outside recipient from an outside sender: it relays for us. */
    public boolean relayAccepted() {
        return rcptCode / 100 == 2;
    }
}
