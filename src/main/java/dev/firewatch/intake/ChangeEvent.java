package dev.firewatch.intake;

import dev.firewatch.alert.Signal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Something changed on a service (a deploy, a config push, a feature flag), from the Events API v2 change
 * endpoint. Not a signal: it opens no alert and pages nobody; it is kept as one of the service's recent changes,
 * shown next to its incidents.
 *
 * @param source where the change happened; null when the sender did not say
 * @param timestamp when the sender says it happened; the receive time when it did not say
 * @param details the sender's {@code custom_details}, as plain maps, lists and values
 */
public record ChangeEvent(
        String integrationKey,
        String summary,
        String source,
        Instant timestamp,
        Map<String, Object> details,
        List<Signal.Link> links) {}
