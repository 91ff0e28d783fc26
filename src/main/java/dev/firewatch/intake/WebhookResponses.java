package dev.firewatch.intake;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.firewatch.alert.Signal;
import java.util.List;

/**
 * The answers of {@code POST /api/v1/integrations/webhook/{key}}. Most such senders only log the status, but a
 * person setting one up reads the body, so it says what the mapping made of the event, and why when a rule fell
 * back to its default. (Unknown keys and bad signatures are refused before a body is read, as every intake error.)
 */
final class WebhookResponses {
    private WebhookResponses() {}

    /** One of the answers, with the HTTP status it goes with. */
    sealed interface Body permits Processed, IntakeErrors {
        int httpStatus();
    }

    /**
     * 202 when stored; 200 {@code "ignored"} when the mapping says the event means nothing, so the sender counts it
     * as delivered and does not retry.
     *
     * @param action what the event became: trigger, acknowledge, resolve or ignore
     * @param dedupKey the alert's identity, for a later resolve through any endpoint; null when ignored
     */
    @JsonPropertyOrder({"status", "message", "service", "action", "dedup_key", "notes"})
    record Processed(
            String status,
            String message,
            String service,
            String action,
            @JsonProperty("dedup_key") String dedupKey,
            List<String> notes)
            implements Body {
        Processed {
            notes = List.copyOf(notes);
        }

        @Override
        public int httpStatus() {
            return status.equals("ignored") ? 200 : 202;
        }
    }

    /** @param folded whether admission folded the stored event into its service's storm digest */
    static Body answer(WebhookOutcome outcome, String service, boolean folded) {
        return switch (outcome) {
            case WebhookOutcome.Mapped mapped -> {
                String action = action(mapped.signal());
                yield new Processed(
                        "accepted",
                        "stored as " + ("acknowledge".equals(action) ? "an " : "a ") + action + " for service "
                                + service
                                + (folded ? ", folded into the service's storm digest: " + Admission.OVERLOADED : ""),
                        service,
                        action,
                        mapped.identity(),
                        mapped.notes());
            }
            case WebhookOutcome.Ignored ignored ->
                new Processed("ignored", ignored.reason(), service, WebhookAction.IGNORE.wireName(), null, List.of());
            case WebhookOutcome.Rejected rejected -> IntakeErrors.of(rejected.errors());
        };
    }

    private static String action(Signal signal) {
        return switch (signal) {
            case Signal.Trigger trigger -> WebhookAction.TRIGGER.wireName();
            case Signal.Acknowledge acknowledge -> WebhookAction.ACKNOWLEDGE.wireName();
            case Signal.Resolve resolve -> WebhookAction.RESOLVE.wireName();
        };
    }
}
