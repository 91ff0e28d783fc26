package dev.firewatch.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firewatch.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A due row more than a minute overdue makes the check late, in the feature's words and with its seconds. */
class OverdueCheckTest {
    static final OverdueCheck.Wording WORDING =
            new OverdueCheck.Wording("a step due %ds ago has not paged yet", "next step due %s", "no step waiting");

    final MutableClock clock = MutableClock.at("2026-11-23T03:00:00Z");
    final AtomicReference<Optional<Instant>> nextDue = new AtomicReference<>(Optional.empty());
    final AtomicReference<Optional<Instant>> queuedSince = new AtomicReference<>(Optional.empty());

    @Test
    void namesTheNextDueRowUntilItIsMoreThanAMinuteOverdueThenFails() {
        OverdueCheck check = OverdueCheck.failing("scheduler", clock, nextDue::get, WORDING);
        assertThat(check.name()).isEqualTo("scheduler");
        assertThat(check.run()).isEqualTo(Check.Result.ok("no step waiting"));

        nextDue.set(Optional.of(clock.instant()));
        clock.advance(Duration.ofMinutes(1));
        assertThat(check.run()).isEqualTo(Check.Result.ok("next step due 2026-11-23T03:00:00Z"));

        clock.advance(Duration.ofSeconds(1));
        assertThat(check.run()).isEqualTo(Check.Result.failing("a step due 61s ago has not paged yet"));
    }

    @Test
    void aDegradedCheckIsLateOnItsDueRowsFirstThenOnWhatElseWaits() {
        OverdueCheck check = OverdueCheck.degraded("log_rules", clock, nextDue::get, WORDING)
                .orWaiting(queuedSince::get, "an alert has waited %ds for intake");
        nextDue.set(Optional.of(clock.instant().plusSeconds(30)));
        queuedSince.set(Optional.of(clock.instant()));
        clock.advance(Duration.ofSeconds(90));
        assertThat(check.run()).isEqualTo(Check.Result.degraded("an alert has waited 90s for intake"));

        clock.advance(Duration.ofMinutes(1));
        assertThat(check.run()).isEqualTo(Check.Result.degraded("a step due 120s ago has not paged yet"));

        queuedSince.set(Optional.empty());
        nextDue.set(Optional.of(clock.instant()));
        assertThat(check.run()).isEqualTo(Check.Result.ok("next step due 2026-11-23T03:02:30Z"));
    }
}
