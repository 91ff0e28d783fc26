package dev.firewatch.logwatch;

import dev.firewatch.health.Check;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code log_rules} on {@code /readyz}: degraded when a rule's deadline passed more than a minute ago without being
 * evaluated, or a trigger has waited more than a minute for intake: the log-rules thread is stuck or the store or
 * the journal refuses it, so log rules page late. Degraded, not failing: the rest of Firewatch still pages.
 */
public final class LogRulesCheck implements Check {
    private static final Duration LATE = Duration.ofMinutes(1);

    private final LogRules logRules;
    private final Clock clock;

    public LogRulesCheck(LogRules logRules, Clock clock) {
        this.logRules = logRules;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "log_rules";
    }

    @Override
    public Result run() {
        Instant now = clock.instant();
        LogRules.Lateness lateness = logRules.lateness();
        Instant late = now.minus(LATE);
        if (lateness.nextDue().filter(at -> at.isBefore(late)).isPresent()) {
            return Result.degraded("a log rule deadline of "
                    + Duration.between(lateness.nextDue().get(), now).toSeconds() + "s ago is not evaluated yet");
        }
        if (lateness.oldestQueued().filter(at -> at.isBefore(late)).isPresent()) {
            return Result.degraded("a log rule's alert has waited "
                    + Duration.between(lateness.oldestQueued().get(), now).toSeconds() + "s for the intake journal");
        }
        return Result.ok(
                lateness.nextDue().map(at -> "next log rule deadline " + at).orElse("no log rule waiting"));
    }
}
