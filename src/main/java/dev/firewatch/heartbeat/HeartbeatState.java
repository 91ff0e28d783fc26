package dev.firewatch.heartbeat;

import java.time.Instant;

/**
 * What the store keeps of a heartbeat between pings ({@code heartbeat_state}); the status is derived from it by
 * {@link Heartbeat#statusAt}, never stored.
 *
 * @param lastPingAt the last ping of any kind, null before the first
 * @param lastSuccessAt the last success, null before the first
 * @param failedAt when the last finished run failed; null when it succeeded (a success clears it)
 * @param exitCode the failed run's exit code, or null when it failed without one ({@code /fail})
 * @param startedAt the start of a run that has not finished, or null
 * @param lastRunMillis how long the last run with a start ping took, or null
 * @param alarm what the alert this heartbeat raised says, while it is open; null when none is
 * @param dueAt when the scheduler must look at this heartbeat next (it goes down then), or null
 * @param version bumped by every change, so two writers cannot both apply theirs
 */
public record HeartbeatState(
        Instant lastPingAt,
        PingKind lastPingKind,
        Instant lastSuccessAt,
        Instant failedAt,
        Integer exitCode,
        Instant startedAt,
        Long lastRunMillis,
        Heartbeat.Reason.Kind alarm,
        Instant dueAt,
        long version) {
    /** A heartbeat that has never been pinged. */
    public static final HeartbeatState NEVER_PINGED =
            new HeartbeatState(null, null, null, null, null, null, null, null, null, 0);

    public HeartbeatState withAlarm(Heartbeat.Reason.Kind alarm, Instant dueAt) {
        return new HeartbeatState(
                lastPingAt,
                lastPingKind,
                lastSuccessAt,
                failedAt,
                exitCode,
                startedAt,
                lastRunMillis,
                alarm,
                dueAt,
                version);
    }
}
