package dev.firewatch.alert.silence;

import dev.firewatch.alert.MaintenanceSpec;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;

/**
 * A time when one service's alerts page nobody, one-off or weekly, in the window's own zone.
 *
 * <p>Weekly windows start at a wall-clock time and last a stretch of elapsed time, so across a DST change
 * they still start at, say, 02:00 local and last exactly two hours. A start time that does not exist that day
 * (skipped by the clocks going forward) moves forward by the gap, as {@link ZonedDateTime#of} does; a start
 * time that happens twice (clocks going back) is the first of the two.
 */
public record MaintenanceWindow(MaintenanceSpec spec) {

    public String service() {
        return spec.service();
    }

    public boolean covers(Instant at) {
        return switch (spec.schedule()) {
            case MaintenanceSpec.Once once -> !at.isBefore(once.start()) && at.isBefore(once.end());
            case MaintenanceSpec.Weekly weekly -> coversWeekly(weekly, at);
        };
    }

    /** Tries every start that could still be open at {@code at}: today's and those of the days before. */
    private boolean coversWeekly(MaintenanceSpec.Weekly weekly, Instant at) {
        LocalDate today = at.atZone(spec.zone()).toLocalDate();
        long daysBack = weekly.duration().toDays() + 1;
        for (long back = 0; back <= daysBack; back++) {
            LocalDate day = today.minusDays(back);
            if (!weekly.days().contains(day.getDayOfWeek())) {
                continue;
            }
            Instant start = ZonedDateTime.of(day, weekly.start(), spec.zone()).toInstant();
            if (!at.isBefore(start) && at.isBefore(start.plus(weekly.duration()))) {
                return true;
            }
        }
        return false;
    }
}
