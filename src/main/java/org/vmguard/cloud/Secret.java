package org.vmguard.cloud;

/**
 * A password, application-credential secret or token. It never shows itself: {@code toString}
 * prints a mask, so a secret that ends up in a message, a log line or an exception stays hidden.
 * Only the Keystone request and the auth header read the value.
 */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret of(String value) {
        return value == null || value.isEmpty() ? null : new Secret(value);
    }

    /** The value itself: only for the request that must carry it. */
    String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "******";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
