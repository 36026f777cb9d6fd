package org.vmguard.facts.authlog;

/**
 * What an OpenSSH log line says about authentication. The first members mirror the failure
 * expressions of Debian 12's fail2ban sshd filter in normal mode, in the filter's order, with the
 * filter's flags: {@code nofail} lines identify a connection without being failures,
 * {@code forget} lines end the connection's state, {@code gained} marks a login that clears it.
 * The last members are lines the filter ignores but the analysis reads.
 */
public enum SshdMessage {
    /** "[aA]uthentication failure|error|failed for U from H" (PAM through sshd). */
    AUTHENTICATION_FAILURE(Flags.FAIL),
    /** "User not known to the underlying authentication module for U from H". */
    USER_NOT_KNOWN(Flags.FAIL),
    /** "Failed publickey for invalid user U from H … ssh2: KEY": the filter counts this one. */
    FAILED_PUBLICKEY_INVALID(Flags.FAIL),
    /** "Failed password|none|keyboard-interactive/pam for [invalid user] U from H". */
    FAILED(Flags.FAIL),
    /** "Failed publickey for U from H": an offered key that did not fit, not a failure. */
    FAILED_PUBLICKEY(Flags.NOFAIL),
    /** "ROOT LOGIN REFUSED FROM H". */
    ROOT_LOGIN_REFUSED(Flags.FAIL),
    /** "Invalid user U from H" (or "Illegal"). */
    INVALID_USER(Flags.FAIL),
    /** "User U from H not allowed because …" (AllowUsers, DenyUsers, AllowGroups, DenyGroups). */
    NOT_ALLOWED(Flags.FAIL),
    /** "refused connect from NAME (H)" (tcp wrappers). */
    REFUSED_CONNECT(Flags.FAIL),
    /** "Received disconnect from H: 3: …: Auth fail". */
    DISCONNECT_AUTH_FAIL(Flags.FAIL | Flags.FORGET),
    /** "pam_unix(sshd:auth): authentication failure; … rhost=H user=U". */
    PAM_AUTH_FAILURE(Flags.NOFAIL),
    /** "maximum authentication attempts exceeded for U from H". */
    MAX_AUTH_ATTEMPTS(Flags.FAIL),
    /** "User U not allowed because account is locked" (no address: the connection's). */
    ACCOUNT_LOCKED(Flags.FAIL),
    /** "Disconnecting invalid|authenticating user U H: Change of username or service not allowed". */
    CHANGE_OF_USERNAME(Flags.FAIL | Flags.FORGET),
    /** "Disconnecting: Too many authentication failures" (no address: the connection's). */
    TOO_MANY_FAILURES(Flags.FAIL),
    /** "Received disconnect from H: 11: …". */
    DISCONNECT_BY_CLIENT(Flags.NOFAIL | Flags.FORGET),
    /** "Connection closed|reset by|from [invalid|authenticating user U] H", "Disconnected from …". */
    CLOSED(Flags.NOFAIL | Flags.FORGET),
    /** "Accepted password|publickey|keyboard-interactive/pam|… for U from H". */
    ACCEPTED(Flags.GAINED | Flags.FORGET),
    /** "Accepted keyboard-interactive/pam for U from H": a login the filter's \\w+ does not match. */
    ACCEPTED_UNMATCHED(Flags.IGNORED),
    /** "Connection from H port N on …" (LogLevel VERBOSE). */
    CONNECTION_FROM(Flags.NOFAIL),
    /** "Disconnected from user U H port N": the end of a session; the filter ignores it. */
    SESSION_CLOSED(Flags.IGNORED),
    /** Any other sshd line. */
    OTHER(Flags.IGNORED);

    static final class Flags {
        static final int FAIL = 0;
        static final int NOFAIL = 1;
        static final int FORGET = 2;
        static final int GAINED = 4;
        static final int IGNORED = 8;

        private Flags() {
        }
    }

    private static final SshdMessage[] VALUES = values();

    private final int flags;

    SshdMessage(int flags) {
        this.flags = flags;
    }

    static SshdMessage of(int ordinal) {
        return VALUES[ordinal];
    }

    /** Does fail2ban's sshd filter match this line at all? */
    public boolean matchedByFilter() {
        return (flags & Flags.IGNORED) == 0;
    }

    /** A line the filter matches only to learn the connection's address or user. */
    public boolean nofail() {
        return (flags & Flags.NOFAIL) != 0;
    }

    /** The connection ends here for the filter. */
    public boolean forget() {
        return (flags & Flags.FORGET) != 0;
    }

    /** A successful login, as the filter sees it. */
    public boolean gained() {
        return (flags & Flags.GAINED) != 0;
    }

    /** A successful login, as the analysis sees it. */
    public boolean success() {
        return this == ACCEPTED || this == ACCEPTED_UNMATCHED;
    }

    /** A failure kind of the filter (counted unless the connection says otherwise). */
    public boolean failure() {
        return flags == Flags.FAIL || flags == (Flags.FAIL | Flags.FORGET);
    }
}
