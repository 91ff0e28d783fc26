package dev.firewatch.alert.inhibit;

import dev.firewatch.alert.InhibitRuleSpec;
import dev.firewatch.alert.Labels;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code inhibit_rules:} applied the way Alertmanager applies them: a target is inhibited while a firing
 * source matches the rule's source matchers and has the same value for every {@code equal} label (absent
 * equals absent). When the target itself also matches the source matchers, only sources that do not match
 * the target matchers count, so alerts that match both sides of a rule never inhibit each other (or
 * themselves).
 */
public final class InhibitRules {
    private final List<InhibitRuleSpec> rules;

    public InhibitRules(List<InhibitRuleSpec> rules) {
        this.rules = List.copyOf(rules);
    }

    /** True when there are no rules, so callers can skip looking for source alerts. */
    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** The fingerprint of the first firing alert that inhibits {@code target}, in rule order. */
    public Optional<String> inhibitedBy(Map<String, String> target, Collection<FiringAlert> firing) {
        for (InhibitRuleSpec rule : rules) {
            if (!rule.target().matches(target)) {
                continue;
            }
            boolean twoSided = rule.source().matches(target);
            for (FiringAlert source : firing) {
                if (rule.source().matches(source.labels())
                        && equalLabels(rule, target, source.labels())
                        && !(twoSided && rule.target().matches(source.labels()))) {
                    return Optional.of(source.fingerprint());
                }
            }
        }
        return Optional.empty();
    }

    private static boolean equalLabels(InhibitRuleSpec rule, Map<String, String> target, Map<String, String> source) {
        return rule.equal().stream().allMatch(name -> Labels.value(target, name).equals(Labels.value(source, name)));
    }
}
