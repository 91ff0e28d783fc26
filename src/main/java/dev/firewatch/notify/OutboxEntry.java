package dev.firewatch.notify;

import java.time.Instant;

/**
 * A notification to queue, as paging decides it. The outbox resolves {@code recipient} and {@code method} to a
 * channel when it sends, from the running config, so no address or secret is ever stored.
 *
 * @param idempotencyKey names the notification for good: the incident, the page (step, round), the recipient and
 *     the method; queuing the same key twice queues it once, and a receiver can drop a resend
 * @param payload the JSON of {@code event}, {@code incident}, {@code alerts} and {@code links} (DESIGN §3.1)
 * @param whileUnacknowledged a page that an acknowledgement makes moot: not sent when, by its turn, someone owns
 *     the incident ("email after 10 minutes unless acknowledged")
 */
public record OutboxEntry(
        String idempotencyKey,
        String incidentId,
        String event,
        RecipientKind kind,
        String recipient,
        String method,
        String payload,
        boolean whileUnacknowledged,
        Instant dueAt) {

    public enum RecipientKind {
        /** A person, through one of their contact methods. */
        USER,
        /** A channel from {@code channels:}; {@code method} is the channel's name again. */
        CHANNEL;

        @com.fasterxml.jackson.annotation.JsonValue
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** "alice by phone", "channel ops-chat": how the timeline names where a notification went. */
    public String destination() {
        return destination(kind, recipient, method);
    }

    static String destination(RecipientKind kind, String recipient, String method) {
        return kind == RecipientKind.USER ? recipient + " by " + method : "channel " + recipient;
    }
}
