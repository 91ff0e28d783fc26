package dev.firewatch.paging;

import java.time.Duration;

/**
 * One line of a person's notification rules: reach them through {@code method} this long after a step pages
 * them, unless the incident was acknowledged meanwhile.
 */
public record NotificationRule(String method, Duration after) {
    public NotificationRule {
        if (after.isNegative()) {
            throw new IllegalArgumentException("a rule cannot notify before the page, found " + after);
        }
    }
}
