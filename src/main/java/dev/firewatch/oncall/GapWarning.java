package dev.firewatch.oncall;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What to say about the gaps in a schedule's coverage, the same words in check-config and on the on-call page.
 * A gap is a warning, not an error: a schedule for business hours is meant to have them, but whoever set it up
 * should know that a page then reaches nobody.
 */
public final class GapWarning {
    /** How far ahead check-config and the on-call page look. */
    public static final Duration AHEAD = Duration.ofDays(28);

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

    private GapWarning() {}

    /** Empty when someone is on call all the time from {@code from} to {@link #AHEAD} after it. */
    public static Optional<String> of(OnCallSchedule schedule, Instant from) {
        List<Gap> gaps = schedule.gaps(from, from.plus(AHEAD));
        if (gaps.isEmpty()) {
            return Optional.empty();
        }
        Duration total =
                gaps.stream().map(g -> Duration.between(g.start(), g.end())).reduce(Duration.ZERO, Duration::plus);
        Gap first = gaps.getFirst();
        ZoneId zone = schedule.spec().zone();
        return Optional.of("schedule " + schedule.name() + " has nobody on call "
                + (gaps.size() == 1 ? "once" : gaps.size() + " times") + " in the next 4 weeks (" + hours(total)
                + " in all), first from " + LOCAL.format(first.start().atZone(zone)) + " to "
                + LOCAL.format(first.end().atZone(zone)) + " " + zone.getId()
                + "; a page then reaches nobody, so add a layer for those times or mean it");
    }

    private static String hours(Duration duration) {
        long minutes = duration.toMinutes();
        return minutes % 60 == 0 ? minutes / 60 + "h" : minutes / 60 + "h" + minutes % 60 + "m";
    }
}
