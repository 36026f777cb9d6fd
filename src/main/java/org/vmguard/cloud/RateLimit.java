package org.vmguard.cloud;

/** A token bucket: {@code burst} requests at once, then {@code perSecond} on average. */
final class RateLimit {

    private final double perSecond;
    private final double capacity;
    private double tokens;
    private long last = System.nanoTime();

    RateLimit(double perSecond, int burst) {
        this.perSecond = perSecond;
        this.capacity = Math.max(1, burst);
        this.tokens = capacity;
    }

    /** Waits until a request may go. */
    void acquire() throws InterruptedException {
        long waitNanos;
        synchronized (this) {
            long now = System.nanoTime();
            tokens = Math.min(capacity, tokens + (now - last) / 1e9 * perSecond);
            last = now;
            tokens -= 1; // reserve now; a negative balance is the queue of waiters
            waitNanos = tokens >= 0 ? 0 : (long) (-tokens / perSecond * 1e9);
        }
        if (waitNanos > 0) {
            Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
        }
    }
}
