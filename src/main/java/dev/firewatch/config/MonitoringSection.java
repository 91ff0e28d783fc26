package dev.firewatch.config;

import dev.firewatch.probe.MonitoringSpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code monitoring:} as written and checked; see {@link ServerSection} for the two steps. */
record MonitoringSection(
        Optional<Integer> perHostLimit,
        Optional<Integer> flappingChanges,
        Optional<Duration> flappingWindow,
        Optional<Duration> raw,
        Optional<Duration> minute,
        Optional<Duration> hour,
        Optional<Duration> day) {
    static final List<String> KEYS = List.of("per_host_limit", "flapping", "history");
    static final List<String> FLAPPING_KEYS = List.of("changes", "window");
    static final List<String> HISTORY_KEYS = List.of("raw", "minute", "hour", "day");
    static final MonitoringSection ABSENT = new MonitoringSection(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());

    static MonitoringSection read(Mapping monitoring) {
        monitoring.allowOnly(KEYS);
        var perHost = monitoring.wholeNumber("per_host_limit", 1, 1_000);
        var flapping = monitoring.mapping("flapping", "a mapping like {changes: 4, window: 30m}");
        flapping.ifPresent(f -> f.allowOnly(FLAPPING_KEYS));
        var history = monitoring.mapping("history", "a mapping like {raw: 48h, minute: 14d, hour: 90d, day: 730d}");
        history.ifPresent(h -> h.allowOnly(HISTORY_KEYS));
        return new MonitoringSection(
                perHost,
                flapping.flatMap(f -> f.wholeNumber("changes", 1, 1_000)),
                flapping.flatMap(f -> atLeast(f, "window", Duration.ofMinutes(1))),
                history.flatMap(h -> atLeast(h, "raw", Duration.ofHours(1))),
                history.flatMap(h -> atLeast(h, "minute", Duration.ofHours(1))),
                history.flatMap(h -> atLeast(h, "hour", Duration.ofDays(1))),
                history.flatMap(h -> atLeast(h, "day", Duration.ofDays(1))));
    }

    private static Optional<Duration> atLeast(Mapping mapping, String key, Duration least) {
        return mapping.duration(key).filter(d -> {
            if (d.compareTo(least) >= 0) {
                return true;
            }
            mapping.error(
                    mapping.node(key).orElseThrow().getStartMark(),
                    mapping.path(key) + ": expected at least " + shown(least) + ", found " + shown(d));
            return false;
        });
    }

    private static String shown(Duration d) {
        return d.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }

    MonitoringSpec spec() {
        var defaults = MonitoringSpec.DEFAULTS;
        return new MonitoringSpec(
                perHostLimit.orElse(defaults.perHostLimit()),
                new MonitoringSpec.Flapping(
                        flappingChanges.orElse(defaults.flapping().changes()),
                        flappingWindow.orElse(defaults.flapping().window())),
                new MonitoringSpec.History(
                        raw.orElse(defaults.history().raw()),
                        minute.orElse(defaults.history().minute()),
                        hour.orElse(defaults.history().hour()),
                        day.orElse(defaults.history().day())));
    }
}
