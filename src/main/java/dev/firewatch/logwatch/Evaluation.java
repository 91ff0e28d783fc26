package dev.firewatch.logwatch;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of looking at a rule: its next state, what changed about its alert (in order: a start that went
 * overdue and the late line that arrived in one batch make a trigger and then a resolve), and when the rule must be
 * looked at again though no line arrives (null when only a line can change it).
 */
record Evaluation(RuleState state, List<Change> changes, Instant dueAt) {
    Evaluation {
        changes = List.copyOf(changes);
    }

    /**
     * Evaluates {@code rule} at {@code now} with the lines that matched it since the last evaluation (none when a
     * deadline came). {@code stored} is null, or of another kind, when the rule has no state yet: it starts afresh.
     */
    static Evaluation of(LogRuleSpec rule, RuleState stored, List<Hit> hits, Instant now) {
        return switch (rule.kind()) {
            case LogRuleSpec.Rate rate ->
                (stored instanceof RateWindow window ? window : RateWindow.EMPTY)
                        .evaluate(rule.name(), rate, hits, now);
            case LogRuleSpec.Sequence sequence ->
                (stored instanceof Awaiting awaiting ? awaiting : Awaiting.NOTHING)
                        .evaluate(rule.name(), sequence, hits, now);
            case LogRuleSpec.Absence absence ->
                (stored instanceof LastSeen seen ? seen : LastSeen.startingAt(now))
                        .evaluate(rule.name(), absence, hits, now);
        };
    }
}
