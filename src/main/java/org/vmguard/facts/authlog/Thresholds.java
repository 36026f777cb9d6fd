package org.vmguard.facts.authlog;

import java.time.Duration;

/**
 * When a source counts as brute force: {@code maxRetry} failures within {@code findTime}, the
 * rule by which fail2ban bans (its sshd jail defaults: 5 failures in 10 minutes).
 */
public record Thresholds(int maxRetry, Duration findTime) {

    public static final Thresholds FAIL2BAN_DEFAULTS = new Thresholds(5, Duration.ofMinutes(10));

    public Thresholds {
        if (maxRetry < 1) {
            throw new IllegalArgumentException("maxretry must be at least 1, not " + maxRetry);
        }
        if (findTime.isNegative() || findTime.isZero()) {
            throw new IllegalArgumentException("findtime must be positive, not " + findTime);
        }
    }
}
