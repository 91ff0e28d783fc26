package dev.firewatch.probe;

import java.time.Duration;

/**
 * A rule over a monitor's recent results: while it holds, the monitor is degraded and pages like a failure.
 * Examples: "p95 response time above 500 ms for 5 minutes", "error ratio above 1 % over 2 minutes".
 */
public sealed interface WindowRule permits WindowRule.Latency, WindowRule.ErrorRatio {
    /** The span of recent results the rule looks at. */
    Duration window();

    /** How the rule reads in the config and in messages. */
    String text();

    /**
     * The {@code percentile} of response times within the window is above {@code threshold}.
     *
     * @param percentile from 0 to 100 as written: {@code p95} is 95, {@code p99.9} is 99.9
     */
    record Latency(double percentile, Duration threshold, Duration window, String text) implements WindowRule {}

    /** The share of failed checks within the window is above {@code ratio} (0.01 for 1 %). */
    record ErrorRatio(double ratio, Duration window, String text) implements WindowRule {}
}
