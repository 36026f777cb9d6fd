package org.vmguard.fleet.store;

/** The results store cannot be opened, migrated or written; the message names it (never its password). */
public final class StoreError extends Exception {

    private static final long serialVersionUID = 1L;

    public StoreError(String message) {
        super(message, null, false, false);
    }
}
