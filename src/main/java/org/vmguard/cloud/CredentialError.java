package org.vmguard.cloud;

/**
 * The credentials are missing or wrong: the message says which setting and where it came from
 * (clouds.yaml path, environment variable), never its secret value. The CLI exits 2 on it.
 */
public final class CredentialError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CredentialError(String message) {
        super(message, null, false, false);
    }
}
