package dev.firewatch.probe;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Judges a monitor's window rules over its recent results. A rule needs {@link #MINIMUM_SAMPLES} results in its
 * window before it can hold, so one slow check right after a start does not make a monitor degraded.
 */
final class WindowRules {
    static final int MINIMUM_SAMPLES = 3;

    private WindowRules() {}

    /** The first rule that holds at {@code now}, said with what was observed; empty when none holds. */
    static Optional<String> breached(List<WindowRule> rules, RecentResults recent, Instant now) {
        for (WindowRule rule : rules) {
            List<RecentResults.Sample> window = recent.since(now.minus(rule.window()));
            if (window.size() < MINIMUM_SAMPLES) {
                continue;
            }
            Optional<String> breach =
                    switch (rule) {
                        case WindowRule.Latency latency -> latency(latency, window);
                        case WindowRule.ErrorRatio ratio -> errorRatio(ratio, window);
                    };
            if (breach.isPresent()) {
                return breach;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> latency(WindowRule.Latency rule, List<RecentResults.Sample> window) {
        long[] times = window.stream()
                .mapToLong(RecentResults.Sample::responseTimeMs)
                .sorted()
                .toArray();
        long observed = percentile(times, rule.percentile());
        if (observed <= rule.threshold().toMillis()) {
            return Optional.empty();
        }
        return Optional.of("p%s response time %d ms over the last %s is above %d ms (%s, %d checks)"
                .formatted(
                        number(rule.percentile()),
                        observed,
                        shown(rule.window()),
                        rule.threshold().toMillis(),
                        rule.text(),
                        times.length));
    }

    private static Optional<String> errorRatio(WindowRule.ErrorRatio rule, List<RecentResults.Sample> window) {
        long failed = window.stream().filter(s -> !s.passed()).count();
        double ratio = (double) failed / window.size();
        if (ratio <= rule.ratio()) {
            return Optional.empty();
        }
        return Optional.of("%d of %d checks failed over the last %s (%s %%), above %s %% (%s)"
                .formatted(
                        failed,
                        window.size(),
                        shown(rule.window()),
                        number(ratio * 100),
                        number(rule.ratio() * 100),
                        rule.text()));
    }

    /** The nearest-rank percentile (0-100) of sorted values. */
    static long percentile(long[] sorted, double percentile) {
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)];
    }

    static String shown(Duration duration) {
        return duration.toString().substring(2).toLowerCase(Locale.ROOT);
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
