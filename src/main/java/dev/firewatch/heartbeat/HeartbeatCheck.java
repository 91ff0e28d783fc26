package dev.firewatch.heartbeat;

import dev.firewatch.health.Check;
import dev.firewatch.health.OverdueCheck;
import java.time.Clock;

/**
 * {@code heartbeats} on {@code /readyz}: failing when a heartbeat's deadline is more than a minute overdue, which
 * means the heartbeat thread is stuck or the store refuses its writes: a late job would not page.
 */
public final class HeartbeatCheck {
    private HeartbeatCheck() {}

    public static Check of(Heartbeats heartbeats, Clock clock) {
        return OverdueCheck.failing(
                "heartbeats",
                clock,
                heartbeats::nextDue,
                new OverdueCheck.Wording(
                        "a heartbeat deadline that passed %ds ago has not been looked at",
                        "next heartbeat deadline %s", "no heartbeat deadline waiting"));
    }
}
