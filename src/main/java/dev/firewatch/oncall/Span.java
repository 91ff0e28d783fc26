package dev.firewatch.oncall;

import java.time.Instant;
import java.util.Optional;

/** A stretch of time from {@code start} (included) to {@code end} (not included). */
record Span(Instant start, Instant end) {
    boolean overlaps(Instant from, Instant to) {
        return start.isBefore(to) && end.isAfter(from);
    }

    Optional<Span> intersect(Span other) {
        Instant s = start.isAfter(other.start) ? start : other.start;
        Instant e = end.isBefore(other.end) ? end : other.end;
        return s.isBefore(e) ? Optional.of(new Span(s, e)) : Optional.empty();
    }
}
