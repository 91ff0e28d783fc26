package dev.firewatch.heartbeat;

import dev.firewatch.alert.Severity;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One heartbeat from {@code heartbeats:} in the config: a job that promises to ping, and what it means when it
 * does not.
 *
 * @param name unique among heartbeats; the alert's identity ({@code heartbeat:<name>}) is derived from it
 * @param uuid the id in the ping URL {@code /ping/<uuid>}: whoever knows it can ping, so it is the credential
 * @param service whose incidents (and escalation policy) a late or failed heartbeat goes to
 * @param severity of the alert it raises
 * @param schedule when the next success is expected after one
 * @param grace how late a ping may be before the heartbeat is down
 * @param maxRuntime how long a run may take from its start ping before it counts as never finished
 * @param labels added to the alert's labels (with {@code heartbeat} and {@code service}), for routing and silences
 * @param annotations added to the alert, such as {@code runbook_url}
 */
public record HeartbeatSpec(
        String name,
        UUID uuid,
        String service,
        Severity severity,
        Schedule schedule,
        Duration grace,
        Duration maxRuntime,
        Map<String, String> labels,
        Map<String, String> annotations) {
    public HeartbeatSpec {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }

    /** When a job is expected to ping again. */
    public sealed interface Schedule permits Every, OnCron {
        /** When the next success is expected, after one at {@code last}; empty when never again. */
        Optional<Instant> expectedAfter(Instant last);

        /** For pages and the API: {@code every 1h}, {@code cron 0 2 * * * (Europe/Berlin)}. */
        String describe();
    }

    /** A success every {@code period}, counted from the last one. */
    public record Every(Duration period) implements Schedule {
        @Override
        public Optional<Instant> expectedAfter(Instant last) {
            return Optional.of(last.plus(period));
        }

        @Override
        public String describe() {
            return "every " + text(period);
        }
    }

    /**
     * A success at every time the cron expression names, in the zone's wall-clock time; see {@link Cron} for the
     * nights the clocks change.
     */
    public record OnCron(Cron cron, ZoneId zone) implements Schedule {
        @Override
        public Optional<Instant> expectedAfter(Instant last) {
            return cron.next(last, zone);
        }

        @Override
        public String describe() {
            return "cron " + cron.text() + " (" + zone.getId() + ")";
        }
    }

    /** A duration as the config writes it: {@code 1h30m}, {@code 45s}, {@code 2d}. */
    public static String text(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        StringBuilder text = new StringBuilder();
        long days = duration.toDays();
        if (days > 0) {
            text.append(days).append('d');
        }
        if (duration.toHoursPart() > 0) {
            text.append(duration.toHoursPart()).append('h');
        }
        if (duration.toMinutesPart() > 0) {
            text.append(duration.toMinutesPart()).append('m');
        }
        if (duration.toSecondsPart() > 0) {
            text.append(duration.toSecondsPart()).append('s');
        }
        if (duration.toMillisPart() > 0) {
            text.append(duration.toMillisPart()).append("ms");
        }
        return text.toString();
    }
}
