package dev.firewatch.probe;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A monitor's state machine: each result moves its {@link MonitorStatus} by the first row of {@link #TABLE} that
 * matches, and the move returns its reason and what to tell the alert pipeline as values. No I/O, no clock: the
 * caller passes the time in.
 */
final class Transitions {
    private Transitions() {}

    /** What one result counts as. */
    enum Outcome {
        PASSED,
        FAILED,
        /** Failed to reach the target while Firewatch is cut off from its canaries: not counted, not paged. */
        HELD;

        static Outcome of(ProbeResult result, boolean cutOff) {
            if (result.passed()) {
                return PASSED;
            }
            return !result.reached() && cutOff ? HELD : FAILED;
        }
    }

    /** What the move tells the alert pipeline. */
    sealed interface Alerting permits Trigger, Resolve, Quiet {}

    /** Open (or update) the monitor's alert. */
    record Trigger(String summary) implements Alerting {}

    /** Close the monitor's alert. */
    record Resolve() implements Alerting {}

    /** Nothing to send. */
    record Quiet() implements Alerting {}

    /** The result of one move. */
    record Transition(MonitorStatus next, String reason, Alerting alerting) {}

    /** What a row's guard and reason see: the counts after this result. */
    record Seen(MonitorStatus before, MonitorSpec monitor, ProbeResult result, int failures, int successes) {
        String failure() {
            return result.failure().orElse("failed");
        }
    }

    /** A row: from these states, on this outcome, when the guard holds, go to {@code to} (null: stay). */
    private record Row(
            Set<MonitorState> from,
            Outcome on,
            Predicate<Seen> when,
            MonitorState to,
            java.util.function.Function<Seen, String> reason) {}

    private static final Set<MonitorState> ANY = EnumSet.allOf(MonitorState.class);
    private static final Set<MonitorState> NOT_DOWN =
            EnumSet.of(MonitorState.PENDING, MonitorState.UP, MonitorState.UNKNOWN);

    /** Degraded is up with a window rule holding, so rows read the health under it: degraded counts as up. */
    private static final List<Row> TABLE = List.of(
            new Row(
                    ANY,
                    Outcome.HELD,
                    s -> true,
                    MonitorState.UNKNOWN,
                    s -> "unknown: " + s.failure()
                            + "; held, since Firewatch cannot reach most of its connectivity canaries"),
            new Row(
                    EnumSet.of(MonitorState.DOWN),
                    Outcome.FAILED,
                    s -> true,
                    MonitorState.DOWN,
                    s -> "still down, " + s.failures() + " consecutive failures: " + s.failure()),
            new Row(
                    NOT_DOWN,
                    Outcome.FAILED,
                    s -> s.failures() >= s.monitor().failuresBeforeDown(),
                    MonitorState.DOWN,
                    s -> "down after " + s.failures() + " consecutive failures: " + s.failure()),
            new Row(
                    NOT_DOWN,
                    Outcome.FAILED,
                    s -> true,
                    null,
                    s -> "failed " + s.failures() + " of " + s.monitor().failuresBeforeDown() + " before down: "
                            + s.failure()),
            new Row(
                    EnumSet.of(MonitorState.DOWN, MonitorState.UNKNOWN),
                    Outcome.PASSED,
                    s -> s.before().alerting() && s.successes() >= s.monitor().successesBeforeUp(),
                    MonitorState.UP,
                    s -> "up after " + s.successes() + " consecutive passes"),
            new Row(
                    EnumSet.of(MonitorState.DOWN, MonitorState.UNKNOWN),
                    Outcome.PASSED,
                    s -> s.before().alerting(),
                    null,
                    s -> "passed " + s.successes() + " of " + s.monitor().successesBeforeUp() + " before up"),
            new Row(ANY, Outcome.PASSED, s -> true, MonitorState.UP, s -> "up"));

    /**
     * Moves {@code before} by one result.
     *
     * @param breach the window rule that holds, said with its observed value; empty when none does
     */
    static Transition next(
            MonitorStatus before,
            MonitorSpec monitor,
            ProbeResult result,
            Outcome outcome,
            Optional<String> breach,
            MonitoringSpec.Flapping flapping,
            Instant now) {
        int failures =
                switch (outcome) {
                    case FAILED -> before.failures() + 1;
                    case PASSED -> 0;
                    case HELD -> before.failures();
                };
        int successes =
                switch (outcome) {
                    case PASSED -> before.successes() + 1;
                    case FAILED -> 0;
                    case HELD -> before.successes();
                };
        MonitorState health = before.state() == MonitorState.DEGRADED ? MonitorState.UP : before.state();
        Seen seen = new Seen(before, monitor, result, failures, successes);
        Row row = TABLE.stream()
                .filter(r -> r.from().contains(health)
                        && r.on() == outcome
                        && r.when().test(seen))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no move from " + health + " on " + outcome));
        MonitorState state = row.to() == null ? health : row.to();
        String reason = row.reason().apply(seen);
        if (state == MonitorState.UP && breach.isPresent()) {
            state = MonitorState.DEGRADED;
            reason = "degraded: " + breach.get();
        }

        List<Instant> changes = new ArrayList<>(before.changes().stream()
                .filter(at -> at.isAfter(now.minus(flapping.window())))
                .toList());
        if (state != before.state() && state.decided() && before.state().decided()) {
            changes.add(now);
        }
        boolean isFlapping = changes.size() > flapping.changes();
        // Only the newest (limit + 1) changes decide whether it flaps: the row stays small however often it does.
        changes = changes.subList(Math.max(0, changes.size() - flapping.changes() - 1), changes.size());
        boolean wantsAlert = state.alerts()
                || (before.alerting()
                        && (isFlapping || state == MonitorState.UNKNOWN || state == MonitorState.PENDING));
        Alerting alerting;
        if (wantsAlert && state.alerts() && (!before.alerting() || state != before.state())) {
            alerting = new Trigger(monitor.name() + " is " + state.wireName() + ": "
                    + (state == MonitorState.DOWN ? seen.failure() : breach.orElse(reason)));
        } else if (!wantsAlert && before.alerting()) {
            alerting = new Resolve();
        } else {
            alerting = new Quiet();
        }
        if (isFlapping) {
            reason += "; flapping (" + changes.size() + " changes within " + WindowRules.shown(flapping.window())
                    + "): one incident stays open until it settles";
        }
        MonitorStatus next = new MonitorStatus(
                before.name(),
                state,
                failures,
                successes,
                state == before.state() ? before.since() : now,
                reason,
                wantsAlert,
                changes,
                isFlapping,
                Optional.of(ResultSummary.of(result)));
        return new Transition(next, reason, alerting);
    }
}
