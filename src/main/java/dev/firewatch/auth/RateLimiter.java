package dev.firewatch.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token bucket per caller (an address, an API key): {@code perMinute} requests, refilled evenly. The
 * table forgets the least recently seen callers beyond a bound, so a flood of addresses cannot exhaust
 * memory.
 */
public final class RateLimiter {
    /** The answer for one request: go ahead, or wait this long. */
    public sealed interface Decision {
        record Allowed() implements Decision {}

        record Limited(Duration retryAfter) implements Decision {}
    }

    private static final int MAX_CALLERS = 50_000;

    private static final class Bucket {
        double tokens;
        long refilledAt;
    }

    private final int perMinute;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new LinkedHashMap<>(1024, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > MAX_CALLERS;
        }
    };

    public RateLimiter(int perMinute, Clock clock) {
        this.perMinute = perMinute;
        this.clock = clock;
    }

    public synchronized Decision acquire(String caller) {
        long now = clock.millis();
        Bucket bucket = buckets.computeIfAbsent(caller, k -> {
            Bucket b = new Bucket();
            b.tokens = perMinute;
            b.refilledAt = now;
            return b;
        });
        double perMilli = perMinute / 60_000.0;
        bucket.tokens = Math.min(perMinute, bucket.tokens + (now - bucket.refilledAt) * perMilli);
        bucket.refilledAt = now;
        if (bucket.tokens >= 1) {
            bucket.tokens -= 1;
            return new Decision.Allowed();
        }
        long waitMillis = (long) Math.ceil((1 - bucket.tokens) / perMilli);
        return new Decision.Limited(Duration.ofMillis(waitMillis));
    }
}
