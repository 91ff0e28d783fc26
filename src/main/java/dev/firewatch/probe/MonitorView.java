package dev.firewatch.probe;

import java.time.Instant;

/**
 * A monitor as {@code GET /api/v1/monitors} returns it.
 *
 * @param state pending, up, down, degraded or unknown
 * @param flapping the state changes too often; its incident is held open until it settles
 * @param reason why the state is what it is, with the evidence
 * @param lastResult null before the first check
 */
public record MonitorView(
        String name,
        String service,
        String kind,
        String host,
        long intervalSeconds,
        String state,
        boolean flapping,
        Instant since,
        String reason,
        LastResult lastResult,
        Uptime uptime) {

    /** The newest result. */
    public record LastResult(Instant at, boolean passed, long responseTimeMs, String failure) {
        static LastResult of(ResultSummary summary) {
            return summary == null
                    ? null
                    : new LastResult(summary.at(), summary.passed(), summary.responseTimeMs(), summary.failure());
        }
    }
}
