package dev.firewatch.alert;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;

/**
 * One of {@code maintenance:}: a time when a service's alerts are expected and must page nobody.
 *
 * @param zone the zone the window's wall-clock times are in
 * @param origin where the window is written: {@code maintenance[0] (line 40)}
 */
public record MaintenanceSpec(String service, ZoneId zone, Schedule schedule, String comment, String origin) {

    /** When the window is open. */
    public sealed interface Schedule permits Once, Weekly {}

    /** One-off: from {@code start} (inclusive) to {@code end} (exclusive). */
    public record Once(Instant start, Instant end) implements Schedule {}

    /**
     * Recurring: on each of {@code days}, from {@code start} wall-clock time in the zone, for {@code duration}
     * of elapsed time.
     */
    public record Weekly(Set<DayOfWeek> days, LocalTime start, Duration duration) implements Schedule {
        public Weekly {
            days = Set.copyOf(days);
        }
    }
}
