package dev.firewatch.probe;

import java.time.Instant;

/**
 * The last result of a monitor, kept on its state row so lists show it without reading the history.
 *
 * @param failure the failed condition with its observed value, or the error; null when it passed
 */
public record ResultSummary(Instant at, long responseTimeMs, boolean passed, String failure) {
    static ResultSummary of(ProbeResult result) {
        return new ResultSummary(
                result.at(),
                result.responseTime().toMillis(),
                result.passed(),
                result.passed() ? null : result.failure().orElse("failed"));
    }
}
