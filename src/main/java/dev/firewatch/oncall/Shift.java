package dev.firewatch.oncall;

import java.time.Instant;

/** Someone on call from {@code start} (included) to {@code end} (not included), and why them. */
public record Shift(String user, Instant start, Instant end, Source source) {

    /** What put them on call. */
    public sealed interface Source permits FromLayer, FromOverride {}

    /** Their turn on a layer; {@code index} counts from 0 in the config's order. */
    public record FromLayer(int index, String name) implements Source {}

    /** An override someone made. */
    public record FromOverride(String id, String createdBy, String reason) implements Source {}

    public boolean covers(Instant at) {
        return !at.isBefore(start) && at.isBefore(end);
    }

    Shift within(Span span) {
        return new Shift(user, span.start(), span.end(), source);
    }
}
