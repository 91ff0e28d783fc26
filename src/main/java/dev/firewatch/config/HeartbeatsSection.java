package dev.firewatch.config;

import dev.firewatch.alert.Parsed;
import dev.firewatch.alert.Severity;
import dev.firewatch.heartbeat.Cron;
import dev.firewatch.heartbeat.HeartbeatSpec;
import dev.firewatch.spelling.DidYouMean;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * {@code heartbeats:} as written and checked; see {@link ServerSection} for the two steps. A heartbeat expects a
 * ping every {@code period}, or at the times of a {@code cron} expression in its {@code timezone}; either way
 * with a {@code grace} time.
 */
record HeartbeatsSection(List<Entry> entries) {
    static final List<String> KEYS = List.of(
            "name",
            "uuid",
            "service",
            "severity",
            "period",
            "cron",
            "timezone",
            "grace",
            "max_runtime",
            "labels",
            "annotations");
    static final HeartbeatsSection ABSENT = new HeartbeatsSection(List.of());
    private static final Duration SHORTEST_PERIOD = Duration.ofMinutes(1);
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final List<String> OURS = List.of("heartbeat", "service");
    private static final String UUID_HELP =
            "a UUID like 6f1b7c1e-2d3a-4b5c-8d9e-0f1a2b3c4d5e; make one with uuidgen (or python3 -c"
                    + " 'import uuid; print(uuid.uuid4())')";

    /** One entry as read; an empty value means a problem that is already reported (or, for optional keys, none). */
    record Entry(
            String path,
            Optional<Scalar> name,
            Optional<UUID> uuid,
            Optional<Scalar> service,
            Optional<Severity> severity,
            Optional<HeartbeatSpec.Schedule> schedule,
            Optional<Duration> grace,
            Optional<Duration> maxRuntime,
            Map<String, String> labels,
            Map<String, String> annotations) {}

    static HeartbeatsSection read(List<Node> entries, Reading reading) {
        List<Entry> read = new ArrayList<>();
        Map<UUID, Scalar> uuids = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            reading.mapping(
                            entries.get(i),
                            "heartbeats[" + i + "]",
                            "a heartbeat like {name: nightly-backup, uuid: <uuidgen>, service: demo, period: 1d,"
                                    + " grace: 1h}")
                    .map(entry -> entry(entry, uuids))
                    .ifPresent(read::add);
        }
        EntryName.requireUnique(
                read.stream().flatMap(e -> e.name().stream()).toList(), "heartbeat", reading.problems());
        return new HeartbeatsSection(List.copyOf(read));
    }

    private static Entry entry(Mapping entry, Map<UUID, Scalar> uuids) {
        entry.allowOnly(KEYS);
        var name = EntryName.read(entry, "nightly-backup");
        var uuid = uuid(entry, uuids);
        Optional<Scalar> service = Optional.empty();
        if (entry.has("service")) {
            service = entry.text("service", "a service name, like database");
        } else {
            entry.error(entry.at(), entry.path() + ": service is missing; add the service a late ping pages");
        }
        var severity = entry.has("severity") ? severity(entry) : Optional.<Severity>empty();
        var schedule = schedule(entry);
        Optional<Duration> grace = Optional.empty();
        if (entry.has("grace")) {
            grace = entry.duration("grace");
        } else {
            entry.error(
                    entry.at(),
                    entry.path() + ": grace is missing; say how late a ping may be before it pages, like grace: 15m");
        }
        var maxRuntime = entry.duration("max_runtime");
        return new Entry(
                entry.path(),
                name,
                uuid,
                service,
                severity,
                schedule,
                grace,
                maxRuntime,
                strings(entry, "labels", true),
                strings(entry, "annotations", false));
    }

    private static Optional<UUID> uuid(Mapping entry, Map<UUID, Scalar> uuids) {
        if (!entry.has("uuid")) {
            entry.error(
                    entry.at(), entry.path() + ": uuid is missing; the ping URL is /ping/<uuid>, with " + UUID_HELP);
            return Optional.empty();
        }
        return entry.text("uuid", UUID_HELP).flatMap(written -> {
            String text = written.value().strip();
            try {
                if (text.length() == 36) {
                    UUID uuid = UUID.fromString(text);
                    Scalar earlier = uuids.putIfAbsent(uuid, written);
                    if (earlier != null) {
                        entry.error(
                                written.at(),
                                entry.path("uuid") + ": the same uuid as the heartbeat on line "
                                        + (earlier.at().getLine() + 1)
                                        + "; each heartbeat needs its own, or a ping could not say whose it is");
                        return Optional.empty();
                    }
                    return Optional.of(uuid);
                }
            } catch (IllegalArgumentException notAUuid) {
                // reported below
            }
            entry.error(written.at(), entry.path("uuid") + ": expected " + UUID_HELP + ", found " + written.shown());
            return Optional.empty();
        });
    }

    private static Optional<Severity> severity(Mapping entry) {
        List<String> names =
                Arrays.stream(Severity.values()).map(Severity::wireName).toList();
        return entry.text("severity", "one of " + String.join(", ", names)).flatMap(written -> {
            var severity = Severity.parse(written.value().strip());
            if (severity.isEmpty()) {
                String help = written.fromEnvironment() ? "" : DidYouMean.hint(written.value(), names);
                entry.error(
                        written.at(),
                        entry.path("severity") + ": unknown severity " + written.shown()
                                + (help.isEmpty() ? "; expected one of " + String.join(", ", names) : help));
            }
            return severity;
        });
    }

    /** {@code period}, or {@code cron} with an optional {@code timezone}: exactly one of the two. */
    private static Optional<HeartbeatSpec.Schedule> schedule(Mapping entry) {
        boolean period = entry.has("period");
        boolean cron = entry.has("cron");
        if (period && cron) {
            entry.error(
                    entry.node("cron").orElseThrow().getStartMark(),
                    entry.path() + ": a heartbeat expects pings every period or at cron times, not both; remove one");
            return Optional.empty();
        }
        if (!period && !cron) {
            entry.error(
                    entry.at(),
                    entry.path()
                            + ": when are pings expected? add period (like period: 1h) or cron (like cron: \"0 2 * *"
                            + " *\", with timezone: Europe/Berlin)");
            return Optional.empty();
        }
        if (period) {
            if (entry.has("timezone")) {
                entry.error(
                        entry.node("timezone").orElseThrow().getStartMark(),
                        entry.path("timezone") + ": a timezone only matters for cron; a period counts from the last"
                                + " ping, so remove it");
            }
            return entry.duration("period")
                    .filter(p -> {
                        if (p.compareTo(SHORTEST_PERIOD) >= 0) {
                            return true;
                        }
                        entry.error(
                                entry.scalar("period").orElseThrow().at(),
                                entry.path("period") + ": expected at least 1m, found " + HeartbeatSpec.text(p));
                        return false;
                    })
                    .map(HeartbeatSpec.Every::new);
        }
        ZoneId zone = entry.has("timezone") ? WallClock.zone(entry, "timezone").orElse(null) : ZoneId.of("UTC");
        var expression = entry.text("cron", "a cron expression like \"0 2 * * *\" or @daily");
        if (expression.isEmpty()) {
            return Optional.empty();
        }
        Scalar written = expression.get();
        Node node = entry.node("cron").orElseThrow();
        return switch (Cron.parse(written.value())) {
            case Parsed.Failed<Cron> failed -> {
                entry.error(
                        Reading.inside(node, written, failed.offset()), entry.path("cron") + ": " + failed.message());
                yield Optional.empty();
            }
            case Parsed.Ok<Cron> ok -> {
                if (ok.value().next(Instant.EPOCH, ZoneOffset.UTC).isEmpty()) {
                    entry.error(
                            written.at(),
                            entry.path("cron") + ": " + written.shown() + " names no day that exists (like February"
                                    + " 30th), so no ping would ever be expected");
                    yield Optional.empty();
                }
                yield zone == null ? Optional.empty() : Optional.of(new HeartbeatSpec.OnCron(ok.value(), zone));
            }
        };
    }

    /** {@code labels:} or {@code annotations:}, name to value; reported and left out when wrong. */
    private static Map<String, String> strings(Mapping entry, String key, boolean labels) {
        Map<String, String> values = new LinkedHashMap<>();
        entry.mapping(key, "a mapping of names to values, like {team: backups}").ifPresent(written -> {
            for (String name : written.keys()) {
                Node at = written.node(name).orElseThrow();
                if (labels && OURS.contains(name)) {
                    entry.error(
                            at.getStartMark(),
                            written.path(name) + ": Firewatch sets the " + name + " label itself; use another name");
                    continue;
                }
                if (labels && !LABEL.matcher(name).matches()) {
                    entry.error(
                            at.getStartMark(),
                            written.path(name) + ": a label name is letters, digits and _, not starting with a digit");
                    continue;
                }
                written.scalar(name, "a single value").ifPresent(value -> values.put(name, value.value()));
            }
        });
        return values;
    }

    void requireKnownServices(Collection<String> services, Problems problems) {
        for (Entry entry : entries) {
            entry.service()
                    .ifPresent(name -> References.require(
                            name, entry.path() + ".service", "service", "services", services, problems));
        }
    }

    /** The second step, only after reading found no errors: defaults filled in. */
    List<HeartbeatSpec> specs() {
        return entries.stream()
                .map(entry -> new HeartbeatSpec(
                        entry.name().orElseThrow().value(),
                        entry.uuid().orElseThrow(),
                        entry.service().orElseThrow().value(),
                        entry.severity().orElse(Severity.ERROR),
                        entry.schedule().orElseThrow(),
                        entry.grace().orElseThrow(),
                        entry.maxRuntime().orElse(entry.grace().orElseThrow()),
                        entry.labels(),
                        entry.annotations()))
                .toList();
    }
}
