package dev.firewatch.probe;

import java.time.Instant;

/**
 * One stored check result, as the history keeps it.
 *
 * @param id time-ordered; the cursor of the results API
 * @param held it failed to reach its target while Firewatch was cut off, so it counted as unknown
 * @param failure the failed condition with its observed value, or the error; null when it passed
 */
public record ResultRow(
        String id, String monitor, Instant at, long responseTimeMs, boolean passed, boolean held, String failure) {
    /** As the pages say it. */
    public String outcome() {
        return passed ? "passed" : held ? "unknown" : "failed";
    }
}
