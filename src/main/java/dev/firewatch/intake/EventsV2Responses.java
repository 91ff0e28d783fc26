package dev.firewatch.intake;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The answers of the PagerDuty Events API v2, in its shapes and status codes, so senders written for PagerDuty
 * (retry on 429 and 5xx, give up on 400, keep the returned dedup key) work unchanged. Each body is a record that
 * Jackson writes as PagerDuty does; {@link Body#httpStatus()} is the status to send with it and is not written.
 */
public final class EventsV2Responses {
    private EventsV2Responses() {}

    /** One of the answers, with the HTTP status it goes with. */
    public sealed interface Body permits Accepted, ChangeAccepted, InvalidEvent, Throttled {
        int httpStatus();
    }

    /** 202 to an alert event: {@code {"status":"success","message":"Event processed","dedup_key":"..."}}. */
    @JsonPropertyOrder({"status", "message", "dedup_key"})
    public record Accepted(
            String status,
            String message,
            @JsonProperty("dedup_key") String dedupKey) implements Body {
        @Override
        public int httpStatus() {
            return 202;
        }
    }

    /** 202 to an alert event that admission folded into its service's storm digest: same shape, another message. */
    public static Accepted folded(String dedupKey, String service) {
        return new Accepted(
                "success",
                "Event accepted and folded into the storm digest of service " + service + ": " + Admission.OVERLOADED,
                dedupKey);
    }

    /** 202 to a change event: {@code {"status":"success","message":"Change event processed"}}. */
    @JsonPropertyOrder({"status", "message"})
    public record ChangeAccepted(String status, String message) implements Body {
        @Override
        public int httpStatus() {
            return 202;
        }
    }

    /** 400: {@code {"status":"invalid event","message":"Event object is invalid","errors":[...]}}. */
    @JsonPropertyOrder({"status", "message", "errors"})
    public record InvalidEvent(String status, String message, List<String> errors) implements Body {
        public InvalidEvent {
            errors = List.copyOf(errors);
        }

        @Override
        public int httpStatus() {
            return 400;
        }
    }

    /** 429, which PagerDuty's senders retry with a back-off. */
    @JsonPropertyOrder({"status", "message"})
    public record Throttled(String status, String message) implements Body {
        @Override
        public int httpStatus() {
            return 429;
        }
    }

    /** The event was accepted; {@code dedupKey} is the sender's or the one generated for it. */
    public static Accepted accepted(String dedupKey) {
        return new Accepted("success", "Event processed", dedupKey);
    }

    public static ChangeAccepted changeAccepted() {
        return new ChangeAccepted("success", "Change event processed");
    }

    /** The body was refused; each error is a sentence that names its field. */
    public static InvalidEvent invalid(List<FieldError> errors) {
        return new InvalidEvent(
                "invalid event",
                "Event object is invalid",
                errors.stream().map(FieldError::message).toList());
    }

    public static Throttled throttled() {
        return new Throttled(
                "throttle event", "Requests for this service are arriving too quickly.  Please retry later.");
    }

    /**
     * The answer to a decoded {@code /v2/enqueue} body, for when it is also committed: 202 with the event's dedup
     * key, or 400 with every error. (Throttling and unknown routing keys are the route's to decide.)
     */
    public static Body answer(Decoded decoded) {
        return switch (decoded) {
            case Decoded.Accepted accepted ->
                accepted(accepted.signals().getFirst().dedupKey());
            case Decoded.Rejected rejected -> invalid(rejected.errors());
        };
    }

    /** The answer to a decoded {@code /v2/change/enqueue} body. */
    public static Body answer(DecodedChange decoded) {
        return switch (decoded) {
            case DecodedChange.Accepted accepted -> changeAccepted();
            case DecodedChange.Rejected rejected -> invalid(rejected.errors());
        };
    }
}
