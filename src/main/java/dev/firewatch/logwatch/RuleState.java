package dev.firewatch.logwatch;

/**
 * What a rule remembers between lines, one kind per rule kind; stored as JSON in {@code logwatch_rule_state}. Each
 * kind's {@code evaluate} is pure: the state, the lines that matched and the time in; the next state, the change and
 * when to look again out.
 */
sealed interface RuleState permits RateWindow, Awaiting, LastSeen {
    /** Whether the rule's alert is firing. */
    boolean firing();
}
