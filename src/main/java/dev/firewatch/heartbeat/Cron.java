package dev.firewatch.heartbeat;

import dev.firewatch.alert.Parsed;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A five-field cron expression ({@code minute hour day-of-month month day-of-week}), parsed once into the set of
 * values each field allows. Vixie cron's rules: when both day fields are restricted, a day matching either one
 * counts; a field that starts with a star (a stepped one too) is unrestricted for that rule.
 *
 * <p>Times are wall-clock times in a zone, and two nights a year the wall clock is not simple. Firewatch expects
 * a ping late rather than early, so it never pages for a job that ran when its cron daemon ran it:
 *
 * <ul>
 *   <li>a time the clocks skip (02:30 on the spring-forward night in Europe/Berlin) counts as the same time after
 *       the jump (03:30), as {@code java.time} shifts it;
 *   <li>a time that happens twice (02:30 on the fall-back night) counts once, at its second occurrence;
 *   <li>the next time after a ping is the first matching wall-clock time after the ping's wall-clock time, so a
 *       job that ran in the first 02:30 is next expected the day after, not an hour later.
 * </ul>
 *
 * @param text the expression as written, for messages and pages
 * @param minutes bit n set when minute n matches (0-59)
 * @param hours bit n set when hour n matches (0-23)
 * @param days bit n set when day of month n matches (1-31)
 * @param months bit n set when month n matches (1-12)
 * @param weekdays bit n set when day of week n matches (0 = Sunday to 6)
 * @param anyDay the day-of-month field started with {@code *}
 * @param anyWeekday the day-of-week field started with {@code *}
 */
public record Cron(
        String text,
        long minutes,
        long hours,
        long days,
        long months,
        long weekdays,
        boolean anyDay,
        boolean anyWeekday) {
    /** Far enough to find February 29th on a given weekday (28 years), near enough to give up on February 30th. */
    private static final int DAYS_SEARCHED = 366 * 29;

    /** Parses an expression or one of the aliases {@code @hourly}, {@code @daily}, {@code @weekly} ... */
    public static Parsed<Cron> parse(String text) {
        return CronParser.parse(text);
    }

    /** The first instant after {@code after} that the expression names, in {@code zone}; empty if it never does. */
    public Optional<Instant> next(Instant after, ZoneId zone) {
        LocalDateTime from = LocalDateTime.ofInstant(after, zone)
                .truncatedTo(ChronoUnit.MINUTES)
                .plusMinutes(1);
        LocalDate day = from.toLocalDate();
        int minuteOfDay = from.getHour() * 60 + from.getMinute();
        for (int i = 0; i < DAYS_SEARCHED; i++) {
            if (matches(day)) {
                for (int m = minuteOfDay; m < 24 * 60; m++) {
                    if (bit(hours, m / 60) && bit(minutes, m % 60)) {
                        return Optional.of(instant(day.atTime(m / 60, m % 60), zone));
                    }
                }
            }
            day = day.plusDays(1);
            minuteOfDay = 0;
        }
        return Optional.empty();
    }

    private boolean matches(LocalDate day) {
        if (!bit(months, day.getMonthValue())) {
            return false;
        }
        boolean dayOfMonth = bit(days, day.getDayOfMonth());
        boolean dayOfWeek = bit(weekdays, day.getDayOfWeek().getValue() % 7);
        if (anyDay || anyWeekday) {
            return dayOfMonth && dayOfWeek;
        }
        return dayOfMonth || dayOfWeek;
    }

    /** A skipped time moves forward by the length of the gap; a repeated one is its second occurrence. */
    private static Instant instant(LocalDateTime local, ZoneId zone) {
        return ZonedDateTime.ofLocal(local, zone, null)
                .withLaterOffsetAtOverlap()
                .toInstant();
    }

    private static boolean bit(long set, int n) {
        return (set & (1L << n)) != 0;
    }

    @Override
    public String toString() {
        return text;
    }
}
