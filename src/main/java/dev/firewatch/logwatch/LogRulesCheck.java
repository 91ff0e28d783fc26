package dev.firewatch.logwatch;

import dev.firewatch.health.Check;
import dev.firewatch.health.OverdueCheck;
import java.time.Clock;

/**
 * {@code log_rules} on {@code /readyz}: degraded when a rule's deadline passed more than a minute ago without being
 * evaluated, or a trigger has waited more than a minute for intake: the log-rules thread is stuck or the store or
 * the journal refuses it, so log rules page late. Degraded, not failing: the rest of Firewatch still pages.
 */
public final class LogRulesCheck {
    private LogRulesCheck() {}

    public static Check of(LogRules logRules, Clock clock) {
        return OverdueCheck.degraded(
                        "log_rules",
                        clock,
                        logRules::nextDue,
                        new OverdueCheck.Wording(
                                "a log rule deadline of %ds ago is not evaluated yet",
                                "next log rule deadline %s", "no log rule waiting"))
                .orWaiting(logRules::oldestQueued, "a log rule's alert has waited %ds for the intake journal");
    }
}
