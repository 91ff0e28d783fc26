package dev.firewatch.notify;

import java.time.Duration;

/**
 * How hard the outbox tries: each send waits at most {@code timeout}; a failed send is retried after
 * {@code backoff}, doubling up to {@code maxBackoff}, with jitter, {@code attempts} times in all, before the
 * notification becomes a dead letter (and a person's next contact method is tried). After
 * {@code breakerFailures} failures in a row a channel's breaker opens for {@code breakerOpenFor}: sends to it
 * fail at once, so a dead Slack costs nobody a timeout per page.
 */
public record DeliverySpec(
        Duration timeout,
        int attempts,
        Duration backoff,
        Duration maxBackoff,
        int breakerFailures,
        Duration breakerOpenFor,
        Duration linksValidFor) {
    public static final DeliverySpec DEFAULTS = new DeliverySpec(
            Duration.ofSeconds(10),
            4,
            Duration.ofSeconds(5),
            Duration.ofMinutes(5),
            5,
            Duration.ofSeconds(60),
            Duration.ofHours(24));
}
