package dev.firewatch.heartbeat;

import dev.firewatch.alert.Signal;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Turns what a heartbeat's model says ({@link Heartbeat.Tell}) into the signal the alert pipeline takes: one alert
 * per heartbeat ({@code dedup_key heartbeat:<name>}), raised by a late, failed or unfinished run and resolved by
 * the next success.
 */
final class HeartbeatAlerts {
    /** How much of the ping log rides on the alert as evidence: its end, where jobs print what went wrong. */
    static final int EVIDENCE_CHARS = 2000;

    private final Function<String, Optional<String>> integrationKeys;
    private final String publicUrl;

    HeartbeatAlerts(Function<String, Optional<String>> integrationKeys, String publicUrl) {
        this.integrationKeys = integrationKeys;
        this.publicUrl = publicUrl.replaceAll("/+$", "");
    }

    static String dedupKey(HeartbeatSpec spec) {
        return "heartbeat:" + spec.name();
    }

    /** The signal for {@code tell}; empty for nothing, or when the heartbeat's service is gone from the config. */
    Optional<Signal> signal(HeartbeatSpec spec, Heartbeat.Tell tell, Instant at, String evidence) {
        if (tell instanceof Heartbeat.Nothing) {
            return Optional.empty();
        }
        return integrationKeys.apply(spec.service()).map(key -> switch (tell) {
            case Heartbeat.Raise raise -> trigger(spec, key, raise.reason(), at, evidence);
            case Heartbeat.Clear clear ->
                new Signal.Resolve(key, dedupKey(spec), labels(spec), at, Signal.Source.HEARTBEAT);
            case Heartbeat.Nothing nothing -> throw new IllegalStateException("nothing has no signal");
        });
    }

    private Signal.Trigger trigger(
            HeartbeatSpec spec, String key, Heartbeat.Reason reason, Instant at, String evidence) {
        Map<String, String> annotations = new TreeMap<>(spec.annotations());
        String log = evidence == null ? "" : evidence.strip();
        if (!log.isEmpty()) {
            annotations.put(
                    "evidence",
                    log.length() <= EVIDENCE_CHARS ? log : "…" + log.substring(log.length() - EVIDENCE_CHARS));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("heartbeat", spec.name());
        details.put("schedule", spec.schedule().describe());
        details.put("reason", reason.kind().name().toLowerCase(java.util.Locale.ROOT));
        String page = publicUrl + "/heartbeats/" + spec.name();
        return new Signal.Trigger(
                key,
                dedupKey(spec),
                labels(spec),
                at,
                Signal.Source.HEARTBEAT,
                reason.summary(spec.name()),
                spec.severity(),
                "firewatch heartbeat " + spec.name(),
                null,
                null,
                "heartbeat",
                Collections.unmodifiableMap(annotations),
                Collections.unmodifiableMap(details),
                List.of(new Signal.Link(page, "Heartbeat " + spec.name() + ": ping log")),
                List.of(),
                "Firewatch heartbeats",
                page,
                null);
    }

    /** The heartbeat's own labels, then {@code heartbeat} and {@code service}, which the config cannot override. */
    private static Map<String, String> labels(HeartbeatSpec spec) {
        Map<String, String> labels = new TreeMap<>(spec.labels());
        labels.put("heartbeat", spec.name());
        labels.put("service", spec.service());
        return Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    }
}
