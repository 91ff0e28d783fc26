package dev.firewatch.paging;

import dev.firewatch.health.Check;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code scheduler} on {@code /readyz}: failing when an escalation step is more than a minute overdue, which
 * means the paging thread is stuck or the store refuses its writes: pages would be late.
 */
public final class SchedulerCheck implements Check {
    private static final Duration LATE = Duration.ofMinutes(1);

    private final Paging paging;
    private final Clock clock;

    public SchedulerCheck(Paging paging, Clock clock) {
        this.paging = paging;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "scheduler";
    }

    @Override
    public Result run() {
        Instant now = clock.instant();
        var next = paging.nextDue();
        if (next.isPresent() && next.get().isBefore(now.minus(LATE))) {
            return Result.failing("an escalation step due "
                    + Duration.between(next.get(), now).toSeconds() + "s ago has not paged yet");
        }
        return Result.ok(next.map(at -> "next escalation step due " + at).orElse("no escalation waiting"));
    }
}
