package dev.firewatch.logwatch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A rate rule's sliding window: matching lines counted per bucket of a sixtieth of the window (at least a second),
 * so the state stays at most 61 numbers whatever the traffic, and the count is exact to one bucket's width.
 *
 * @param buckets lines counted per bucket, keyed by the bucket's number ({@code epoch millis / width})
 */
record RateWindow(NavigableMap<Long, Integer> buckets, boolean firing) implements RuleState {
    static final RateWindow EMPTY = new RateWindow(new TreeMap<>(), false);

    RateWindow {
        buckets = Collections.unmodifiableNavigableMap(new TreeMap<>(buckets));
    }

    /** A bucket's width in milliseconds: a sixtieth of the window in whole seconds, at least one second. */
    static long width(Duration within) {
        return Math.max(1, within.toSeconds() / 60) * 1000;
    }

    /** How many lines matched in the window that ends at {@code now}. */
    int count(LogRuleSpec.Rate rate, Instant now) {
        return inWindow(rate, now).values().stream().mapToInt(Integer::intValue).sum();
    }

    private NavigableMap<Long, Integer> inWindow(LogRuleSpec.Rate rate, Instant now) {
        long width = width(rate.within());
        long current = Math.floorDiv(now.toEpochMilli(), width);
        return buckets.tailMap(current - span(rate, width), false);
    }

    private static long span(LogRuleSpec.Rate rate, long width) {
        return Math.ceilDiv(rate.within().toMillis(), width);
    }

    Evaluation evaluate(String rule, LogRuleSpec.Rate rate, List<Hit> hits, Instant now) {
        long width = width(rate.within());
        TreeMap<Long, Integer> kept = new TreeMap<>(inWindow(rate, now));
        if (!hits.isEmpty()) {
            kept.merge(Math.floorDiv(now.toEpochMilli(), width), hits.size(), Integer::sum);
        }
        int count = kept.values().stream().mapToInt(Integer::intValue).sum();
        List<Change> changes = new ArrayList<>();
        boolean above = count > rate.moreThan();
        String window = Wording.duration(rate.within());
        if (above && !firing) {
            changes.add(new Change.Fired("log rule " + rule + ": " + count + " lines matching "
                    + rate.pattern().pattern() + " in " + window + " (threshold " + rate.moreThan() + ")"));
        } else if (!above && firing) {
            changes.add(new Change.Cleared(count + " lines matching "
                    + rate.pattern().pattern() + " in the last " + window + ", not more than " + rate.moreThan()));
        }
        // While firing, look again when the oldest bucket leaves the window: the first moment the count can fall.
        Instant due = above ? Instant.ofEpochMilli((kept.firstKey() + span(rate, width)) * width) : null;
        return new Evaluation(new RateWindow(kept, above), changes, due);
    }
}
