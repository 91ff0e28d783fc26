package dev.firewatch.paging;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** How a dry run writes times for people: {@code +1h5m} after the opening, and {@code Mon 23 Nov 03:05}. */
public final class DryRunTimes {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("EEE d MMM uuuu HH:mm", Locale.ENGLISH);

    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9000-01-01T00:00:00Z");

    private DryRunTimes() {}

    /** {@code +0m}, {@code +5m}, {@code +1h5m}, {@code +2d3h}: the units of the config's durations. */
    public static String offset(Duration offset) {
        return "+" + length(offset);
    }

    /** {@code 5m}, {@code 1h}, {@code 1d2h30m}; seconds only when there are some. */
    public static String length(Duration length) {
        StringBuilder text = new StringBuilder();
        if (length.toDays() > 0) {
            text.append(length.toDays()).append('d');
        }
        if (length.toHoursPart() > 0) {
            text.append(length.toHoursPart()).append('h');
        }
        if (length.toMinutesPart() > 0 || (text.isEmpty() && length.toSecondsPart() == 0)) {
            text.append(length.toMinutesPart()).append('m');
        }
        if (length.toSecondsPart() > 0) {
            text.append(length.toSecondsPart()).append('s');
        }
        return text.toString();
    }

    /**
     * A time as a person gives it: RFC 3339 ({@code 2026-11-23T03:00:00Z}, or with an offset), or a date and time
     * on the wall in {@code zone} ({@code 2026-11-23T03:00}), which a form's date-time field sends.
     *
     * @throws IllegalArgumentException saying which forms it takes
     */
    public static Instant parse(String text, ZoneId zone) {
        String written = text.strip();
        Instant at;
        try {
            at = OffsetDateTime.parse(written).toInstant();
        } catch (DateTimeParseException notWithOffset) {
            try {
                at = LocalDateTime.parse(written).atZone(zone).toInstant();
            } catch (DateTimeParseException notLocal) {
                throw new IllegalArgumentException("expected an RFC 3339 time like 2026-11-23T03:00:00Z, or a date and"
                        + " time like 2026-11-23T03:00 in " + zone.getId() + "; found \"" + written + "\"");
            }
        }
        // Far from where a hundred rounds of date arithmetic could overflow, as the on-call feature keeps them.
        if (at.isBefore(EARLIEST) || !at.isBefore(LATEST)) {
            throw new IllegalArgumentException("expected a time between 1970 and 9000; found \"" + written + "\"");
        }
        return at;
    }

    /** {@code Mon 23 Nov 03:05}, wall-clock time in {@code zone}. */
    public static String when(Instant at, ZoneId zone) {
        return WHEN.format(at.atZone(zone));
    }

    /** {@code Mon 23 Nov 2026 03:00 Europe/Berlin}. */
    public static String full(Instant at, ZoneId zone) {
        return FULL.format(at.atZone(zone)) + " " + name(zone);
    }

    /** {@code Europe/Berlin}, and {@code UTC} for UTC however it was written (a schedule without a zone has Z). */
    public static String name(ZoneId zone) {
        return zone.normalized().equals(java.time.ZoneOffset.UTC) ? "UTC" : zone.getId();
    }
}
