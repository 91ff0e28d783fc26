package dev.firewatch.logwatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A sequence rule's open starts: lines that matched the start and wait for an expected line until their
 * deadline. One expected line answers every start before it. The rule fires once for its first overdue start and
 * stays firing (one alert, however often a boot loop logs the start) until an expected line arrives, however late.
 *
 * @param open starts still within their time, oldest first (at most {@link #MOST_OPEN}: the oldest decide the
 *     deadline)
 * @param overdue the start the rule fired for, while it fires; else null
 */
record Awaiting(List<Start> open, Start overdue) implements RuleState {
    static final int MOST_OPEN = 100;
    static final Awaiting NOTHING = new Awaiting(List.of(), null);

    /** A start line and when it arrived. */
    record Start(Instant at, String line) {}

    Awaiting {
        open = List.copyOf(open);
    }

    @Override
    public boolean firing() {
        return overdue != null;
    }

    Evaluation evaluate(String rule, LogRuleSpec.Sequence sequence, List<Hit> hits, Instant now) {
        List<Start> waiting = new ArrayList<>();
        Start fired = overdue;
        List<Change> changes = new ArrayList<>();
        // Time first: a start whose deadline passed is overdue even when its expected line is in this very batch.
        for (Start start : open) {
            if (now.isBefore(start.at().plus(sequence.within()))) {
                waiting.add(start);
            } else if (fired == null) {
                fired = start;
                changes.add(new Change.Fired("log rule " + rule + ": \""
                        + sequence.start().pattern() + "\" at "
                        + Wording.clock(start.at()) + " was not followed by \"" + sequence.expected() + "\" within "
                        + Wording.duration(sequence.within())));
            }
        }
        for (Hit hit : hits) {
            switch (hit.role()) {
                case START -> {
                    if (waiting.size() < MOST_OPEN) {
                        waiting.add(new Start(now, hit.line().excerpt()));
                    }
                }
                case EXPECT -> {
                    waiting.clear();
                    if (fired != null) {
                        changes.add(new Change.Cleared("\"" + hit.line().excerpt() + "\" arrived at "
                                + Wording.clock(now) + ", after the start at " + Wording.clock(fired.at())));
                        fired = null;
                    }
                }
                case MATCH -> {
                    // Sequence rules have no plain matches.
                }
            }
        }
        Instant due = waiting.isEmpty() ? null : waiting.getFirst().at().plus(sequence.within());
        return new Evaluation(new Awaiting(waiting, fired), changes, due);
    }
}
