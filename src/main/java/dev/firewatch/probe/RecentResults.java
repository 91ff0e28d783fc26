package dev.firewatch.probe;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;

/**
 * A monitor's results within the longest window of its rules, oldest first: what {@link WindowRules} reads. Held
 * results (cut off from the network) are left out, since they say nothing about the target.
 */
final class RecentResults {
    /** One result as the window rules need it. */
    record Sample(Instant at, long responseTimeMs, boolean passed) {}

    private final ArrayDeque<Sample> samples = new ArrayDeque<>();
    private final Duration keep;

    RecentResults(Duration keep) {
        this.keep = keep;
    }

    /** The longest window of a monitor's rules; zero when it has none, so nothing is kept. */
    static Duration keepFor(MonitorSpec monitor) {
        return monitor.windows().stream()
                .map(WindowRule::window)
                .max(Duration::compareTo)
                .orElse(Duration.ZERO);
    }

    /** Whether it keeps as long as a monitor's rules now need. */
    boolean keeps(Duration window) {
        return keep.equals(window);
    }

    synchronized void add(Sample sample) {
        if (keep.isZero()) {
            return;
        }
        samples.addLast(sample);
        Instant oldest = sample.at().minus(keep);
        while (!samples.isEmpty() && samples.peekFirst().at().isBefore(oldest)) {
            samples.removeFirst();
        }
    }

    /** The samples at or after {@code from}, oldest first. */
    synchronized List<Sample> since(Instant from) {
        return samples.stream().filter(s -> !s.at().isBefore(from)).toList();
    }
}
