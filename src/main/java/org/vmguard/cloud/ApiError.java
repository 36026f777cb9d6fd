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
        super(method + " " + url + (status == 0 ? "" : ": HTTP " + status) + (message.isEmpty() ? "" : ": " + message)
                + (requestId == null ? "" : " (request " + requestId + ")"), null, false, false);
        this.status = status;
    }

    /** A failure that wraps another with context (the step of a quarantine, what to do next). */
    public ApiError(String message, int status) {
        super(message, null, false, false);
        this.status = status;
    }

    /** Why a request got no answer, in words (java.net's exceptions often carry no message). */
    public static String reason(java.io.IOException e) {
        String message = null;
        String connect = null;
        // the outermost is often a message-less ConnectException around the real cause
        for (Throwable t = e; t != null; t = t.getCause()) {
            String words = switch (t) {
                case java.net.http.HttpConnectTimeoutException x -> "connection timed out";
                case java.net.http.HttpTimeoutException x -> "no answer in time";
                case java.nio.channels.UnresolvedAddressException x -> "unknown host";
                case java.net.UnknownHostException x -> "unknown host " + x.getMessage();
                case java.net.NoRouteToHostException x -> "no route to host";
                case javax.net.ssl.SSLException x -> "TLS failed: " + x.getMessage();
                default -> null;
            };
            if (words != null) {
                return words;
            }
            if (t instanceof java.net.ConnectException && connect == null) {
                connect = t.getMessage() != null ? t.getMessage() : "connection refused";
            }
            message = message != null ? message : t.getMessage();
        }
        return connect != null ? connect : message != null ? message : e.getClass().getSimpleName();
    }

    /** The HTTP status, or 0 when the service could not be reached at all. */
    public int status() {
        return status;
    }
}
