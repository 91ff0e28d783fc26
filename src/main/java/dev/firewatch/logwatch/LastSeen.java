package dev.firewatch.logwatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An absence rule's memory: when a line last matched (or when the rule began watching, before any did) and whether
 * the silence has lasted too long.
 *
 * @param since the last matching line's arrival, or the start of watching when {@code line} is null
 * @param line the last matching line, or null when none arrived yet
 */
record LastSeen(Instant since, String line, boolean firing) implements RuleState {
    /** A rule's clock starts when it is first evaluated: the first time Firewatch runs with it, not every boot. */
    static LastSeen startingAt(Instant now) {
        return new LastSeen(now, null, false);
    }

    Evaluation evaluate(String rule, LogRuleSpec.Absence absence, List<Hit> hits, Instant now) {
        List<Change> changes = new ArrayList<>();
        Instant deadline = since.plus(absence.duration());
        boolean silent = firing;
        if (!silent && !now.isBefore(deadline)) {
            silent = true;
            changes.add(new Change.Fired("log rule " + rule + ": no line matching \""
                    + absence.pattern().pattern()
                    + "\" for " + Wording.duration(absence.duration())
                    + (line == null
                            ? " (none since watching began at " + Wording.clock(since) + ")"
                            : " (the last at " + Wording.clock(since) + ")")));
        }
        if (hits.isEmpty()) {
            return new Evaluation(new LastSeen(since, line, silent), changes, silent ? null : deadline);
        }
        String last = hits.getLast().line().excerpt();
        if (silent) {
            changes.add(new Change.Cleared("\"" + last + "\" arrived at " + Wording.clock(now)));
        }
        return new Evaluation(new LastSeen(now, last, false), changes, now.plus(absence.duration()));
    }
}
