package dev.firewatch.oncall;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One layer's own shifts: the turns of its rotation, cut to its restrictions and its end. Pure arithmetic on
 * the layer's spec; what other layers and overrides do is {@link OnCallSchedule}'s business.
 */
record Layer(LayerSpec spec, int index) {

    /** Every shift of this layer that overlaps [{@code from}, {@code to}), with its whole length. */
    List<Shift> shifts(Instant from, Instant to) {
        List<Shift> turns = turns(from, to);
        if (spec.restrictions().isEmpty() || turns.isEmpty()) {
            return turns;
        }
        List<Span> windows = windows(turns.getFirst().start(), turns.getLast().end());
        List<Shift> shifts = new ArrayList<>();
        for (Shift turn : turns) {
            Span whole = new Span(turn.start(), turn.end());
            for (Span window : windows) {
                whole.intersect(window)
                        .filter(piece -> piece.overlaps(from, to))
                        .ifPresent(piece -> shifts.add(turn.within(piece)));
            }
        }
        return shifts;
    }

    /** The turns of the rotation that overlap the range, before the layer's end. */
    private List<Shift> turns(Instant from, Instant to) {
        Instant end = spec.end().map(e -> e.atZone(spec.zone()).toInstant()).orElse(Instant.MAX);
        var source = new Shift.FromLayer(index, spec.name());
        List<Shift> turns = new ArrayList<>();
        for (long turn = firstTurn(from); ; turn++) {
            Span span = turn(turn);
            if (!span.start().isBefore(to) || !span.start().isBefore(end)) {
                return turns;
            }
            if (span.end().isAfter(from)) {
                String user = spec.users().get((int) (turn % spec.users().size()));
                Instant stop = span.end().isAfter(end) ? end : span.end();
                turns.add(new Shift(user, span.start(), stop, source));
            }
        }
    }

    /** A turn at or before the one that holds {@code from}; never before the first. */
    private long firstTurn(Instant from) {
        return switch (spec.rotation()) {
            case Rotation.Days days -> {
                LocalDate first = spec.start().toLocalDate();
                long daysIn =
                        ChronoUnit.DAYS.between(first, from.atZone(spec.zone()).toLocalDate());
                yield Math.max(0, Math.floorDiv(daysIn, days.days()) - 1);
            }
            case Rotation.Elapsed elapsed -> {
                long millisIn = from.toEpochMilli() - firstHandoff().toEpochMilli();
                yield Math.max(0, Math.floorDiv(millisIn, elapsed.length().toMillis()) - 1);
            }
        };
    }

    /**
     * Turn {@code n}: in calendar days, from handoff to handoff at the same wall-clock time (a handoff time that
     * the clocks skip that day moves forward by the jump; one that happens twice is the first); in elapsed
     * time, fixed steps from the first handoff.
     */
    private Span turn(long n) {
        return switch (spec.rotation()) {
            case Rotation.Days days ->
                new Span(handoffAfterDays(n * days.days()), handoffAfterDays((n + 1) * days.days()));
            case Rotation.Elapsed elapsed -> {
                long length = elapsed.length().toMillis();
                Instant first = firstHandoff();
                yield new Span(first.plusMillis(n * length), first.plusMillis((n + 1) * length));
            }
        };
    }

    private Instant handoffAfterDays(long days) {
        LocalDateTime local = spec.start().plusDays(days);
        return local.atZone(spec.zone()).toInstant();
    }

    private Instant firstHandoff() {
        return spec.start().atZone(spec.zone()).toInstant();
    }

    /** The restriction windows around the range, joined where they touch or overlap, in time order. */
    private List<Span> windows(Instant from, Instant to) {
        LocalDate day = from.atZone(spec.zone()).toLocalDate().minusDays(1);
        LocalDate last = to.atZone(spec.zone()).toLocalDate();
        List<Span> windows = new ArrayList<>();
        for (; !day.isAfter(last); day = day.plusDays(1)) {
            for (Restriction restriction : spec.restrictions()) {
                restriction.windowOn(day, spec.zone()).ifPresent(windows::add);
            }
        }
        windows.sort(Comparator.comparing(Span::start));
        List<Span> joined = new ArrayList<>();
        for (Span window : windows) {
            if (!joined.isEmpty() && !window.start().isAfter(joined.getLast().end())) {
                Span previous = joined.removeLast();
                Instant end = window.end().isAfter(previous.end()) ? window.end() : previous.end();
                joined.add(new Span(previous.start(), end));
            } else {
                joined.add(window);
            }
        }
        return joined;
    }
}
