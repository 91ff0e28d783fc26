package dev.firewatch.notify;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long to wait before the next try: {@code backoff} doubling per failed attempt, capped at
 * {@code maxBackoff}, and then a random part of it taken off ("equal jitter"), so a receiver that comes back is
 * not hit by every waiting notification in the same second.
 */
record Backoff(Duration base, Duration max, RandomGenerator random) {
    /** @param failedAttempts 1 after the first failure */
    Duration after(int failedAttempts) {
        long baseMillis = Math.max(1, base.toMillis());
        int doublings = Math.min(failedAttempts - 1, 30);
        long capped = Math.min(max.toMillis(), baseMillis << doublings);
        long half = capped / 2;
        return Duration.ofMillis(half + (half == 0 ? 0 : random.nextLong(half + 1)));
    }
}
