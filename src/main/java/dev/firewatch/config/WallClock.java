package dev.firewatch.config;

import dev.firewatch.spelling.DidYouMean;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Times as people write them in the config, for the sections that recur by the calendar (maintenance windows,
 * on-call schedules): time zones, days of the week, times of day, dates with a time. Each reader reports what
 * is wrong at its line and column and returns empty.
 */
final class WallClock {
    private static final Pattern TIME = Pattern.compile("([01]?\\d|2[0-3]):([0-5]\\d)");
    private static final Map<String, DayOfWeek> DAYS = days();

    private WallClock() {}

    /**
     * A date and time as written: with an offset ({@code 2026-04-01T20:00Z}) it is one instant; without, it is a
     * wall-clock time in whatever zone the section is in. Kept apart because a wall-clock time the clocks skip
     * must stay as written for things that recur, and become an instant only for one day at a time.
     */
    sealed interface Moment {
        Instant in(ZoneId zone);

        LocalDateTime local(ZoneId zone);
    }

    record Exact(Instant instant) implements Moment {
        @Override
        public Instant in(ZoneId zone) {
            return instant;
        }

        @Override
        public LocalDateTime local(ZoneId zone) {
            return LocalDateTime.ofInstant(instant, zone);
        }
    }

    /** A time the clocks skip moves forward by the jump; one they repeat is the first, as {@link ZonedDateTime#of}. */
    record Local(LocalDateTime dateTime) implements Moment {
        @Override
        public Instant in(ZoneId zone) {
            return ZonedDateTime.of(dateTime, zone).toInstant();
        }

        @Override
        public LocalDateTime local(ZoneId zone) {
            return dateTime;
        }
    }

    /** The zone at {@code key}, like {@code Europe/Berlin}, with the closest known zone when it is misspelt. */
    static Optional<ZoneId> zone(Mapping entry, String key) {
        return entry.text(key, "a time zone like Europe/Berlin or UTC").flatMap(written -> {
            try {
                return Optional.of(ZoneId.of(written.value().strip()));
            } catch (DateTimeException e) {
                String help =
                        written.fromEnvironment() ? "" : DidYouMean.hint(written.value(), ZoneId.getAvailableZoneIds());
                entry.error(
                        written.at(),
                        entry.path(key) + ": unknown time zone " + written.shown()
                                + (help.isEmpty()
                                        ? "; expected a zone like Europe/Berlin, America/New_York or UTC"
                                        : help));
                return Optional.empty();
            }
        });
    }

    /** A date and time at {@code key}; {@code expected} says how to write it in this section. */
    static Optional<Moment> moment(Mapping entry, String key, String expected) {
        return entry.scalar(key, expected).flatMap(written -> {
            String text = written.value().strip().replaceFirst(" ", "T");
            try {
                return Optional.of(new Exact(OffsetDateTime.parse(text).toInstant()));
            } catch (DateTimeException withoutOffset) {
                try {
                    return Optional.of(new Local(LocalDateTime.parse(text)));
                } catch (DateTimeException notATime) {
                    entry.error(
                            written.at(), entry.path(key) + ": expected " + expected + ", found " + written.shown());
                    return Optional.empty();
                }
            }
        });
    }

    /** The list of days at {@code key}, like {@code [saturday, sunday]}; empty after reporting each bad one. */
    static Optional<Set<DayOfWeek>> days(Mapping entry, String key) {
        var items = entry.list(key, "a list of days like [saturday, sunday]");
        if (items.isEmpty()) {
            return Optional.empty();
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        boolean ok = true;
        for (int i = 0; i < items.get().size(); i++) {
            var day = day(entry, items.get().get(i), entry.path(key) + "[" + i + "]");
            ok &= day.isPresent();
            day.ifPresent(days::add);
        }
        return ok ? Optional.of(days) : Optional.empty();
    }

    private static Optional<DayOfWeek> day(Mapping entry, Node node, String path) {
        return entry.reading().scalar(node, path, "a day like sunday").flatMap(written -> {
            var day = Optional.ofNullable(DAYS.get(written.value().strip().toLowerCase(Locale.ROOT)));
            if (day.isEmpty()) {
                String help = written.fromEnvironment() ? "" : DidYouMean.hint(written.value(), DAYS.keySet());
                entry.error(
                        written.at(),
                        path + ": unknown day " + written.shown()
                                + (help.isEmpty() ? "; expected monday to sunday, or mon to sun" : help));
            }
            return day;
        });
    }

    /** A time of day at {@code key} on the 24-hour clock, like {@code "02:00"}. */
    static Optional<LocalTime> time(Mapping entry, String key) {
        String expected = "a time of day like \"02:00\" (24-hour clock)";
        return entry.scalar(key, expected).flatMap(written -> {
            var time = TIME.matcher(written.value().strip());
            if (!time.matches()) {
                entry.error(written.at(), entry.path(key) + ": expected " + expected + ", found " + written.shown());
                return Optional.empty();
            }
            return Optional.of(LocalTime.of(Integer.parseInt(time.group(1)), Integer.parseInt(time.group(2))));
        });
    }

    private static Map<String, DayOfWeek> days() {
        Map<String, DayOfWeek> days = new LinkedHashMap<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            String name = day.name().toLowerCase(Locale.ROOT);
            days.put(name, day);
            days.put(name.substring(0, 3), day);
        }
        return Map.copyOf(days);
    }
}
