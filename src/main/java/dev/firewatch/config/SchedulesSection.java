package dev.firewatch.config;

import dev.firewatch.auth.Role;
import dev.firewatch.oncall.LayerSpec;
import dev.firewatch.oncall.Restriction;
import dev.firewatch.oncall.Rotation;
import dev.firewatch.oncall.ScheduleSpec;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * {@code schedules:} as written and checked; see {@link ServerSection} for the two steps. A schedule is layers of
 * rotations; each layer names users, who must be declared under {@code users:}.
 */
record SchedulesSection(List<Schedule> schedules) {
    static final List<String> KEYS = List.of("name", "description", "timezone", "layers");
    static final List<String> LAYER_KEYS =
            List.of("name", "users", "rotation", "start", "end", "timezone", "restrictions");
    static final List<String> RESTRICTION_KEYS = List.of("days", "from", "to");
    static final SchedulesSection ABSENT = new SchedulesSection(List.of());
    private static final String ROTATION = "daily, weekly, a number of days like 14d, or hours like 12h";
    private static final Pattern WHOLE_DAYS = Pattern.compile("(\\d{1,9})d");
    private static final Pattern ZERO = Pattern.compile("(0+(ms|s|m|h|d))+");
    private static final Duration SHORTEST = Duration.ofHours(1);
    private static final int LONGEST_DAYS = 366;

    /** One entry; an empty name or a layer without a spec had a problem that is already reported. */
    record Schedule(Optional<Scalar> name, String description, ZoneId zone, String origin, List<Layer> layers) {}

    /** @param path {@code schedules[0].layers[1]}, for messages about its users */
    record Layer(String path, List<Scalar> users, Optional<LayerSpec> spec) {}

    static SchedulesSection read(List<Node> entries, Reading reading) {
        List<Schedule> schedules = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            reading.mapping(
                            entries.get(i),
                            "schedules[" + i + "]",
                            "a schedule like {name: primary, timezone: Europe/Berlin, layers: [...]}")
                    .map(SchedulesSection::schedule)
                    .ifPresent(schedules::add);
        }
        EntryName.requireUnique(
                schedules.stream().flatMap(s -> s.name().stream()).toList(), "schedule", reading.problems());
        return new SchedulesSection(List.copyOf(schedules));
    }

    private static Schedule schedule(Mapping entry) {
        entry.allowOnly(KEYS);
        var name = EntryName.read(entry, "primary");
        String description =
                entry.scalar("description", "a line of text").map(Scalar::value).orElse("");
        ZoneId zone = WallClock.zone(entry, "timezone").orElse(ZoneOffset.UTC);
        List<Layer> layers = new ArrayList<>();
        if (WebhooksSection.required(entry, "layers", "add at least one layer of people who take turns")) {
            var read = entry.list("layers", "a list of layers");
            read.filter(List::isEmpty)
                    .ifPresent(empty -> entry.error(
                            entry.node("layers").orElseThrow().getStartMark(),
                            entry.path("layers") + ": expected at least one layer, found none"));
            var items = read.orElse(List.of());
            for (int i = 0; i < items.size(); i++) {
                int number = i + 1;
                entry.reading()
                        .mapping(
                                items.get(i),
                                entry.path("layers") + "[" + i + "]",
                                "a layer like {users: [alice, bob], rotation: weekly, start: 2026-01-05T09:00}")
                        .map(layer -> layer(layer, number, zone))
                        .ifPresent(layers::add);
            }
        }
        return new Schedule(name, description, zone, entry.reading().problems().where(entry.at()), layers);
    }

    private static Layer layer(Mapping layer, int number, ZoneId scheduleZone) {
        layer.allowOnly(LAYER_KEYS);
        String name = layer.scalar("name", "a name for people, like weekdays")
                .map(Scalar::value)
                .filter(n -> !n.isBlank())
                .orElse("layer " + number);
        List<Scalar> users = List.of();
        if (WebhooksSection.required(layer, "users", "name the people who take turns, in order, like [alice, bob]")) {
            var read = layer.scalars("users", "a list of user names like [alice, bob]", "a user name");
            read.filter(List::isEmpty)
                    .ifPresent(empty -> layer.error(
                            layer.node("users").orElseThrow().getStartMark(),
                            layer.path("users") + ": expected the people who take turns, like [alice, bob], found"
                                    + " none"));
            users = read.orElse(List.of());
        }
        ZoneId zone = layer.has("timezone") ? WallClock.zone(layer, "timezone").orElse(scheduleZone) : scheduleZone;
        var rotation = rotation(layer);
        String expected = "a date and time like 2026-01-05T09:00 (in the layer's timezone)";
        var start = WebhooksSection.required(
                        layer,
                        "start",
                        "write the first handoff, like start: 2026-01-05T09:00 (users[0] goes on call then)")
                ? WallClock.moment(layer, "start", expected).map(m -> m.local(zone))
                : Optional.<java.time.LocalDateTime>empty();
        var end = layer.has("end")
                ? WallClock.moment(layer, "end", expected).map(m -> Optional.of(m.local(zone)))
                : Optional.of(Optional.<java.time.LocalDateTime>empty());
        if (start.isPresent()
                && end.isPresent()
                && end.get().isPresent()
                && !end.get().get().atZone(zone).isAfter(start.get().atZone(zone))) {
            layer.error(
                    layer.scalar("end").orElseThrow().at(),
                    layer.path("end") + ": the layer must end after it starts ("
                            + layer.scalar("start").orElseThrow().shown() + ")");
            end = Optional.empty();
        }
        var restrictions = restrictions(layer);
        if (users.isEmpty() || rotation.isEmpty() || start.isEmpty() || end.isEmpty() || restrictions.isEmpty()) {
            return new Layer(layer.path(), users, Optional.empty());
        }
        return new Layer(
                layer.path(),
                users,
                Optional.of(new LayerSpec(
                        name,
                        users.stream().map(Scalar::value).toList(),
                        rotation.get(),
                        start.get(),
                        end.get(),
                        zone,
                        restrictions.get())));
    }

    /**
     * {@code daily}, {@code weekly} and whole days ({@code 14d}) hand off at the same wall-clock time; anything
     * with hours or minutes ({@code 12h}, {@code 1d12h}) is elapsed time.
     */
    private static Optional<Rotation> rotation(Mapping layer) {
        if (!WebhooksSection.required(layer, "rotation", "write " + ROTATION)) {
            return Optional.empty();
        }
        return layer.text("rotation", ROTATION).flatMap(written -> {
            String text = written.value().strip();
            Matcher days = WHOLE_DAYS.matcher(text);
            Optional<Rotation> rotation =
                    switch (text) {
                        case "daily" -> Optional.of(new Rotation.Days(1));
                        case "weekly" -> Optional.of(new Rotation.Days(7));
                        default -> {
                            if (days.matches() && Long.parseLong(days.group(1)) >= 1) {
                                long n = Long.parseLong(days.group(1));
                                yield n <= LONGEST_DAYS ? Optional.of(new Rotation.Days((int) n)) : Optional.empty();
                            }
                            yield Durations.parse(text)
                                    .filter(d -> d.compareTo(SHORTEST) >= 0 && d.toDays() <= LONGEST_DAYS)
                                    .map(Rotation.Elapsed::new);
                        }
                    };
            if (rotation.isEmpty()) {
                layer.error(written.at(), layer.path("rotation") + ": " + whyNotARotation(text, written));
            }
            return rotation;
        });
    }

    private static String whyNotARotation(String text, Scalar written) {
        var duration = Durations.parse(text);
        if (ZERO.matcher(text).matches()
                || duration.filter(d -> d.compareTo(SHORTEST) < 0).isPresent()) {
            return "a turn must last at least 1h, found " + written.shown()
                    + "; a rotation hands off at the end of each turn";
        }
        if (duration.isPresent() || WHOLE_DAYS.matcher(text).matches()) {
            return "a turn lasts at most " + LONGEST_DAYS + "d, found " + written.shown();
        }
        return "expected " + ROTATION + ", found " + written.shown();
    }

    /** Every restriction, or empty after reporting what is wrong with any of them. */
    private static Optional<List<Restriction>> restrictions(Mapping layer) {
        if (!layer.has("restrictions")) {
            return Optional.of(List.of());
        }
        var items = layer.list(
                "restrictions", "a list of restrictions like [{days: [monday], from: \"09:00\", to:" + " \"18:00\"}]");
        if (items.isEmpty()) {
            return Optional.empty();
        }
        List<Restriction> restrictions = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < items.get().size(); i++) {
            var restriction = layer.reading()
                    .mapping(
                            items.get().get(i),
                            layer.path("restrictions") + "[" + i + "]",
                            "a restriction like {days: [monday, friday], from: \"09:00\", to: \"18:00\"}")
                    .flatMap(SchedulesSection::restriction);
            ok &= restriction.isPresent();
            restriction.ifPresent(restrictions::add);
        }
        return ok ? Optional.of(restrictions) : Optional.empty();
    }

    private static Optional<Restriction> restriction(Mapping restriction) {
        restriction.allowOnly(RESTRICTION_KEYS);
        var days = restriction.has("days")
                ? WallClock.days(restriction, "days").filter(d -> {
                    if (d.isEmpty()) {
                        restriction.error(
                                restriction.node("days").orElseThrow().getStartMark(),
                                restriction.path("days") + ": is empty; leave days out for every day, or name them"
                                        + " like [monday, tuesday]");
                    }
                    return !d.isEmpty();
                })
                : Optional.<Set<DayOfWeek>>of(EnumSet.allOf(DayOfWeek.class));
        String times = "a restriction needs from and to, like from: \"09:00\", to: \"18:00\" (a to at or before"
                + " from ends the next day)";
        var from = WebhooksSection.required(restriction, "from", times)
                ? WallClock.time(restriction, "from")
                : Optional.<java.time.LocalTime>empty();
        var to = WebhooksSection.required(restriction, "to", times)
                ? WallClock.time(restriction, "to")
                : Optional.<java.time.LocalTime>empty();
        if (days.isEmpty() || from.isEmpty() || to.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Restriction(days.get(), from.get(), to.get()));
    }

    /**
     * Every user a layer names must be declared; a viewer in a rotation is a warning, since whoever is on call
     * must be able to acknowledge.
     */
    void requireKnownUsers(Map<String, Role> users, Problems problems) {
        for (Schedule schedule : schedules) {
            for (Layer layer : schedule.layers()) {
                for (int i = 0; i < layer.users().size(); i++) {
                    Scalar user = layer.users().get(i);
                    String path = layer.path() + ".users[" + i + "]";
                    References.require(user, path, "user", "users", users.keySet(), problems);
                    if (users.get(user.value()) == Role.VIEWER) {
                        problems.warning(
                                user.at(),
                                path + ": " + user.value() + " is a viewer and could not acknowledge a page while on"
                                        + " call; give them role: responder");
                    }
                }
            }
        }
    }

    /** The declared names, for sections that page a schedule. */
    List<String> names() {
        return schedules.stream()
                .flatMap(s -> s.name().stream())
                .map(Scalar::value)
                .toList();
    }

    List<ScheduleSpec> specs() {
        return schedules.stream()
                .map(schedule -> new ScheduleSpec(
                        schedule.name().orElseThrow().value(),
                        schedule.description(),
                        schedule.zone(),
                        schedule.layers().stream()
                                .map(layer -> layer.spec().orElseThrow())
                                .toList(),
                        schedule.origin()))
                .toList();
    }
}
