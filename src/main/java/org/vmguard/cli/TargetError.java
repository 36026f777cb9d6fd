package org.vmguard.cli;

/** A target could not be reached or read at all: exit 3 with this message. */
public final class TargetError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TargetError(String message) {
        super(message, null, false, false);
    }
}
