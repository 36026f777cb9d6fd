package org.vmguard.facts.authlog;

import java.time.Duration;

/**
 * When a source counts as brute force: {@code maxRetry} failures within {@code findTime}, the
 * rule by which fail2ban bans (its sshd jail defaults: 5 failures in 10 minutes).
 */
public record Thresholds(int maxRetry, Duration findTime) {

    public static final Thresholds FAIL2BAN_DEFAULTS = new Thresholds(5, Duration.ofMinutes(10));

    /**
     * The analyzer keeps the times of each failing source's last maxretry failures: a bound keeps
     * that memory sane (1,000 longs per source), far above any jail's setting.
     */
    public static final int MAX_RETRY_LIMIT = 1000;

    public Thresholds {
        if (maxRetry < 1 || maxRetry > MAX_RETRY_LIMIT) {
            throw new IllegalArgumentException("maxretry must be between 1 and " + MAX_RETRY_LIMIT + ", not " + maxRetry);
        }
        if (findTime.isNegative() || findTime.isZero()) {
            throw new IllegalArgumentException("findtime must be positive, not " + findTime.toSeconds() + " s");
        }
    }
}
