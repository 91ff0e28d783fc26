package dev.firewatch.config;

import dev.firewatch.alert.Parsed;
import dev.firewatch.alert.Severity;
import dev.firewatch.intake.SeverityNames;
import dev.firewatch.probe.Condition;
import dev.firewatch.probe.MonitorSpec;
import dev.firewatch.probe.ProbeSpec;
import dev.firewatch.probe.WindowRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * {@code monitors:} as written and checked; see {@link ServerSection} for the two steps. Each monitor has exactly
 * one kind key ({@code http}, {@code tcp}, {@code tls}, {@code dns}, {@code sql}, read by {@link MonitorProbes}),
 * and its conditions and window rules are parsed here, so a mistake in one is an error at its column.
 */
record MonitorsSection(List<Monitor> monitors) {
    static final List<String> KEYS = List.of(
            "name",
            "service",
            "severity",
            "interval",
            "timeout",
            "jitter",
            "failures_before_down",
            "successes_before_up",
            "http",
            "tcp",
            "tls",
            "dns",
            "sql",
            "conditions",
            "window_rules",
            "labels",
            "annotations");
    static final MonitorsSection ABSENT = new MonitorsSection(List.of());

    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration LONGEST_DEFAULT_JITTER = Duration.ofSeconds(10);
    static final int DEFAULT_FAILURES_BEFORE_DOWN = 3;
    static final int DEFAULT_SUCCESSES_BEFORE_UP = 2;
    private static final Duration SHORTEST_INTERVAL = Duration.ofSeconds(1);
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    /** Labels every monitor's alert has, set by Firewatch from the monitor. */
    private static final List<String> OWN_LABELS = List.of("monitor", "service");

    private static final Pattern ZERO = Pattern.compile("0+(ms|s|m|h|d)?");

    /** One entry; what is empty had a problem that is already reported. */
    record Monitor(
            String path,
            Optional<Scalar> name,
            Optional<Scalar> service,
            Optional<Severity> severity,
            Optional<Duration> interval,
            Optional<Duration> timeout,
            Optional<Duration> jitter,
            Optional<ProbeSpec> probe,
            Optional<List<Condition>> conditions,
            Optional<Integer> failuresBeforeDown,
            Optional<Integer> successesBeforeUp,
            Optional<List<WindowRule>> windows,
            Optional<Map<String, String>> labels,
            Optional<Map<String, String>> annotations) {}

    static MonitorsSection read(List<Node> entries, Reading reading) {
        List<Monitor> monitors = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            reading.mapping(
                            entries.get(i),
                            "monitors[" + i + "]",
                            "a monitor like {name: api, service: api, http: https://api.example.com/health}")
                    .map(MonitorsSection::monitor)
                    .ifPresent(monitors::add);
        }
        EntryName.requireUnique(
                monitors.stream().flatMap(m -> m.name().stream()).toList(), "monitor", reading.problems());
        return new MonitorsSection(List.copyOf(monitors));
    }

    private static Monitor monitor(Mapping entry) {
        entry.allowOnly(KEYS);
        var name = EntryName.read(entry, "api-health");
        Optional<Scalar> service = Optional.empty();
        if (WebhooksSection.required(
                entry, "service", "add the service whose incidents the monitor's failures open, like service: api")) {
            service = entry.text("service", "a service name, like api");
        }
        var severity = WebhooksSection.choice(entry, "severity", SeverityNames.BY_NAME, Severity.ERROR);
        var interval = entry.has("interval")
                ? entry.duration("interval").filter(i -> atLeast(entry, "interval", i, SHORTEST_INTERVAL, "1s"))
                : Optional.of(DEFAULT_INTERVAL);
        var timeout = entry.duration("timeout");
        timeout.ifPresent(t -> interval.filter(i -> t.compareTo(i) >= 0)
                .ifPresent(i -> entry.error(
                        entry.scalar("timeout").orElseThrow().at(),
                        entry.path("timeout") + ": the timeout must be shorter than the interval (" + show(i)
                                + "), so one check ends before the next starts")));
        var jitter = jitter(entry);
        jitter.ifPresent(j -> interval.filter(i -> j.compareTo(i) >= 0)
                .ifPresent(i -> entry.error(
                        entry.scalar("jitter").orElseThrow().at(),
                        entry.path("jitter") + ": the jitter must be shorter than the interval (" + show(i) + ")")));
        var failures = entry.wholeNumber("failures_before_down", 1, 100);
        var successes = entry.wholeNumber("successes_before_up", 1, 100);
        var kind = kind(entry);
        Optional<ProbeSpec> probe = kind.flatMap(k -> MonitorProbes.read(entry, k));
        var conditions =
                conditions(entry, kind.flatMap(MonitorsSection::kindClass).orElse(ProbeSpec.class));
        var windows = windowRules(entry, interval);
        var labels = strings(entry, "labels", "a mapping of label names to values, like {team: payments}", true);
        var annotations =
                strings(entry, "annotations", "a mapping of names to text, like {runbook_url: https://...}", false);
        return new Monitor(
                entry.path(),
                name,
                service,
                severity,
                interval,
                timeout,
                jitter,
                probe,
                conditions,
                failures,
                successes,
                windows,
                labels,
                annotations);
    }

    private static boolean atLeast(Mapping entry, String key, Duration value, Duration least, String shown) {
        if (value.compareTo(least) >= 0) {
            return true;
        }
        entry.error(
                entry.scalar(key).orElseThrow().at(),
                entry.path(key) + ": expected at least " + shown + ", found "
                        + entry.scalar(key).orElseThrow().shown());
        return false;
    }

    /** A duration, or {@code 0s} (or {@code 0}) for none: the one duration here that may be zero. */
    private static Optional<Duration> jitter(Mapping entry) {
        if (!entry.has("jitter")) {
            return Optional.empty();
        }
        var written = entry.scalar("jitter", "a duration like 5s, or 0s for none");
        if (written.isEmpty()) {
            return Optional.empty();
        }
        if (ZERO.matcher(written.get().value().strip()).matches()) {
            return Optional.of(Duration.ZERO);
        }
        return entry.duration("jitter");
    }

    /** The one kind key written; empty after reporting none or several. */
    private static Optional<String> kind(Mapping entry) {
        var written = MonitorProbes.KINDS.stream().filter(entry::has).toList();
        if (written.isEmpty()) {
            entry.error(
                    entry.at(),
                    entry.path() + ": what does it check? add one of http, tcp, tls, dns or sql, like http:"
                            + " https://api.example.com/health");
            return Optional.empty();
        }
        if (written.size() > 1) {
            var first = entry.node(written.get(0)).orElseThrow().getStartMark();
            entry.error(
                    entry.node(written.get(1)).orElseThrow().getStartMark(),
                    entry.path(written.get(1)) + ": a monitor checks one thing, and this one has " + written.get(0)
                            + " on line " + (first.getLine() + 1) + " already; write a monitor for each");
            return Optional.empty();
        }
        return Optional.of(written.getFirst());
    }

    private static Optional<Class<? extends ProbeSpec>> kindClass(String kind) {
        return Optional.of(
                switch (kind) {
                    case "http" -> ProbeSpec.Http.class;
                    case "tcp" -> ProbeSpec.Tcp.class;
                    case "tls" -> ProbeSpec.Tls.class;
                    case "dns" -> ProbeSpec.Dns.class;
                    default -> ProbeSpec.Sql.class;
                });
    }

    private static Optional<List<Condition>> conditions(Mapping entry, Class<? extends ProbeSpec> kind) {
        return parsedList(
                entry,
                "conditions",
                "a list of conditions like [\"[STATUS] == 200\", \"[BODY].status == ok\"]",
                "a condition in quotes, like \"[STATUS] == 200\" (YAML reads an unquoted [STATUS] as a list)",
                "a condition like [STATUS] == 200",
                text -> Condition.parse(text, kind));
    }

    private static Optional<List<WindowRule>> windowRules(Mapping entry, Optional<Duration> interval) {
        var rules = parsedList(
                entry,
                "window_rules",
                "a list of rules like [\"p95 response_time > 500ms over 5m\", \"error_ratio > 1% over 2m\"]",
                "a rule like p95 response_time > 500ms over 5m",
                "a rule like p95 response_time > 500ms over 5m",
                WindowRules::parse);
        if (rules.isEmpty() || interval.isEmpty()) {
            return rules;
        }
        var items = entry.list("window_rules", "a list").orElseThrow();
        boolean ok = true;
        for (int i = 0; i < rules.get().size(); i++) {
            WindowRule rule = rules.get().get(i);
            if (rule.window().compareTo(interval.get()) < 0) {
                entry.error(
                        items.get(i).getStartMark(),
                        entry.path("window_rules") + "[" + i + "]: the window " + show(rule.window())
                                + " is shorter than the interval (" + show(interval.get())
                                + "), so it would hold at most one check; make it at least " + show(interval.get()));
                ok = false;
            }
        }
        return ok ? rules : Optional.empty();
    }

    /**
     * A list of one-line texts in a small language, each parsed; a mistake is reported at its column. Empty when
     * the key is absent or any item is wrong.
     */
    private static <T> Optional<List<T>> parsedList(
            Mapping entry,
            String key,
            String expected,
            String itemExpected,
            String example,
            Function<String, Parsed<T>> parse) {
        var items = entry.list(key, expected);
        if (items.isEmpty()) {
            return Optional.empty();
        }
        List<T> parsed = new ArrayList<>();
        for (int i = 0; i < items.get().size(); i++) {
            Node node = items.get().get(i);
            String path = entry.path(key) + "[" + i + "]";
            var written = entry.reading().scalar(node, path, itemExpected);
            if (written.isEmpty()) {
                continue;
            }
            Scalar value = written.get();
            switch (parse.apply(value.value())) {
                case Parsed.Ok<T> ok -> parsed.add(ok.value());
                case Parsed.Failed<T> failed -> {
                    // A value from the environment may hold a secret (a token in [HEADER] == ...), and the
                    // parser's message quotes the text: only the variable is named, as for webhook selectors.
                    String message = value.fromEnvironment()
                            ? "expected " + example + ", found " + value.shown() + ", which is not one"
                            : failed.message();
                    entry.error(Reading.inside(node, value, failed.offset()), path + ": " + message);
                }
            }
        }
        return parsed.size() == items.get().size() ? Optional.of(List.copyOf(parsed)) : Optional.empty();
    }

    /** {@code labels:} or {@code annotations:}: names to text; empty when absent or after a mistake. */
    private static Optional<Map<String, String>> strings(Mapping entry, String key, String expected, boolean labels) {
        var written = entry.mapping(key, expected);
        if (written.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        boolean ok = true;
        for (String name : written.get().keys()) {
            var keyAt = written.get().keyAt(name).orElseThrow();
            if (labels && OWN_LABELS.contains(name)) {
                entry.error(
                        keyAt,
                        written.get().path(name) + ": Firewatch sets the label " + name + " itself, from the monitor;"
                                + " choose another name");
                ok = false;
            } else if (labels && !LABEL_NAME.matcher(name).matches()) {
                entry.error(
                        keyAt,
                        written.get().path(name) + ": a label name is letters, digits and _, not starting with a"
                                + " digit");
                ok = false;
            }
            var value = written.get().scalar(name, "a single value");
            value.ifPresent(v -> values.put(name, v.value()));
            ok &= value.isPresent();
        }
        return ok ? Optional.of(values) : Optional.empty();
    }

    void requireKnownServices(Collection<String> services, Problems problems) {
        for (Monitor monitor : monitors) {
            monitor.service()
                    .ifPresent(name -> References.require(
                            name, monitor.path() + ".service", "service", "services", services, problems));
        }
    }

    /**
     * The specs, with defaults: a timeout of 10s (half the interval when that is 10s or less), a jitter of a tenth
     * of the interval up to 10s.
     */
    List<MonitorSpec> specs() {
        return monitors.stream()
                .map(monitor -> {
                    Duration interval = monitor.interval().orElseThrow();
                    return new MonitorSpec(
                            monitor.name().orElseThrow().value(),
                            monitor.service().orElseThrow().value(),
                            monitor.severity().orElseThrow(),
                            interval,
                            monitor.timeout().orElse(defaultTimeout(interval)),
                            monitor.jitter().orElse(defaultJitter(interval)),
                            monitor.probe().orElseThrow(),
                            monitor.conditions().orElse(List.of()),
                            monitor.failuresBeforeDown().orElse(DEFAULT_FAILURES_BEFORE_DOWN),
                            monitor.successesBeforeUp().orElse(DEFAULT_SUCCESSES_BEFORE_UP),
                            monitor.windows().orElse(List.of()),
                            monitor.labels().orElse(Map.of()),
                            monitor.annotations().orElse(Map.of()));
                })
                .toList();
    }

    static Duration defaultTimeout(Duration interval) {
        return interval.compareTo(DEFAULT_TIMEOUT) > 0 ? DEFAULT_TIMEOUT : interval.dividedBy(2);
    }

    static Duration defaultJitter(Duration interval) {
        Duration tenth = interval.dividedBy(10);
        return tenth.compareTo(LONGEST_DEFAULT_JITTER) > 0 ? LONGEST_DEFAULT_JITTER : tenth;
    }

    /** {@code 60s}, {@code 5m}, {@code 1h30m}, {@code 500ms}: as the file would write it. */
    static String show(Duration duration) {
        if (duration.toMillisPart() != 0 || duration.isZero()) {
            return duration.toMillis() + "ms";
        }
        StringBuilder shown = new StringBuilder();
        if (duration.toDays() > 0) {
            shown.append(duration.toDays()).append('d');
        }
        if (duration.toHoursPart() > 0) {
            shown.append(duration.toHoursPart()).append('h');
        }
        if (duration.toMinutesPart() > 0) {
            shown.append(duration.toMinutesPart()).append('m');
        }
        if (duration.toSecondsPart() > 0) {
            shown.append(duration.toSecondsPart()).append('s');
        }
        return shown.toString();
    }
}
