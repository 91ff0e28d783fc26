package dev.firewatch.paging;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How a dry run writes times for people: {@code +1h5m} after the opening, and {@code Mon 23 Nov 03:05}. */
public final class DryRunTimes {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("EEE d MMM uuuu HH:mm", Locale.ENGLISH);

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

    /** {@code Mon 23 Nov 03:05}, wall-clock time in {@code zone}. */
    public static String when(Instant at, ZoneId zone) {
        return WHEN.format(at.atZone(zone));
    }

    /** {@code Mon 23 Nov 2026 03:00 Europe/Berlin}. */
    public static String full(Instant at, ZoneId zone) {
        return FULL.format(at.atZone(zone)) + " " + zone.getId();
    }
}
