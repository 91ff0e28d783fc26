package dev.firewatch.heartbeat;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A ping as the ping log keeps it.
 *
 * @param runMillis how long the run took, when this success or failure followed a start; else null
 * @param body the first 10 KiB of the request body: the job's output, if it sent any
 */
public record LoggedPing(
        String id,
        Instant at,
        PingKind kind,
        Integer exitCode,
        @JsonProperty("run_ms") Long runMillis,
        String method,
        String source,
        String userAgent,
        String body) {}
