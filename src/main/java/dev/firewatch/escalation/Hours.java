package dev.firewatch.escalation;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;

/**
 * A recurring window of wall-clock time, like business hours: on each of {@code days}, from {@code from} to
 * {@code to} in {@code zone}. A {@code to} at or before {@code from} ends the next day (18:00-09:00 is the
 * night). Compared as wall-clock time, so 09:00 is 09:00 on the day the clocks change too.
 */
public record Hours(Set<DayOfWeek> days, LocalTime from, LocalTime to, ZoneId zone) {
    public Hours {
        days = Set.copyOf(days);
        if (days.isEmpty()) {
            throw new IllegalArgumentException("a window needs at least one day");
        }
    }

    public boolean contains(Instant at) {
        LocalDateTime local = LocalDateTime.ofInstant(at, zone);
        DayOfWeek day = local.getDayOfWeek();
        LocalTime time = local.toLocalTime();
        if (to.isAfter(from)) {
            return days.contains(day) && !time.isBefore(from) && time.isBefore(to);
        }
        // Crossing midnight: either the window opened today, or it opened yesterday and has not closed yet.
        return (days.contains(day) && !time.isBefore(from)) || (days.contains(day.minus(1)) && time.isBefore(to));
    }
}
