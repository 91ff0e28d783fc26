package dev.firewatch.heartbeat;

import dev.firewatch.web.Format;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A heartbeat as its config defines it and its pings left it: the small model everything else asks, with no I/O
 * and the time passed in. Modelled on healthchecks: the status is derived at an instant, never stored.
 *
 * <p>The rules, in order: never pinged is {@link HeartbeatStatus#NEW} (nothing is expected yet); a last run that
 * failed is {@link HeartbeatStatus#DOWN} until a success; a run in progress is judged by its max run time alone;
 * otherwise the schedule says when the next success is expected after the last, and the grace time how late it
 * may be.
 */
public record Heartbeat(HeartbeatSpec spec, HeartbeatState state) {

    /** Why a heartbeat is down: the alert's summary, kept as a value. */
    public sealed interface Reason permits Late, Failed, Unfinished {
        /** The kinds, as the store keeps the reason of an open alert. */
        enum Kind {
            LATE,
            FAILED,
            UNFINISHED
        }

        Kind kind();

        String summary(String name);
    }

    /** No success came by {@code expectedAt} plus the grace time. */
    public record Late(Instant lastSuccessAt, Instant expectedAt, Duration grace) implements Reason {
        @Override
        public Kind kind() {
            return Kind.LATE;
        }

        @Override
        public String summary(String name) {
            return "Heartbeat " + name + " is late: last ping " + Format.when(lastSuccessAt) + ", expected by "
                    + Format.when(expectedAt) + " (+" + HeartbeatSpec.text(grace) + " grace)";
        }
    }

    /** The last run said it failed: {@code /fail} or a non-zero exit code (null when none was given). */
    public record Failed(Instant at, Integer exitCode) implements Reason {
        @Override
        public Kind kind() {
            return Kind.FAILED;
        }

        @Override
        public String summary(String name) {
            return exitCode == null
                    ? "Heartbeat " + name + " reported a failure at " + Format.when(at)
                    : "Heartbeat " + name + " failed with exit code " + exitCode + " at " + Format.when(at);
        }
    }

    /** A run started and did not finish within the max run time. */
    public record Unfinished(Instant startedAt, Duration maxRuntime) implements Reason {
        @Override
        public Kind kind() {
            return Kind.UNFINISHED;
        }

        @Override
        public String summary(String name) {
            return "Heartbeat " + name + " started at " + Format.when(startedAt) + " and never finished (max run time "
                    + HeartbeatSpec.text(maxRuntime) + ")";
        }
    }

    /** What a ping or the clock means for the alert: nothing, raise (or update) it, or resolve it. */
    public sealed interface Tell permits Nothing, Raise, Clear {}

    public record Nothing() implements Tell {}

    public record Raise(Reason reason) implements Tell {}

    public record Clear() implements Tell {}

    /**
     * The outcome of a ping or of a look at a due heartbeat.
     *
     * @param runMillis how long the run this ping finished took, or null (no start, or not a finish)
     */
    public record Step(HeartbeatState state, Tell tell, Long runMillis) {}

    public HeartbeatStatus statusAt(Instant now) {
        if (state.lastPingAt() == null) {
            return HeartbeatStatus.NEW;
        }
        if (state.failedAt() != null) {
            return HeartbeatStatus.DOWN;
        }
        if (state.startedAt() != null) {
            return now.isBefore(runDeadline()) ? HeartbeatStatus.STARTED : HeartbeatStatus.DOWN;
        }
        Optional<Instant> expected = expectedAt();
        if (expected.isEmpty() || now.isBefore(expected.get())) {
            return expected.isEmpty() && state.lastSuccessAt() == null ? HeartbeatStatus.NEW : HeartbeatStatus.UP;
        }
        return now.isBefore(expected.get().plus(spec.grace())) ? HeartbeatStatus.GRACE : HeartbeatStatus.DOWN;
    }

    /** Why it is down at {@code now}; empty when it is not. */
    public Optional<Reason> downBecause(Instant now) {
        if (statusAt(now) != HeartbeatStatus.DOWN) {
            return Optional.empty();
        }
        if (state.failedAt() != null) {
            return Optional.of(new Failed(state.failedAt(), state.exitCode()));
        }
        if (state.startedAt() != null) {
            return Optional.of(new Unfinished(state.startedAt(), spec.maxRuntime()));
        }
        return Optional.of(new Late(state.lastSuccessAt(), expectedAt().orElseThrow(), spec.grace()));
    }

    /** When the next success is expected, after the last one; empty before the first or when never again. */
    public Optional<Instant> expectedAt() {
        return state.lastSuccessAt() == null
                ? Optional.empty()
                : spec.schedule().expectedAfter(state.lastSuccessAt());
    }

    /**
     * When it goes down if no ping comes first: the end of a run's max run time, or the expected time plus grace.
     * Empty when nothing is expected (never pinged) or it is down already for a failure.
     */
    public Optional<Instant> downAt() {
        if (state.failedAt() != null) {
            return Optional.empty();
        }
        if (state.startedAt() != null) {
            return Optional.of(runDeadline());
        }
        return expectedAt().map(expected -> expected.plus(spec.grace()));
    }

    /** Takes a ping: the state after it, and what the alert should hear. */
    public Step receive(Ping ping) {
        Instant at = ping.at();
        Long run = ping.kind() != PingKind.START && state.startedAt() != null && !at.isBefore(state.startedAt())
                ? Duration.between(state.startedAt(), at).toMillis()
                : null;
        HeartbeatState next =
                switch (ping.kind()) {
                    case START ->
                        new HeartbeatState(
                                at,
                                ping.kind(),
                                state.lastSuccessAt(),
                                state.failedAt(),
                                state.exitCode(),
                                at,
                                state.lastRunMillis(),
                                state.alarm(),
                                null,
                                state.version());
                    case SUCCESS ->
                        new HeartbeatState(
                                at,
                                ping.kind(),
                                at,
                                null,
                                null,
                                null,
                                run != null ? run : state.lastRunMillis(),
                                null,
                                null,
                                state.version());
                    case FAIL ->
                        new HeartbeatState(
                                at,
                                ping.kind(),
                                state.lastSuccessAt(),
                                at,
                                ping.exitCode(),
                                null,
                                run != null ? run : state.lastRunMillis(),
                                Reason.Kind.FAILED,
                                null,
                                state.version());
                };
        Heartbeat after = new Heartbeat(spec, next);
        Tell tell =
                switch (ping.kind()) {
                    case START -> new Nothing();
                    case SUCCESS -> state.alarm() != null ? new Clear() : new Nothing();
                    case FAIL -> new Raise(new Failed(at, ping.exitCode()));
                };
        return new Step(next.withAlarm(next.alarm(), after.downAt().orElse(null)), tell, run);
    }

    /**
     * The scheduler's look at a heartbeat whose due time came: down now raises the alert (again, when the reason
     * changed); not down (the config gave it longer since) moves the due time to when it would be.
     */
    public Step check(Instant now) {
        Optional<Reason> reason = downBecause(now);
        if (reason.isEmpty()) {
            return new Step(state.withAlarm(state.alarm(), downAt().orElse(null)), new Nothing(), null);
        }
        Tell tell = reason.get().kind() == state.alarm() ? new Nothing() : new Raise(reason.get());
        return new Step(state.withAlarm(reason.get().kind(), null), tell, null);
    }

    private Instant runDeadline() {
        return state.startedAt().plus(spec.maxRuntime());
    }
}
