package dev.firewatch.logwatch;

import java.util.Optional;

/** A line one rule cares about, and in which part: a match of a rate or absence rule, or a sequence's start or end. */
record Hit(Role role, LogLine line) {
    enum Role {
        MATCH,
        START,
        EXPECT;

        String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * What the line is to the rule, if anything. Patterns are searched for anywhere in the line, as grep does. A
     * line that matches both a sequence's start and one of its expected patterns counts as expected: the expected
     * line usually repeats the start's words ("integrity_check ok" after "running integrity_check").
     */
    static Optional<Role> of(LogRuleSpec rule, LogLine line) {
        if (!rule.match().matches(line.labels())) {
            return Optional.empty();
        }
        String text = line.text();
        return switch (rule.kind()) {
            case LogRuleSpec.Rate rate ->
                rate.pattern().matcher(text).find() ? Optional.of(Role.MATCH) : Optional.empty();
            case LogRuleSpec.Absence absence ->
                absence.pattern().matcher(text).find() ? Optional.of(Role.MATCH) : Optional.empty();
            case LogRuleSpec.Sequence sequence -> {
                if (sequence.expect().stream().anyMatch(p -> p.matcher(text).find())) {
                    yield Optional.of(Role.EXPECT);
                }
                yield sequence.start().matcher(text).find() ? Optional.of(Role.START) : Optional.empty();
            }
        };
    }
}
