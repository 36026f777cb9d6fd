package org.vmguard.cloud;

/**
 * An OpenStack API call failed: the method, the URL (without query secrets; we never put secrets in
 * URLs), the status, the service's own message and the request id, so an operator can find it in the
 * cloud's logs.
 */
public final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public ApiError(String method, String url, int status, String message, String requestId) {
        super(method + " " + url + ": HTTP " + status + (message.isEmpty() ? "" : ": " + message)
                + (requestId == null ? "" : " (request " + requestId + ")"), null, false, false);
        this.status = status;
    }

    /** A failure that wraps another with context (the step of a quarantine, what to do next). */
    public ApiError(String message, int status) {
        super(message, null, false, false);
        this.status = status;
    }

    /** The HTTP status, or 0 when the service could not be reached at all. */
    public int status() {
        return status;
    }
}
