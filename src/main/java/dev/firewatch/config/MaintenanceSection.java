package dev.firewatch.config;

import dev.firewatch.alert.MaintenanceSpec;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * {@code maintenance:} as written and checked; see {@link ServerSection} for the two steps. A window is either
 * one-off ({@code start}, {@code end}) or weekly ({@code days}, {@code at}, {@code duration}), in its
 * {@code timezone}.
 */
record MaintenanceSection(List<Window> windows) {
    static final List<String> KEYS =
            List.of("service", "timezone", "comment", "start", "end", "days", "at", "duration");
    static final MaintenanceSection ABSENT = new MaintenanceSection(List.of());
    private static final List<String> ONE_OFF = List.of("start", "end");
    private static final List<String> WEEKLY = List.of("days", "at", "duration");
    private static final Duration LONGEST = Duration.ofDays(7);

    /** One entry; an empty service or schedule means it had a problem that is already reported. */
    record Window(
            String path,
            Optional<Scalar> service,
            ZoneId zone,
            Optional<MaintenanceSpec.Schedule> schedule,
            String comment) {}

    static MaintenanceSection read(List<Node> entries, Reading reading) {
        List<Window> windows = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            reading.mapping(
                            entries.get(i),
                            "maintenance[" + i + "]",
                            "a window like {service: db, timezone: Europe/Berlin, days: [sunday], at: \"02:00\","
                                    + " duration: 2h}")
                    .map(MaintenanceSection::window)
                    .ifPresent(windows::add);
        }
        return new MaintenanceSection(List.copyOf(windows));
    }

    private static Window window(Mapping entry) {
        entry.allowOnly(KEYS);
        Optional<Scalar> service = Optional.empty();
        if (entry.has("service")) {
            service = entry.text("service", "a service name, like database");
        } else {
            entry.error(entry.at(), entry.path() + ": service is missing; add the service the window is for");
        }
        ZoneId zone = WallClock.zone(entry, "timezone").orElse(ZoneOffset.UTC);
        boolean oneOff = ONE_OFF.stream().anyMatch(entry::has);
        boolean weekly = WEEKLY.stream().anyMatch(entry::has);
        Optional<MaintenanceSpec.Schedule> schedule = Optional.empty();
        if (oneOff && weekly) {
            entry.error(
                    entry.at(),
                    entry.path() + ": a window is one-off (start, end) or weekly (days, at, duration), not both;"
                            + " write two windows");
        } else if (oneOff) {
            schedule = once(entry, zone);
        } else if (weekly) {
            schedule = weekly(entry);
        } else {
            entry.error(
                    entry.at(),
                    entry.path() + ": when is it? add start and end for a one-off window, or days, at and duration"
                            + " for a weekly one");
        }
        String comment =
                entry.scalar("comment", "a line of text").map(Scalar::value).orElse("");
        return new Window(entry.path(), service, zone, schedule, comment);
    }

    private static Optional<MaintenanceSpec.Schedule> once(Mapping entry, ZoneId zone) {
        var start = moment(entry, "start", zone);
        var end = moment(entry, "end", zone);
        if (start.isEmpty() || end.isEmpty()) {
            return Optional.empty();
        }
        if (!end.get().isAfter(start.get())) {
            entry.error(
                    entry.scalar("end").orElseThrow().at(),
                    entry.path("end") + ": the window must end after it starts ("
                            + entry.scalar("start").orElseThrow().shown() + ")");
            return Optional.empty();
        }
        return Optional.of(new MaintenanceSpec.Once(start.get(), end.get()));
    }

    /** {@code 2026-04-01T22:00} in the window's zone, or with its own offset ({@code ...Z}, {@code ...+02:00}). */
    private static Optional<Instant> moment(Mapping entry, String key, ZoneId zone) {
        if (!entry.has(key)) {
            entry.error(entry.at(), entry.path() + ": " + key + " is missing; a one-off window needs start and end");
            return Optional.empty();
        }
        return WallClock.moment(
                        entry,
                        key,
                        "a date and time like 2026-04-01T22:00 (in the window's timezone) or 2026-04-01T20:00Z")
                .map(moment -> moment.in(zone));
    }

    private static Optional<MaintenanceSpec.Schedule> weekly(Mapping entry) {
        var days = entry.has("days")
                ? WallClock.days(entry, "days")
                : Optional.<Set<DayOfWeek>>of(EnumSet.allOf(DayOfWeek.class));
        var at = time(entry);
        var duration = entry.has("duration")
                ? entry.duration("duration").filter(d -> notTooLong(d, entry))
                : MaintenanceSection.<Duration>missing(entry, "duration", "like duration: 2h");
        if (days.isEmpty() || at.isEmpty() || duration.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new MaintenanceSpec.Weekly(days.get(), at.get(), duration.get()));
    }

    private static Optional<LocalTime> time(Mapping entry) {
        if (!entry.has("at")) {
            return missing(entry, "at", "the wall-clock time it starts, like at: \"02:00\"");
        }
        return WallClock.time(entry, "at");
    }

    private static boolean notTooLong(Duration duration, Mapping entry) {
        if (duration.compareTo(LONGEST) <= 0) {
            return true;
        }
        entry.error(
                entry.scalar("duration").orElseThrow().at(),
                entry.path("duration") + ": a weekly window lasts at most 7d; for longer, write a one-off window");
        return false;
    }

    private static <T> Optional<T> missing(Mapping entry, String key, String example) {
        entry.error(entry.at(), entry.path() + ": " + key + " is missing; a weekly window needs it, " + example);
        return Optional.empty();
    }

    void requireKnownServices(Collection<String> services, Problems problems) {
        for (Window window : windows) {
            window.service()
                    .ifPresent(name -> References.require(
                            name, window.path() + ".service", "service", "services", services, problems));
        }
    }

    List<MaintenanceSpec> specs() {
        return windows.stream()
                .map(window -> new MaintenanceSpec(
                        window.service().orElseThrow().value(),
                        window.zone(),
                        window.schedule().orElseThrow(),
                        window.comment(),
                        window.path()))
                .toList();
    }
}
