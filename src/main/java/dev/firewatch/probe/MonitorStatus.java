package dev.firewatch.probe;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A monitor's state and what it follows from, as kept on its row ({@code probe_monitor_state}) and updated with
 * each result.
 *
 * @param failures consecutive failed checks (held results do not count)
 * @param successes consecutive passed checks
 * @param since when the state began
 * @param reason why the last result left the state as it is, e.g. "down after 3 consecutive failures"
 * @param alerting a trigger is out and no resolve has followed it: what the next result reconciles
 * @param changes when the state last moved between up, down and degraded, newest last, within the flapping window
 * @param flapping the state changed more often than the flapping limit allows: the incident is held open
 * @param last the last result, empty before the first
 */
public record MonitorStatus(
        String name,
        MonitorState state,
        int failures,
        int successes,
        Instant since,
        String reason,
        boolean alerting,
        List<Instant> changes,
        boolean flapping,
        Optional<ResultSummary> last) {
    public MonitorStatus {
        changes = List.copyOf(changes);
    }

    /** A monitor that has not been checked yet. */
    public static MonitorStatus pending(String name, Instant since) {
        return new MonitorStatus(
                name, MonitorState.PENDING, 0, 0, since, "not checked yet", false, List.of(), false, Optional.empty());
    }

    /** The state as people read it: "down (flapping)". */
    public String shown() {
        return flapping ? state.wireName() + " (flapping)" : state.wireName();
    }
}
