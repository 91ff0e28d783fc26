package dev.firewatch.config;

import dev.firewatch.alert.InhibitRuleSpec;
import dev.firewatch.alert.Matchers;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.yaml.snakeyaml.nodes.Node;

/**
 * {@code inhibit_rules:} as written and checked, in Alertmanager's shape (so rules can be copied over); see
 * {@link ServerSection} for the two steps.
 */
record InhibitRulesSection(List<Rule> rules) {
    static final List<String> KEYS = Stream.of(
                    MatcherKeys.keys("source_"), MatcherKeys.keys("target_"), List.of("equal"))
            .flatMap(List::stream)
            .toList();
    static final InhibitRulesSection ABSENT = new InhibitRulesSection(List.of());

    /** One rule; empty matchers mean they had a problem that is already reported. */
    record Rule(String origin, Optional<Matchers> source, Optional<Matchers> target, List<String> equal) {}

    static InhibitRulesSection read(List<Node> entries, Reading reading) {
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            reading.mapping(
                            entries.get(i),
                            "inhibit_rules[" + i + "]",
                            "a rule like {source_matchers: [severity=critical], target_matchers: [severity=warning],"
                                    + " equal: [cluster]}")
                    .map(InhibitRulesSection::rule)
                    .ifPresent(rules::add);
        }
        return new InhibitRulesSection(List.copyOf(rules));
    }

    private static Rule rule(Mapping entry) {
        entry.allowOnly(KEYS);
        var source = side(entry, "source_", "the alerts that inhibit, like [severity=critical]");
        var target = side(entry, "target_", "the alerts they inhibit, like [severity=warning]");
        List<String> equal = new ArrayList<>();
        entry.list("equal", "a list of label names like [cluster, service]").ifPresent(items -> {
            for (int i = 0; i < items.size(); i++) {
                entry.reading()
                        .scalar(items.get(i), entry.path("equal") + "[" + i + "]", "a label name")
                        .filter(name -> {
                            if (name.value().isBlank()) {
                                entry.error(name.at(), entry.path("equal") + ": expected a label name, found nothing");
                                return false;
                            }
                            return true;
                        })
                        .ifPresent(name -> equal.add(name.value()));
            }
        });
        String origin = entry.path() + " (line " + (entry.at().getLine() + 1) + ")";
        return new Rule(origin, source, target, List.copyOf(equal));
    }

    /** A side with no matchers would match every alert, which no one means; it is an error. */
    private static Optional<Matchers> side(Mapping entry, String prefix, String what) {
        if (!MatcherKeys.written(entry, prefix)) {
            entry.error(entry.at(), entry.path() + ": " + prefix + "matchers is missing; add " + what);
            return Optional.empty();
        }
        return MatcherKeys.read(entry, prefix).filter(matchers -> {
            if (matchers.isEmpty()) {
                entry.error(entry.at(), entry.path() + ": " + prefix + "matchers is empty; add " + what);
                return false;
            }
            return true;
        });
    }

    List<InhibitRuleSpec> specs() {
        return rules.stream()
                .map(rule -> new InhibitRuleSpec(
                        rule.origin(),
                        rule.source().orElseThrow(),
                        rule.target().orElseThrow(),
                        rule.equal()))
                .toList();
    }
}
