package org.vmguard.facts;

/**
 * A fact could not be gathered: a file is unreadable, a command failed. The runner turns it into
 * an {@code error} result whose reason is this message, so the message names the path and why.
 */
public class FactException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public FactException(String message) {
        super(message, null, false, false);
    }
}
