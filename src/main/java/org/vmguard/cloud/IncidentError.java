package org.vmguard.cloud;

/** An incident file is missing, unreadable, or does not fit the command (exit 2). */
public final class IncidentError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public IncidentError(String message) {
        super(message, null, false, false);
    }
}
