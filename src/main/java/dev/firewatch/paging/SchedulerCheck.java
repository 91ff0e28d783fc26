package dev.firewatch.paging;

import dev.firewatch.health.Check;
import dev.firewatch.health.OverdueCheck;
import java.time.Clock;

/**
 * {@code scheduler} on {@code /readyz}: failing when an escalation step is more than a minute overdue, which
 * means the paging thread is stuck or the store refuses its writes: pages would be late.
 */
public final class SchedulerCheck {
    private SchedulerCheck() {}

    public static Check of(Paging paging, Clock clock) {
        return OverdueCheck.failing(
                "scheduler",
                clock,
                paging::nextDue,
                new OverdueCheck.Wording(
                        "an escalation step due %ds ago has not paged yet",
                        "next escalation step due %s", "no escalation waiting"));
    }
}
