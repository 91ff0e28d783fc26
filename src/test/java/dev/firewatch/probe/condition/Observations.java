package dev.firewatch.probe.condition;

import dev.firewatch.probe.Observation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Observations for condition tests, built one field at a time. */
record Observations(Observation observation) {
    static final Instant AT = Instant.parse("2026-12-07T12:00:00Z");

    static Observations http(int status, String body) {
        return new Observations(new Observation(
                AT,
                Duration.ofMillis(120),
                Optional.empty(),
                true,
                Optional.of(status),
                Map.of("content-type", List.of("application/json; charset=utf-8")),
                Optional.of(body),
                Optional.empty(),
                Optional.empty(),
                Optional.empty()));
    }

    static Observations nothing() {
        return new Observations(new Observation(
                AT,
                Duration.ofMillis(5),
                Optional.empty(),
                true,
                Optional.empty(),
                Map.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty()));
    }

    Observations took(Duration elapsed) {
        var o = observation;
        return new Observations(new Observation(
                o.at(),
                elapsed,
                o.error(),
                o.reached(),
                o.status(),
                o.headers(),
                o.body(),
                o.certificateExpiry(),
                o.certificateMatchesHost(),
                o.result()));
    }

    Observations failed(String error, boolean reached) {
        var o = observation;
        return new Observations(new Observation(
                o.at(),
                o.responseTime(),
                Optional.of(error),
                reached,
                Optional.empty(),
                Map.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty()));
    }

    Observations certificate(Duration left, boolean matchesHost) {
        var o = observation;
        return new Observations(new Observation(
                o.at(),
                o.responseTime(),
                o.error(),
                o.reached(),
                o.status(),
                o.headers(),
                o.body(),
                Optional.of(o.at().plus(left)),
                Optional.of(matchesHost),
                o.result()));
    }

    Observations result(Object result) {
        var o = observation;
        return new Observations(new Observation(
                o.at(),
                o.responseTime(),
                o.error(),
                o.reached(),
                o.status(),
                o.headers(),
                o.body(),
                o.certificateExpiry(),
                o.certificateMatchesHost(),
                Optional.of(result)));
    }

    Observations body(String body) {
        var o = observation;
        return new Observations(new Observation(
                o.at(),
                o.responseTime(),
                o.error(),
                o.reached(),
                o.status(),
                o.headers(),
                Optional.of(body),
                o.certificateExpiry(),
                o.certificateMatchesHost(),
                o.result()));
    }

    @Override
    public String toString() {
        return observation.toString();
    }
}
