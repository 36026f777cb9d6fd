package org.vmguard.cloud;

import java.time.Duration;

/**
 * How politely the client treats the cloud.
 *
 * @param maxAttempts tries per request when the cloud answers 429/503 (or 413 with Retry-After)
 * @param baseDelay the first back-off step; each retry doubles it, with full jitter
 * @param maxDelay no single wait is longer, whatever Retry-After asks
 * @param requestsPerSecond the client-side rate limit (a token bucket)
 * @param burst how many requests may go at once after a quiet spell
 * @param concurrency how many requests may be in flight at once
 * @param renewBefore a token this close to expiry is renewed before use
 * @param pageSize the {@code limit} of list calls
 */
public record ClientOptions(int maxAttempts, Duration baseDelay, Duration maxDelay, double requestsPerSecond,
        int burst, int concurrency, Duration timeout, Duration renewBefore, int pageSize) {

    public static ClientOptions defaults() {
        return new ClientOptions(6, Duration.ofMillis(500), Duration.ofSeconds(30), 20, 20, 4,
                Duration.ofSeconds(60), Duration.ofMinutes(5), 1000);
    }

    public ClientOptions withRate(double rps, int burstSize) {
        return new ClientOptions(maxAttempts, baseDelay, maxDelay, rps, burstSize, concurrency, timeout, renewBefore, pageSize);
    }

    public ClientOptions withDelays(Duration base, Duration max) {
        return new ClientOptions(maxAttempts, base, max, requestsPerSecond, burst, concurrency, timeout, renewBefore, pageSize);
    }

    public ClientOptions withPageSize(int size) {
        return new ClientOptions(maxAttempts, baseDelay, maxDelay, requestsPerSecond, burst, concurrency, timeout, renewBefore, size);
    }

    public ClientOptions withConcurrency(int n) {
        return new ClientOptions(maxAttempts, baseDelay, maxDelay, requestsPerSecond, burst, n, timeout, renewBefore, pageSize);
    }
}
