package org.vmguard.target.ssh;

import java.io.IOException;

/** A host could not be reached, refused us, or dropped the connection; the message says which. */
public final class SshFailure extends IOException {

    private static final long serialVersionUID = 1L;

    public SshFailure(String message) {
        super(message);
    }

    public SshFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
