package dev.firewatch.notify;

import dev.firewatch.health.Check;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code outbox} on {@code /readyz}: failing when notifications are not draining (one due more than two minutes
 * ago is still unsent: the worker is stuck or the store refuses it), degraded while dead letters wait for a person
 * or a destination's circuit breaker is open. Dead letters are never silent.
 */
public final class OutboxCheck implements Check {
    private static final Duration STUCK = Duration.ofMinutes(2);
    private static final int COUNT_CAP = 10_000;

    private final Outbox outbox;
    private final Supplier<List<String>> openBreakers;
    private final Clock clock;

    public OutboxCheck(Outbox outbox, Supplier<List<String>> openBreakers, Clock clock) {
        this.outbox = outbox;
        this.openBreakers = openBreakers;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "outbox";
    }

    @Override
    public Result run() {
        Instant now = clock.instant();
        var oldest = outbox.oldestPending();
        if (oldest.isPresent() && oldest.get().isBefore(now.minus(STUCK))) {
            return Result.failing("notifications are not going out: one was due "
                    + Duration.between(oldest.get(), now).toMinutes() + " minutes ago and is still unsent");
        }
        int dead = outbox.deadCount(COUNT_CAP);
        List<String> open = openBreakers.get();
        if (dead > 0 || !open.isEmpty()) {
            String letters = dead == 0
                    ? ""
                    : (dead >= COUNT_CAP ? "at least " : "") + dead + " dead letter" + (dead == 1 ? "" : "s")
                            + " (see /notifications)";
            String breakers = open.isEmpty() ? "" : "circuit breaker open for " + String.join(", ", open);
            return Result.degraded(String.join(
                    "; ",
                    java.util.stream.Stream.of(letters, breakers)
                            .filter(s -> !s.isEmpty())
                            .toList()));
        }
        return Result.ok("draining" + oldest.map(at -> "; next due " + at).orElse("; nothing queued"));
    }
}
