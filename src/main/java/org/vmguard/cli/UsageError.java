package org.vmguard.cli;

/** The command line, a config file or a credential is wrong: exit 2 with this message. */
public final class UsageError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UsageError(String message) {
        super(message, null, false, false);
    }
}
