package dev.firewatch.intake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.firewatch.alert.Signal;
import dev.firewatch.intake.JsonFields.Need;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decodes a PagerDuty Events API v2 change event ({@code POST /v2/change/enqueue}): {@code routing_key},
 * {@code payload.summary} (required), {@code payload.source}, {@code payload.timestamp},
 * {@code payload.custom_details} and {@code links}. Other fields are ignored, as PagerDuty ignores them.
 */
public final class ChangeEventDecoder {

    /** The change, carrying the body's {@code routing_key} as its integration key. */
    public DecodedChange decode(byte[] body, Instant receivedAt) {
        List<FieldError> errors = new ArrayList<>();
        ObjectNode object = JsonBody.object(body, errors);
        if (object == null) {
            return new DecodedChange.Rejected(errors);
        }
        JsonFields event = JsonFields.top(object, errors);
        String routingKey = event.string("routing_key", Need.REQUIRED);
        JsonFields payload = event.object("payload", Need.REQUIRED);
        String summary = payload == null ? null : payload.text("summary", Need.REQUIRED, EventsV2Decoder.SUMMARY_LIMIT);
        String source = payload == null ? null : payload.string("source", Need.OPTIONAL);
        Instant timestamp = payload == null ? null : payload.time("timestamp", Need.OPTIONAL);
        Map<String, Object> details = payload == null ? Map.of() : payload.details("custom_details");
        List<Signal.Link> links = event.links("links", "href", "text");
        if (!errors.isEmpty()) {
            return new DecodedChange.Rejected(errors);
        }
        return new DecodedChange.Accepted(new ChangeEvent(
                routingKey, summary, source, timestamp != null ? timestamp : receivedAt, details, links));
    }
}
