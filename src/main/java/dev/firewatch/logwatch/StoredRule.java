package dev.firewatch.logwatch;

import java.time.Instant;

/**
 * A rule's row in {@code logwatch_rule_state}.
 *
 * @param definition the rule as configured when the state was made ({@link LogRuleSpec.Kind#definition()}); a rule
 *     whose definition changed starts afresh
 * @param state null when the stored JSON could not be read (the rule then starts afresh)
 * @param changedAt when the rule last began or stopped firing, or when the row was made
 * @param lastChange what that change said: the trigger's summary or the reason it cleared
 * @param dueAt when the rule must be looked at again though no line arrives, or null
 * @param version bumped by every write, which checks it: a write that finds another version did not happen
 */
record StoredRule(
        String rule,
        String service,
        String kind,
        String definition,
        RuleState state,
        boolean firing,
        Instant changedAt,
        String lastChange,
        Instant dueAt,
        long version) {}
