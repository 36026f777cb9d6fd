package org.vmguard.checks.log;

import java.time.Instant;

/** auth.log fragments for the log checks' tests (traditional stamps; the file's mtime gives the year). */
final class LogFixtures {

    static final Instant MTIME = Instant.parse("2026-11-23T12:00:00Z");

    static final String QUIET = """
            Nov 23 09:00:01 web01 sshd[100]: Accepted publickey for alice from 192.0.2.10 port 50000 ssh2: ED25519 SHA256:abc
            Nov 23 09:00:01 web01 sshd[100]: pam_unix(sshd:session): session opened for user alice(uid=1000) by (uid=0)
            Nov 23 09:30:00 web01 sshd[100]: Received disconnect from 192.0.2.10 port 50000:11: disconnected by user
            Nov 23 09:30:00 web01 sshd[100]: Disconnected from user alice 192.0.2.10 port 50000
            Nov 23 10:00:00 web01 sshd[101]: Invalid user admin from 203.0.113.5 port 40000
            Nov 23 10:00:02 web01 sshd[101]: Failed password for invalid user admin from 203.0.113.5 port 40000 ssh2
            Nov 23 10:00:03 web01 sshd[101]: Connection closed by invalid user admin 203.0.113.5 port 40000 [preauth]
            """;

    static final String BRUTE_FORCE = """
            Nov 23 10:00:00 web01 sshd[201]: Failed password for root from 203.0.113.9 port 40001 ssh2
            Nov 23 10:00:05 web01 sshd[201]: Failed password for root from 203.0.113.9 port 40001 ssh2
            Nov 23 10:00:09 web01 sshd[201]: Failed password for root from 203.0.113.9 port 40001 ssh2
            Nov 23 10:00:12 web01 sshd[201]: Connection closed by authenticating user root 203.0.113.9 port 40001 [preauth]
            Nov 23 10:03:00 web01 sshd[202]: Invalid user oracle from 203.0.113.9 port 40002
            Nov 23 10:03:02 web01 sshd[202]: Failed password for invalid user oracle from 203.0.113.9 port 40002 ssh2
            Nov 23 10:03:03 web01 sshd[202]: Connection closed by invalid user oracle 203.0.113.9 port 40002 [preauth]
            """;

    static final String BREAK_IN = """
            Nov 23 10:00:00 web01 sshd[301]: Failed password for root from 198.51.100.66 port 40001 ssh2
            Nov 23 10:00:04 web01 sshd[301]: Failed password for root from 198.51.100.66 port 40001 ssh2
            Nov 23 10:00:07 web01 sshd[301]: Accepted password for root from 198.51.100.66 port 40001 ssh2
            """;

    private LogFixtures() {
    }
}
