package dev.firewatch.probe.condition;

import java.time.Duration;

/** Durations as a verdict shows them: the time a certificate has left, in the two largest units. */
final class Spans {
    private Spans() {}

    /** {@code 13d 23h}, {@code 5h 3m}, {@code 42s}; a past expiry reads {@code expired 2d 1h ago}. */
    static String remaining(Duration duration) {
        if (duration.isNegative()) {
            return "expired " + span(duration.negated()) + " ago";
        }
        return span(duration);
    }

    static String span(Duration d) {
        if (d.toDays() > 0) {
            return d.toDays() + "d " + d.toHoursPart() + "h";
        }
        if (d.toHours() > 0) {
            return d.toHours() + "h " + d.toMinutesPart() + "m";
        }
        if (d.toMinutes() > 0) {
            return d.toMinutes() + "m " + d.toSecondsPart() + "s";
        }
        if (d.toSeconds() > 0) {
            return d.toSeconds() + "s";
        }
        return d.toMillis() + "ms";
    }
}
