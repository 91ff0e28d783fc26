package dev.firewatch.heartbeat;

import java.time.Instant;

/**
 * One ping as received, before it is stored.
 *
 * @param exitCode the exit code in the URL ({@code /ping/<uuid>/3}), or null when none was given
 * @param body the first {@link Heartbeats#LOG_BYTES} of the request body, as text: the run's log
 * @param source the caller's address
 * @param userAgent the caller's User-Agent, or null
 */
public record Ping(
        Instant at, PingKind kind, Integer exitCode, String body, String method, String source, String userAgent) {}
