package dev.firewatch.probe;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The outcome of one check of one monitor: the observation judged by its conditions. This is what is stored,
 * rolled up, drawn, and what the monitor's state follows.
 *
 * @param passed true when the check completed and every condition held
 * @param reached false when the target could not be reached at all (see {@link Observation#reached()})
 * @param failure when failed: the failed condition with its observed value ({@code [STATUS] (503) == 200}) or
 *     the error ({@code connection refused}); shown with every failure
 * @param evidence a short excerpt of what came (status line, body start), for the alert and the detail page
 */
public record ProbeResult(
        String monitor,
        Instant at,
        Duration responseTime,
        boolean passed,
        boolean reached,
        Optional<String> failure,
        Optional<String> evidence) {}
