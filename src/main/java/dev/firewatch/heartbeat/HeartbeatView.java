package dev.firewatch.heartbeat;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A heartbeat as the API, the pages and the CLI show it: its config, its status now and why.
 *
 * @param schedule {@code every 1h} or {@code cron 0 2 * * * (Europe/Berlin)}
 * @param pingUrl where the job pings; the uuid in it is the credential
 * @param expectedAt when the next success is expected (null before the first ping)
 * @param nextDueAt when it goes down if no ping comes first (null when nothing is expected, or down already)
 * @param startedAt the start of a run that has not finished, or null
 * @param lastRunMillis how long the last run with a start ping took, or null
 * @param reason why it is down, or null
 */
public record HeartbeatView(
        String name,
        String service,
        HeartbeatStatus status,
        String schedule,
        @JsonProperty("grace_seconds") long graceSeconds,
        @JsonProperty("max_runtime_seconds") long maxRuntimeSeconds,
        String pingUrl,
        Instant lastPingAt,
        PingKind lastPingKind,
        Instant expectedAt,
        Instant nextDueAt,
        Instant startedAt,
        @JsonProperty("last_run_ms") Long lastRunMillis,
        Integer exitCode,
        String reason) {
    static HeartbeatView of(Heartbeat heartbeat, Instant now, String publicUrl) {
        HeartbeatSpec spec = heartbeat.spec();
        HeartbeatState state = heartbeat.state();
        return new HeartbeatView(
                spec.name(),
                spec.service(),
                heartbeat.statusAt(now),
                spec.schedule().describe(),
                spec.grace().toSeconds(),
                spec.maxRuntime().toSeconds(),
                pingUrl(publicUrl, spec),
                state.lastPingAt(),
                state.lastPingKind(),
                heartbeat.expectedAt().orElse(null),
                heartbeat.downAt().orElse(null),
                state.startedAt(),
                state.lastRunMillis(),
                state.exitCode(),
                heartbeat.downBecause(now).map(r -> r.summary(spec.name())).orElse(null));
    }

    static String pingUrl(String publicUrl, HeartbeatSpec spec) {
        return publicUrl.replaceAll("/+$", "") + "/ping/" + spec.uuid();
    }
}
