package dev.firewatch.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firewatch.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * A dead Slack must not cost every page a timeout, and a receiver coming back must not be hit by every waiting
 * notification in the same second.
 */
class BreakersAndBackoffTest {
    @Test
    void aBreakerOpensAfterFailuresInARowLetsOneThroughLaterAndClosesOnSuccess() {
        MutableClock clock = MutableClock.at("2026-11-23T03:00:00Z");
        Breakers breakers = new Breakers(3, Duration.ofSeconds(60), clock);
        breakers.failed("slack:hooks.slack.com");
        breakers.failed("slack:hooks.slack.com");
        breakers.succeeded("ntfy:ntfy.sh");
        assertThat(breakers.openUntil("slack:hooks.slack.com"))
                .as("two failures in a row")
                .isEmpty();

        breakers.failed("slack:hooks.slack.com");
        assertThat(breakers.openUntil("slack:hooks.slack.com")).contains(Instant.parse("2026-11-23T03:01:00Z"));
        assertThat(breakers.open()).containsExactly("slack:hooks.slack.com");
        assertThat(breakers.openUntil("ntfy:ntfy.sh"))
                .as("other hosts are not affected")
                .isEmpty();

        clock.advance(Duration.ofSeconds(60));
        assertThat(breakers.openUntil("slack:hooks.slack.com"))
                .as("half-open: one send may test it")
                .isEmpty();
        assertThat(breakers.openUntil("slack:hooks.slack.com"))
                .as("the others wait while that one is out")
                .isPresent();
        breakers.succeeded("slack:hooks.slack.com");
        assertThat(breakers.openUntil("slack:hooks.slack.com")).isEmpty();
        assertThat(breakers.open()).isEmpty();
    }

    @Test
    void aFailedTestSendOpensTheBreakerAgain() {
        MutableClock clock = MutableClock.at("2026-11-23T03:00:00Z");
        Breakers breakers = new Breakers(1, Duration.ofSeconds(30), clock);
        breakers.failed("webhook:sms.example.com");
        clock.advance(Duration.ofSeconds(30));
        assertThat(breakers.openUntil("webhook:sms.example.com")).isEmpty();
        breakers.failed("webhook:sms.example.com");
        assertThat(breakers.openUntil("webhook:sms.example.com")).contains(Instant.parse("2026-11-23T03:01:00Z"));
    }

    @Test
    void backoffDoublesUpToItsCapWithJitterInTheUpperHalf() {
        Backoff backoff =
                new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(1), RandomGenerator.of("L64X128MixRandom"));
        for (int i = 0; i < 200; i++) {
            assertThat(backoff.after(1)).isBetween(Duration.ofMillis(2500), Duration.ofSeconds(5));
            assertThat(backoff.after(2)).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10));
            assertThat(backoff.after(3)).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(20));
            assertThat(backoff.after(30)).isBetween(Duration.ofSeconds(30), Duration.ofMinutes(1));
        }
        long distinct = java.util.stream.IntStream.range(0, 50)
                .mapToObj(i -> backoff.after(4))
                .distinct()
                .count();
        assertThat(distinct).as("waits are spread, not all the same").isGreaterThan(10);
    }
}
