package dev.firewatch.testing;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Polls until an outside part (a database coming back, a socket closing) has done its thing. Only for
 * real I/O: deadlines of our own are tested with a fixed clock, never by waiting.
 */
public final class Eventually {
    private Eventually() {}

    public static <T> T within(Duration limit, Supplier<T> attempt, java.util.function.Predicate<T> done) {
        long until = System.nanoTime() + limit.toNanos();
        T last = attempt.get();
        while (!done.test(last)) {
            if (System.nanoTime() > until) {
                throw new AssertionError("still not done after " + limit + "; last seen: " + last);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            last = attempt.get();
        }
        return last;
    }
}
