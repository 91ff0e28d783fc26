package dev.firewatch.intake;

import dev.firewatch.alert.Severity;
import java.util.Map;
import java.util.Optional;

/**
 * How one webhook turns a sender's body into a signal (docs/configuration.md, "webhooks").
 *
 * @param summary the alert's summary; when it finds nothing the alert still opens, titled so that the
 *     missing field is the first thing a responder reads
 * @param severity the sender's word for how bad it is, looked up in {@code severityMap}, then as one of our own
 *     severity names; empty: every event has {@code defaultSeverity}
 * @param defaultSeverity when {@code severity} is not written, finds nothing, or finds a word neither the map nor
 *     our names know
 * @param dedupKey the alert's identity; empty, or finding nothing: a fingerprint of the labels
 * @param action the sender's word for what happened, looked up in {@code actionMap}, then as trigger,
 *     acknowledge or resolve; empty: every event is a trigger. When written, an event whose word is neither is
 *     ignored: senders post many kinds of events, and only the mapped ones mean something
 * @param labels label name to value; the webhook's name is added as the label {@code webhook} unless written
 * @param annotations descriptive values, like a link to the sender's page for the problem
 */
public record WebhookMapping(
        FieldTemplate summary,
        Optional<FieldTemplate> severity,
        Map<String, Severity> severityMap,
        Severity defaultSeverity,
        Optional<FieldTemplate> dedupKey,
        Optional<FieldTemplate> action,
        Map<String, WebhookAction> actionMap,
        Map<String, FieldTemplate> labels,
        Map<String, FieldTemplate> annotations) {
    public WebhookMapping {
        severityMap = Map.copyOf(severityMap);
        actionMap = Map.copyOf(actionMap);
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }
}
