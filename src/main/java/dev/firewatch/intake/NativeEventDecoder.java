package dev.firewatch.intake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.firewatch.alert.Severity;
import dev.firewatch.alert.Signal;
import dev.firewatch.intake.JsonFields.Need;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decodes Firewatch's own event form ({@code POST /api/v1/events}): one event object, or a batch
 * {@code {"events": [...]}} of up to {@value #MAX_BATCH} events. The form is described in this package's
 * documentation. Unlike the forms of other products, a field it does not know is an error: in our own form a
 * misspelt field ({@code "sevrity"}) is a mistake to point at, not something to ignore.
 */
public final class NativeEventDecoder {
    /** Events in one request; a bigger batch is refused whole so a sender splits it rather than loses a tail. */
    public static final int MAX_BATCH = 1000;

    static final List<String> EVENT_FIELDS = List.of(
            "action",
            "dedup_key",
            "summary",
            "severity",
            "source",
            "labels",
            "annotations",
            "details",
            "links",
            "timestamp");

    /** The body's events, in order, each carrying {@code integrationKey}; all of them or, on any error, none. */
    public Decoded decode(byte[] body, String integrationKey, Instant receivedAt) {
        List<FieldError> errors = new ArrayList<>();
        ObjectNode object = JsonBody.object(body, errors);
        if (object == null) {
            return new Decoded.Rejected(errors);
        }
        JsonFields top = JsonFields.top(object, errors);
        List<Signal> signals;
        if (top.has("events")) {
            signals = batch(top, integrationKey, receivedAt);
        } else {
            Signal signal = signal(top, integrationKey, receivedAt);
            signals = signal == null ? List.of() : List.of(signal);
        }
        return errors.isEmpty() ? new Decoded.Accepted(signals) : new Decoded.Rejected(errors);
    }

    private static List<Signal> batch(JsonFields top, String integrationKey, Instant receivedAt) {
        top.onlyFields(List.of("events"), "a batch");
        int count = top.listSize("events");
        if (count > MAX_BATCH) {
            top.reject(
                    "events",
                    "has " + count + " events; at most " + MAX_BATCH
                            + " are accepted in one request, so send them in smaller batches");
            return List.of();
        }
        return top.eachObject("events", Need.REQUIRED, event -> signal(event, integrationKey, receivedAt));
    }

    private static Signal signal(JsonFields event, String integrationKey, Instant receivedAt) {
        event.onlyFields(EVENT_FIELDS, "an event");
        EventAction action = event.oneOf("action", Need.OPTIONAL, EventAction.BY_NAME);
        if (action == null) {
            action = event.has("action") ? null : EventAction.TRIGGER;
        }
        boolean trigger = action == EventAction.TRIGGER;
        String dedupKey = event.bounded("dedup_key", Need.OPTIONAL, EventsV2Decoder.DEDUP_KEY_LIMIT);
        String summary = event.text("summary", Need.requiredWhen(trigger), EventsV2Decoder.SUMMARY_LIMIT);
        Severity severity = event.oneOf("severity", Need.requiredWhen(trigger), SeverityNames.BY_NAME);
        String source = event.string("source", Need.OPTIONAL);
        Map<String, String> labels = event.stringMap("labels", Need.OPTIONAL);
        Map<String, String> annotations = event.stringMap("annotations", Need.OPTIONAL);
        Map<String, Object> details = event.detailsObject("details");
        List<Signal.Link> links = event.links("links", "href", "text");
        Instant timestamp = event.time("timestamp", Need.OPTIONAL);
        if (action == null || labels == null) {
            return null;
        }
        if (!trigger && dedupKey == null && labels.isEmpty()) {
            event.reject(
                    "dedup_key",
                    "is missing; " + (action == EventAction.ACKNOWLEDGE ? "an acknowledge" : "a resolve")
                            + " needs a dedup_key or labels to say which alert it means");
            return null;
        }
        Instant at = timestamp != null ? timestamp : receivedAt;
        return switch (action) {
            case TRIGGER ->
                new Signal.Trigger(
                        integrationKey,
                        dedupKey,
                        labels,
                        at,
                        Signal.Source.NATIVE,
                        summary,
                        severity,
                        source,
                        null,
                        null,
                        null,
                        annotations,
                        details,
                        links,
                        List.of(),
                        null,
                        null,
                        null);
            case ACKNOWLEDGE -> new Signal.Acknowledge(integrationKey, dedupKey, labels, at, Signal.Source.NATIVE);
            case RESOLVE -> new Signal.Resolve(integrationKey, dedupKey, labels, at, Signal.Source.NATIVE);
        };
    }
}
