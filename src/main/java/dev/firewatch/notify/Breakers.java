package dev.firewatch.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One circuit breaker per destination host (hooks.slack.com, the SMTP server, ntfy.sh): after
 * {@code failures} failures in a row it opens for {@code openFor}, and sends there fail at once instead of
 * each waiting out a timeout; a person's page then falls back to their next method without delay. After
 * {@code openFor} one send is let through; its success closes the breaker, its failure opens it again.
 *
 * <p>In memory on purpose: a restart gives every destination a fresh chance, and the state is cheap to learn.
 */
final class Breakers {
    private record State(int failuresInARow, Instant openUntil) {}

    private final int failures;
    private final Duration openFor;
    private final Clock clock;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    Breakers(int failures, Duration openFor, Clock clock) {
        this.failures = failures;
        this.openFor = openFor;
        this.clock = clock;
    }

    /** When the breaker for {@code host} is open, until when; empty when a send may go. */
    Optional<Instant> openUntil(String host) {
        State state = states.get(host);
        if (state == null || state.openUntil() == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (now.isBefore(state.openUntil())) {
            return Optional.of(state.openUntil());
        }
        // Half-open: let this one through, and keep the others out until it has answered.
        states.put(host, new State(state.failuresInARow(), now.plus(openFor)));
        return Optional.empty();
    }

    void succeeded(String host) {
        states.remove(host);
    }

    void failed(String host) {
        states.compute(host, (h, state) -> {
            int inARow = (state == null ? 0 : state.failuresInARow()) + 1;
            return new State(inARow, inARow >= failures ? clock.instant().plus(openFor) : null);
        });
    }

    /** The hosts whose breaker is open now, for {@code /readyz} and {@code /metrics}. */
    java.util.List<String> open() {
        Instant now = clock.instant();
        return states.entrySet().stream()
                .filter(e -> e.getValue().openUntil() != null
                        && now.isBefore(e.getValue().openUntil()))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }
}
