package dev.firewatch.logwatch;

import dev.firewatch.alert.Signal;
import dev.firewatch.service.ServiceSpec;
import dev.firewatch.service.Services;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The signals a log rule sends: a trigger when it fires, with its newest matching lines as evidence, and a resolve
 * when it clears. One alert per rule, whatever its kind: its dedup key is {@code log:<rule>}, so a boot loop that
 * logs its start ten times is one problem.
 */
final class RuleAlerts {
    private final Services services;
    private final Supplier<List<LogRuleSpec>> rules;

    RuleAlerts(Services services, Supplier<List<LogRuleSpec>> rules) {
        this.services = services;
        this.rules = rules;
    }

    static String dedupKey(String rule) {
        return "log:" + rule;
    }

    /**
     * The trigger of a rule that fired, or empty when its service is gone (the config always names one that exists;
     * a reload may have just removed it).
     *
     * @param evidence the rule's newest matching lines, oldest first
     */
    Optional<Signal> trigger(LogRuleSpec rule, String summary, List<LogRuleSql.Match> evidence, Instant now) {
        Optional<ServiceSpec> service = services.byName(rule.service());
        if (service.isEmpty()) {
            return Optional.empty();
        }
        List<String> lines = evidence.stream().map(RuleAlerts::evidenceLine).toList();
        Map<String, String> annotations = new TreeMap<>(rule.annotations());
        if (!lines.isEmpty()) {
            annotations.put("evidence", String.join("\n", lines));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("log_rule", rule.name());
        details.put("kind", rule.kind().wireName());
        details.put("evidence", lines);
        return Optional.of(new Signal.Trigger(
                service.get().integrationKey(),
                dedupKey(rule.name()),
                labels(rule.labels(), rule.name(), rule.service()),
                now,
                Signal.Source.LOG,
                summary,
                rule.severity(),
                "log rule " + rule.name(),
                null,
                null,
                rule.kind().wireName(),
                Collections.unmodifiableMap(annotations),
                Collections.unmodifiableMap(details),
                List.of(),
                List.of(),
                "Firewatch",
                null,
                null));
    }

    /** The resolve of a rule that cleared, changed or left the config; empty when its service is gone. */
    Optional<Signal> resolve(String rule, String serviceName, Instant now) {
        Map<String, String> labels = rules.get().stream()
                .filter(r -> r.name().equals(rule))
                .findFirst()
                .map(r -> labels(r.labels(), rule, serviceName))
                .orElseGet(() -> labels(Map.of(), rule, serviceName));
        return services.byName(serviceName)
                .map(service ->
                        new Signal.Resolve(service.integrationKey(), dedupKey(rule), labels, now, Signal.Source.LOG));
    }

    /** The rule's labels with {@code log_rule} and {@code service}, sorted by name as signals carry them. */
    private static Map<String, String> labels(Map<String, String> configured, String rule, String service) {
        Map<String, String> labels = new TreeMap<>(configured);
        labels.put("log_rule", rule);
        labels.put("service", service);
        return Collections.unmodifiableMap(labels);
    }

    /** {@code 03:00:12  running integrity_check}: the time the line says it was logged, else when it arrived. */
    static String evidenceLine(LogRuleSql.Match match) {
        return Wording.clock(match.loggedAt() == null ? match.at() : match.loggedAt()) + "  " + match.line();
    }
}
