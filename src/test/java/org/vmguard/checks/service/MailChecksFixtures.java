package org.vmguard.checks.service;

import org.vmguard.testing.Tree;

/** Small postfix installations for the mail checks' tests. */
final class MailChecksFixtures {

    private MailChecksFixtures() {
    }

    static final String MASTER = """
            smtp      inet  n       -       y       -       -       smtpd
            pickup    unix  n       -       y       60      1       pickup
            """;

    static Tree postfix(Tree t, String main, String master) {
        return t.file("/usr/sbin/postfix", "").file("/etc/postfix/main.cf", main).file("/etc/postfix/master.cf", master);
    }
}
