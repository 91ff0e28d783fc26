package dev.firewatch.oncall;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * When a layer may put someone on call: on each of {@code days}, from {@code from} to {@code to} wall-clock time
 * in the layer's zone (weekdays 09:00-18:00). A {@code to} at or before {@code from} ends on the next day, so
 * 18:00-09:00 covers the night and 00:00-00:00 the whole day. Times are wall-clock: 09:00-18:00 is nine hours
 * of the day as people live it, whatever the clocks did that night.
 */
public record Restriction(Set<DayOfWeek> days, LocalTime from, LocalTime to) {
    public Restriction {
        days = Set.copyOf(days);
        if (days.isEmpty()) {
            throw new IllegalArgumentException("a restriction needs at least one day");
        }
    }

    /** The window that opens on {@code day}, if it opens that day. */
    java.util.Optional<Span> windowOn(LocalDate day, ZoneId zone) {
        if (!days.contains(day.getDayOfWeek())) {
            return java.util.Optional.empty();
        }
        LocalDate endDay = to.isAfter(from) ? day : day.plusDays(1);
        return java.util.Optional.of(new Span(
                day.atTime(from).atZone(zone).toInstant(),
                endDay.atTime(to).atZone(zone).toInstant()));
    }

    /** {@code mon-fri 09:00-18:00}, for pages and the API. */
    public String written() {
        return writtenDays() + " " + from + "-" + to;
    }

    /** The days in week order, runs of three or more shortened: {@code mon-fri}, {@code sat,sun}. */
    public String writtenDays() {
        var sorted = EnumSet.copyOf(days);
        if (sorted.size() == 7) {
            return "every day";
        }
        StringBuilder out = new StringBuilder();
        DayOfWeek runStart = null;
        DayOfWeek previous = null;
        for (DayOfWeek day : sorted) {
            if (previous != null && day.getValue() == previous.getValue() + 1) {
                previous = day;
                continue;
            }
            appendRun(out, runStart, previous);
            runStart = day;
            previous = day;
        }
        appendRun(out, runStart, previous);
        return out.toString();
    }

    private static void appendRun(StringBuilder out, DayOfWeek first, DayOfWeek last) {
        if (first == null) {
            return;
        }
        if (!out.isEmpty()) {
            out.append(',');
        }
        int length = last.getValue() - first.getValue() + 1;
        out.append(
                switch (length) {
                    case 1 -> abbreviation(first);
                    case 2 -> abbreviation(first) + "," + abbreviation(last);
                    default -> abbreviation(first) + "-" + abbreviation(last);
                });
    }

    private static String abbreviation(DayOfWeek day) {
        return day.name().substring(0, 3).toLowerCase(Locale.ROOT);
    }
}
