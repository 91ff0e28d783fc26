package dev.firewatch.alert;

import java.util.List;

/**
 * One of {@code inhibit_rules:}, with Alertmanager's semantics: while an alert matching {@code source} fires,
 * alerts matching {@code target} that have the same values for every label in {@code equal} are inhibited.
 *
 * @param origin where the rule is written, for the reason shown on an inhibited alert
 */
public record InhibitRuleSpec(String origin, Matchers source, Matchers target, List<String> equal) {
    public InhibitRuleSpec {
        equal = List.copyOf(equal);
    }
}
