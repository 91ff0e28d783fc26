package dev.firewatch.alert;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a source said about one alert, decoded and validated, before anything was stored. Every source
 * (Events API v2, Alertmanager, the native API, webhooks, probes, heartbeats, log rules) turns its input into
 * these, so one pipeline serves them all.
 *
 * <p>Identity: {@link #dedupKey()} when the source gave one; otherwise the alert stage computes a
 * fingerprint of {@link #labels()}. Labels and annotations are immutable, and labels are sorted by name.
 */
public sealed interface Signal permits Signal.Trigger, Signal.Acknowledge, Signal.Resolve {
    /** The integration key the signal arrived with; it names the service. */
    String integrationKey();

    /** The sender's dedup key, or null when identity comes from the labels. */
    String dedupKey();

    /** Identifying labels (may be empty for Events API v2 signals keyed by dedup key). */
    Map<String, String> labels();

    /** When the source says it happened; the receive time when the source did not say. */
    Instant at();

    Source source();

    /** Which decoder made the signal. */
    enum Source {
        EVENTS_V2,
        ALERTMANAGER,
        NATIVE,
        WEBHOOK,
        /** A monitor of Firewatch's own (HTTP, TCP, TLS, DNS, SQL) that went down or came back. */
        PROBE,
        /** A heartbeat that was late, failed, or started and never finished. */
        HEARTBEAT,
        /** A log rule that fired on the lines sent to {@code /api/v1/logs}. */
        LOG
    }

    /** A link or image attached to an alert (Events API v2 {@code links} / {@code images}). */
    record Link(String href, String text) {}

    /** Something is wrong. Repeated triggers of one identity update one alert. */
    record Trigger(
            String integrationKey,
            String dedupKey,
            Map<String, String> labels,
            Instant at,
            Source source,
            String summary,
            Severity severity,
            String sourceName,
            String component,
            String group,
            String className,
            Map<String, String> annotations,
            Map<String, Object> details,
            List<Link> links,
            List<Link> images,
            String client,
            String clientUrl,
            String generatorUrl)
            implements Signal {}

    /** Someone is on it (Events API v2 {@code acknowledge}). */
    record Acknowledge(String integrationKey, String dedupKey, Map<String, String> labels, Instant at, Source source)
            implements Signal {}

    /** It is over. */
    record Resolve(String integrationKey, String dedupKey, Map<String, String> labels, Instant at, Source source)
            implements Signal {}
}
