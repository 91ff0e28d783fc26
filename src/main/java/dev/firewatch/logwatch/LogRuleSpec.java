package dev.firewatch.logwatch;

import dev.firewatch.alert.Matchers;
import dev.firewatch.alert.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One rule from {@code log_rules:} in the config: which of a service's log lines it reads, what it looks for in
 * them, and how it alerts.
 *
 * @param name unique among log rules; the alert's dedup key is {@code log:<name>}, so renaming starts a new alert
 * @param service the service whose lines the rule reads (they come with its integration key) and whose incidents
 *     the rule's alert joins
 * @param severity the severity of the trigger the rule sends when it fires
 * @param match the labels a line must have for the rule to read it; {@link Matchers#ANY} reads every line
 * @param kind what the rule looks for
 * @param labels added to the alert's labels (with {@code log_rule} and {@code service})
 * @param annotations added to the alert, such as {@code runbook_url}
 * @param evidence how many of the newest matching lines the alert carries, and the rules page shows
 */
public record LogRuleSpec(
        String name,
        String service,
        Severity severity,
        Matchers match,
        Kind kind,
        Map<String, String> labels,
        Map<String, String> annotations,
        int evidence) {
    public static final int DEFAULT_EVIDENCE = 20;

    public LogRuleSpec {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }

    /** What a rule looks for: a closed set, stored as the {@code kind} column beside its JSON state. */
    public sealed interface Kind permits Rate, Sequence, Absence {
        /** {@code rate}, {@code sequence} or {@code absence}, as the config and the API write it. */
        String wireName();

        /** The rule as configured, to tell whether a stored state was made for this rule or an older one. */
        String definition();
    }

    /** More than {@code moreThan} lines match {@code pattern} within {@code within} (a sliding window). */
    public record Rate(Pattern pattern, int moreThan, Duration within) implements Kind {
        @Override
        public String wireName() {
            return "rate";
        }

        @Override
        public String definition() {
            return "rate " + pattern.pattern() + " > " + moreThan + " in " + within;
        }
    }

    /**
     * A line matching {@code start} is not followed, within {@code within}, by a line matching any of {@code
     * expect}.
     */
    public record Sequence(Pattern start, List<Pattern> expect, Duration within) implements Kind {
        public Sequence {
            expect = List.copyOf(expect);
        }

        @Override
        public String wireName() {
            return "sequence";
        }

        @Override
        public String definition() {
            return "sequence " + start.pattern() + " then " + expected() + " in " + within;
        }

        /** The expected patterns as one alternative, as the summary shows them: {@code ok|skip}. */
        public String expected() {
            return expect.stream().map(Pattern::pattern).collect(Collectors.joining("|"));
        }
    }

    /** No line matches {@code pattern} for {@code duration}. */
    public record Absence(Pattern pattern, Duration duration) implements Kind {
        @Override
        public String wireName() {
            return "absence";
        }

        @Override
        public String definition() {
            return "absence " + pattern.pattern() + " for " + duration;
        }
    }
}
