package dev.firewatch.config;

import dev.firewatch.alert.Matchers;
import dev.firewatch.alert.Severity;
import dev.firewatch.logwatch.LogRuleSpec;
import dev.firewatch.spelling.DidYouMean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * {@code log_rules:} as written and checked; see {@link ServerSection} for the two steps. Each rule names a
 * service and exactly one kind ({@code rate}, {@code sequence} or {@code absence}); its regexes are compiled here,
 * so a bad one is an error at the column where it goes wrong, not at the first line.
 */
record LogRulesSection(List<Rule> rules) {
    static final List<String> KINDS = List.of("rate", "sequence", "absence");
    static final List<String> KEYS = Stream.of(
                    List.of("name", "service", "severity", "labels", "annotations", "evidence"),
                    MatcherKeys.keys(""),
                    KINDS)
            .flatMap(List::stream)
            .toList();
    static final LogRulesSection ABSENT = new LogRulesSection(List.of());
    private static final List<String> SEVERITIES =
            Arrays.stream(Severity.values()).map(Severity::wireName).toList();
    private static final Duration SHORTEST = Duration.ofSeconds(1);
    private static final Duration LONGEST = Duration.ofDays(7);

    /** One rule; an empty value means it had a problem that is already reported. */
    record Rule(
            String path,
            Optional<Scalar> name,
            Optional<Scalar> service,
            Optional<Severity> severity,
            Optional<Matchers> match,
            Optional<LogRuleSpec.Kind> kind,
            Optional<Map<String, String>> labels,
            Optional<Map<String, String>> annotations,
            Optional<Integer> evidence) {}

    static LogRulesSection read(List<Node> entries, Reading reading) {
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            reading.mapping(
                            entries.get(i),
                            "log_rules[" + i + "]",
                            "a rule like {name: db-errors, service: api, rate: {pattern: OperationalError,"
                                    + " more_than: 20, within: 5m}}")
                    .map(LogRulesSection::rule)
                    .ifPresent(rules::add);
        }
        EntryName.requireUnique(
                rules.stream().flatMap(rule -> rule.name().stream()).toList(), "log rule", reading.problems());
        return new LogRulesSection(List.copyOf(rules));
    }

    private static Rule rule(Mapping entry) {
        entry.allowOnly(KEYS);
        var name = EntryName.read(entry, "db-errors");
        Optional<Scalar> service = Optional.empty();
        if (entry.has("service")) {
            service = entry.text("service", "a service name, like api");
        } else {
            entry.error(
                    entry.at(),
                    entry.path() + ": service is missing; add the service whose log lines the rule" + " reads");
        }
        Optional<Severity> severity = Optional.of(Severity.ERROR);
        if (entry.has("severity")) {
            severity = entry.text("severity", "one of " + String.join(", ", SEVERITIES))
                    .flatMap(value -> {
                        var parsed = Severity.parse(value.value().strip());
                        if (parsed.isEmpty()) {
                            entry.error(
                                    value.at(),
                                    entry.path("severity") + ": unknown severity " + value.shown()
                                            + DidYouMean.hint(value.value(), SEVERITIES) + "; one of "
                                            + String.join(", ", SEVERITIES));
                        }
                        return parsed;
                    });
        }
        var match = MatcherKeys.read(entry, "");
        var kind = kind(entry);
        var labels = strings(entry, "labels", "a mapping of label names to values, like {team: db}");
        var annotations =
                strings(entry, "annotations", "a mapping like {runbook_url: https://wiki.example.com/db-errors}");
        var evidence = entry.has("evidence")
                ? entry.wholeNumber("evidence", 1, 100)
                : Optional.of(LogRuleSpec.DEFAULT_EVIDENCE);
        return new Rule(entry.path(), name, service, severity, match, kind, labels, annotations, evidence);
    }

    /** Exactly one of rate, sequence and absence. */
    private static Optional<LogRuleSpec.Kind> kind(Mapping entry) {
        List<String> written = KINDS.stream().filter(entry::has).toList();
        if (written.isEmpty()) {
            entry.error(
                    entry.at(),
                    entry.path() + ": say what the rule looks for with one of rate: {pattern, more_than, within},"
                            + " sequence: {start, expect, within} or absence: {pattern, for}");
            return Optional.empty();
        }
        if (written.size() > 1) {
            entry.error(
                    entry.node(written.get(1)).orElseThrow().getStartMark(),
                    entry.path() + ": a rule has one kind, but " + String.join(" and ", written)
                            + " are both here; make a rule for each");
            return Optional.empty();
        }
        String kind = written.getFirst();
        var body = entry.mapping(kind, example(kind));
        if (body.isEmpty()) {
            return Optional.empty();
        }
        Mapping m = body.get();
        return switch (kind) {
            case "rate" -> {
                m.allowOnly(List.of("pattern", "more_than", "within"));
                var pattern = regex(m, "pattern", "a regex like OperationalError|status=5\\d\\d");
                var moreThan = required(m, "more_than", "a number of lines, like 20")
                        ? m.wholeNumber("more_than", 0, 1_000_000_000)
                        : Optional.<Integer>empty();
                var within = window(m, "within");
                yield pattern.isPresent() && moreThan.isPresent() && within.isPresent()
                        ? Optional.of(new LogRuleSpec.Rate(pattern.get(), moreThan.get(), within.get()))
                        : Optional.empty();
            }
            case "sequence" -> {
                m.allowOnly(List.of("start", "expect", "within"));
                var start = regex(m, "start", "a regex like \"running integrity_check\"");
                var expect = expected(m);
                var within = window(m, "within");
                yield start.isPresent() && expect.isPresent() && within.isPresent()
                        ? Optional.of(new LogRuleSpec.Sequence(start.get(), expect.get(), within.get()))
                        : Optional.empty();
            }
            default -> {
                m.allowOnly(List.of("pattern", "for"));
                var pattern = regex(m, "pattern", "a regex like \"heartbeat ok\"");
                var duration = window(m, "for");
                yield pattern.isPresent() && duration.isPresent()
                        ? Optional.of(new LogRuleSpec.Absence(pattern.get(), duration.get()))
                        : Optional.empty();
            }
        };
    }

    private static String example(String kind) {
        return switch (kind) {
            case "rate" -> "a mapping like {pattern: OperationalError, more_than: 20, within: 5m}";
            case "sequence" ->
                "a mapping like {start: running integrity_check, expect: [integrity_check ok], within: 5m}";
            default -> "a mapping like {pattern: heartbeat ok, for: 10m}";
        };
    }

    private static boolean required(Mapping m, String key, String what) {
        if (!m.has(key)) {
            m.error(m.at(), m.path() + ": " + key + " is missing; add " + what);
            return false;
        }
        return true;
    }

    /** A duration from a second to a week: a rule's window or deadline. */
    private static Optional<Duration> window(Mapping m, String key) {
        if (!required(m, key, "a duration like 5m")) {
            return Optional.empty();
        }
        return m.duration(key).filter(duration -> {
            if (duration.compareTo(SHORTEST) < 0 || duration.compareTo(LONGEST) > 0) {
                m.error(
                        m.node(key).orElseThrow().getStartMark(),
                        m.path(key) + ": expected a duration from 1s to 7d, found "
                                + duration.toString().substring(2).toLowerCase(java.util.Locale.ROOT));
                return false;
            }
            return true;
        });
    }

    /** {@code expect:} one regex or a list of them; any of them answers the start. */
    private static Optional<List<Pattern>> expected(Mapping m) {
        if (!required(m, "expect", "the regex of the line that must follow, like \"integrity_check ok\"")) {
            return Optional.empty();
        }
        Node node = m.node("expect").orElseThrow();
        if (node instanceof ScalarNode) {
            return regex(m, "expect", "a regex or a list of them").map(List::of);
        }
        var items = m.list("expect", "a regex or a list of regexes, like [integrity_check ok, integrity_check skip]");
        if (items.isEmpty()) {
            return Optional.empty();
        }
        if (items.get().isEmpty()) {
            m.error(
                    node.getStartMark(),
                    m.path("expect") + ": the list is empty; add the regex of the line that must" + " follow");
            return Optional.empty();
        }
        List<Pattern> patterns = new ArrayList<>();
        for (int i = 0; i < items.get().size(); i++) {
            Node item = items.get().get(i);
            String path = m.path("expect") + "[" + i + "]";
            m.reading()
                    .scalar(item, path, "a regex")
                    .flatMap(value -> compile(item, value, path, m))
                    .ifPresent(patterns::add);
        }
        return patterns.size() == items.get().size() ? Optional.of(List.copyOf(patterns)) : Optional.empty();
    }

    private static Optional<Pattern> regex(Mapping m, String key, String what) {
        if (!required(m, key, what)) {
            return Optional.empty();
        }
        Node node = m.node(key).orElseThrow();
        return m.text(key, what).flatMap(value -> compile(node, value, m.path(key), m));
    }

    /** Compiles at load: a bad regex is reported at its column in the file. */
    private static Optional<Pattern> compile(Node node, Scalar value, String path, Mapping m) {
        if (value.value().isEmpty()) {
            m.error(value.at(), path + ": expected a regex, found nothing");
            return Optional.empty();
        }
        try {
            return Optional.of(Pattern.compile(value.value()));
        } catch (PatternSyntaxException e) {
            String message = value.fromEnvironment()
                    ? "expected a regex, found " + value.shown()
                    : "invalid regex " + value.shown() + ": " + e.getDescription() + where(e.getIndex(), value.value());
            m.error(Reading.inside(node, value, Math.max(0, e.getIndex())), path + ": " + message);
            return Optional.empty();
        }
    }

    private static String where(int index, String regex) {
        if (index < 0) {
            return "";
        }
        return index >= regex.length() ? " at the end of the regex" : " at column " + (index + 1) + " of the regex";
    }

    /** {@code labels:} or {@code annotations:}, names to text; empty after reporting a mistake. */
    private static Optional<Map<String, String>> strings(Mapping entry, String key, String expected) {
        if (!entry.has(key)) {
            return Optional.of(Map.of());
        }
        return entry.mapping(key, expected).flatMap(mapping -> {
            Map<String, String> values = new LinkedHashMap<>();
            boolean ok = true;
            for (String name : mapping.keys()) {
                var value = mapping.scalar(name, "a single value");
                if (value.isPresent()) {
                    values.put(name, value.get().value());
                } else {
                    ok = false;
                }
            }
            return ok ? Optional.of(Map.copyOf(values)) : Optional.empty();
        });
    }

    void requireKnownServices(Collection<String> services, Problems problems) {
        for (Rule rule : rules) {
            rule.service()
                    .ifPresent(name -> References.require(
                            name, rule.path() + ".service", "service", "services", services, problems));
        }
    }

    List<LogRuleSpec> specs() {
        return rules.stream()
                .map(rule -> new LogRuleSpec(
                        rule.name().orElseThrow().value(),
                        rule.service().orElseThrow().value(),
                        rule.severity().orElseThrow(),
                        rule.match().orElseThrow(),
                        rule.kind().orElseThrow(),
                        rule.labels().orElseThrow(),
                        rule.annotations().orElseThrow(),
                        rule.evidence().orElseThrow()))
                .toList();
    }
}
