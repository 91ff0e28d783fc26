package dev.firewatch.escalation;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * For incidents of one of {@code severities}, opened within {@code during} (any time when empty), do
 * {@code urgency} instead of anything later rules say.
 */
public record UrgencyRule(Set<String> severities, Optional<Hours> during, Urgency urgency) {
    public UrgencyRule {
        severities = Set.copyOf(severities);
    }

    public boolean applies(String severity, Instant openedAt) {
        return severities.contains(severity)
                && during.map(hours -> hours.contains(openedAt)).orElse(true);
    }
}
