package dev.firewatch.heartbeat;

import dev.firewatch.health.Check;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code heartbeats} on {@code /readyz}: failing when a heartbeat's deadline is more than a minute overdue, which
 * means the heartbeat thread is stuck or the store refuses its writes: a late job would not page.
 */
public final class HeartbeatCheck implements Check {
    private static final Duration LATE = Duration.ofMinutes(1);

    private final Heartbeats heartbeats;
    private final Clock clock;

    public HeartbeatCheck(Heartbeats heartbeats, Clock clock) {
        this.heartbeats = heartbeats;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "heartbeats";
    }

    @Override
    public Result run() {
        Instant now = clock.instant();
        var next = heartbeats.nextDue();
        if (next.isPresent() && next.get().isBefore(now.minus(LATE))) {
            return Result.failing("a heartbeat deadline that passed "
                    + Duration.between(next.get(), now).toSeconds() + "s ago has not been looked at");
        }
        return Result.ok(next.map(at -> "next heartbeat deadline " + at).orElse("no heartbeat deadline waiting"));
    }
}
