package dev.firewatch.escalation;

import java.time.Instant;

/**
 * One step's notification at one instant.
 *
 * @param step 0-based index into the policy's steps
 * @param round 0 for the first run through the steps, 1 for the first repeat, and so on; together with
 *     {@code step} (and {@code at} for a snooze) it names the page, so a retried send is the same page
 */
public record Page(Instant at, int step, int round, Cause cause) {
    public enum Cause {
        /** The policy's own timing: a step's turn came and nobody had responded. */
        ESCALATION,
        /** A snooze ran out: step 1 again, once. */
        SNOOZE_ENDED
    }
}
