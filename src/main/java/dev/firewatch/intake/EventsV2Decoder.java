package dev.firewatch.intake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.firewatch.alert.Severity;
import dev.firewatch.alert.Signal;
import dev.firewatch.intake.JsonFields.Need;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Decodes a PagerDuty Events API v2 alert event ({@code POST /v2/enqueue}), so anything that can page PagerDuty
 * can page Firewatch. Fields PagerDuty does not know are ignored, as PagerDuty ignores them; for acknowledge and
 * resolve only {@code routing_key}, {@code event_action} and {@code dedup_key} are read, as PagerDuty reads only
 * those (Alertmanager sends its whole payload with a resolve).
 *
 * <p>A trigger's labels are the PD-CEF fields that say where the problem is: {@code source}, {@code component},
 * {@code group} and {@code class}, under those names, each when present. They let routing, silences and inhibition
 * match Events API alerts the way they match Alertmanager's; identity still comes from the dedup key.
 */
public final class EventsV2Decoder {
    /** PagerDuty truncates longer summaries to this many characters; so does Firewatch, rather than refuse. */
    static final int SUMMARY_LIMIT = 1024;

    /** PagerDuty's limit. Longer keys are refused, not cut: two different keys cut alike would merge two alerts. */
    static final int DEDUP_KEY_LIMIT = 255;

    private final Supplier<String> newDedupKey;

    /** Generates a dedup key for a trigger without one the way PagerDuty does: a random UUID, 32 hex digits. */
    public EventsV2Decoder() {
        this(() -> UUID.randomUUID().toString().replace("-", ""));
    }

    /** @param newDedupKey makes the key of a trigger that came without one (tests pass a fixed one) */
    public EventsV2Decoder(Supplier<String> newDedupKey) {
        this.newDedupKey = newDedupKey;
    }

    /**
     * The body's one event, carrying the body's {@code routing_key} as its integration key; the caller checks
     * that the key names a service. On a trigger without a dedup key, the signal carries a generated one, which
     * the 202 answer returns ({@link EventsV2Responses#answer(Decoded)}).
     */
    public Decoded decode(byte[] body, Instant receivedAt) {
        List<FieldError> errors = new ArrayList<>();
        ObjectNode object = JsonBody.object(body, errors);
        if (object == null) {
            return new Decoded.Rejected(errors);
        }
        JsonFields event = JsonFields.top(object, errors);
        String routingKey = event.string("routing_key", Need.REQUIRED);
        EventAction action = event.oneOf("event_action", Need.REQUIRED, EventAction.BY_NAME);
        // A trigger may leave the key to us; acknowledge and resolve must say which alert they mean.
        String dedupKey = event.bounded(
                "dedup_key", Need.requiredWhen(action != null && action != EventAction.TRIGGER), DEDUP_KEY_LIMIT);
        // With an unknown action the payload is still checked when sent, so one answer lists every mistake.
        boolean readPayload = action == EventAction.TRIGGER || (action == null && event.has("payload"));
        Signal signal = readPayload ? trigger(event, routingKey, dedupKey, receivedAt) : null;
        if (!errors.isEmpty()) {
            return new Decoded.Rejected(errors);
        }
        return new Decoded.Accepted(List.of(
                switch (action) {
                    case TRIGGER -> signal;
                    case ACKNOWLEDGE ->
                        new Signal.Acknowledge(routingKey, dedupKey, Map.of(), receivedAt, Signal.Source.EVENTS_V2);
                    case RESOLVE ->
                        new Signal.Resolve(routingKey, dedupKey, Map.of(), receivedAt, Signal.Source.EVENTS_V2);
                }));
    }

    private Signal.Trigger trigger(JsonFields event, String routingKey, String dedupKey, Instant receivedAt) {
        // Read in PagerDuty's documented order, so a body's errors come in the order a reader checks it.
        JsonFields payloadFields = event.object("payload", Need.REQUIRED);
        Payload payload = payloadFields == null ? null : Payload.read(payloadFields);
        List<Signal.Link> images = event.links("images", "src", "alt");
        List<Signal.Link> links = event.links("links", "href", "text");
        String client = event.string("client", Need.OPTIONAL);
        String clientUrl = event.string("client_url", Need.OPTIONAL);
        if (payload == null) {
            return null;
        }
        return new Signal.Trigger(
                routingKey,
                dedupKey != null ? dedupKey : newDedupKey.get(),
                labels(payload),
                payload.timestamp() != null ? payload.timestamp() : receivedAt,
                Signal.Source.EVENTS_V2,
                payload.summary(),
                payload.severity(),
                payload.source(),
                payload.component(),
                payload.group(),
                payload.className(),
                Map.of(),
                payload.details(),
                links,
                images,
                client,
                clientUrl,
                null);
    }

    /** A trigger's {@code payload}, the PD-CEF fields. */
    private record Payload(
            String summary,
            String source,
            Severity severity,
            Instant timestamp,
            String component,
            String group,
            String className,
            Map<String, Object> details) {

        static Payload read(JsonFields payload) {
            return new Payload(
                    payload.text("summary", Need.REQUIRED, SUMMARY_LIMIT),
                    payload.string("source", Need.REQUIRED),
                    payload.oneOf("severity", Need.REQUIRED, SeverityNames.BY_NAME),
                    payload.time("timestamp", Need.OPTIONAL),
                    payload.string("component", Need.OPTIONAL),
                    payload.string("group", Need.OPTIONAL),
                    payload.string("class", Need.OPTIONAL),
                    payload.details("custom_details"));
        }
    }

    private static Map<String, String> labels(Payload payload) {
        TreeMap<String, String> labels = new TreeMap<>();
        putPresent(labels, "source", payload.source());
        putPresent(labels, "component", payload.component());
        putPresent(labels, "group", payload.group());
        putPresent(labels, "class", payload.className());
        return Collections.unmodifiableSortedMap(labels);
    }

    private static void putPresent(Map<String, String> labels, String name, String value) {
        if (value != null) {
            labels.put(name, value);
        }
    }
}
