package dev.firewatch.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/**
 * One notification as a sender sees it: what happened to which incident, for whom, and which try this is.
 * The same notification sent again (a retry, or a resend after a crash between send and record) has the same
 * {@code id} and {@code idempotencyKey}, so a receiver can drop the second copy.
 *
 * <p>Not a record, because a notification from the outbox keeps its payload as it was queued and reads it only
 * when a sender asks: the webhook sends those bytes as they are, and reading and writing them again was a tenth
 * of a lone page's time after its commit (docs/performance.md). A notification is used by one send at a time.
 */
public final class Notification {
    private final String id;
    private final String idempotencyKey;
    private final int attempt;
    private final String event;
    private final String recipient;
    /** The payload as queued ({@code {"event", "incident", "alerts", "links"}}), or null when made here. */
    private final String queued;

    private final ObjectMapper json;
    private JsonNode incident;
    private JsonNode alerts;
    private Links links;

    /**
     * @param event {@code incident.triggered}, {@code incident.acknowledged}, {@code incident.escalated},
     *     {@code incident.resolved}, {@code incident.reopened} or {@code test} (DESIGN §3.1)
     * @param recipient the user or channel it is for, by name
     * @param incident the incident as the API shows it (DESIGN §3.1), as it was when the notification was made
     * @param alerts the incident's alerts as the API shows them, newest first, at most a handful
     * @param attempt 1 for the first try
     */
    public Notification(
            String id,
            String idempotencyKey,
            int attempt,
            String event,
            String recipient,
            JsonNode incident,
            JsonNode alerts,
            Links links) {
        this(id, idempotencyKey, attempt, event, recipient, null, null);
        this.incident = incident;
        this.alerts = alerts;
        this.links = links;
    }

    private Notification(
            String id,
            String idempotencyKey,
            int attempt,
            String event,
            String recipient,
            String queued,
            ObjectMapper json) {
        this.id = id;
        this.idempotencyKey = idempotencyKey;
        this.attempt = attempt;
        this.event = event;
        this.recipient = recipient;
        this.queued = queued;
        this.json = json;
    }

    /** A notification from the outbox, its payload read when first needed. */
    static Notification queued(
            String id,
            String idempotencyKey,
            int attempt,
            String event,
            String recipient,
            String payload,
            ObjectMapper json) {
        return new Notification(id, idempotencyKey, attempt, event, recipient, payload, json);
    }

    /** Where a responder goes from the message: the incident's page and one-click action links. */
    public record Links(String incident, String acknowledge, String resolve) {}

    public String id() {
        return id;
    }

    public String idempotencyKey() {
        return idempotencyKey;
    }

    public int attempt() {
        return attempt;
    }

    public String event() {
        return event;
    }

    public String recipient() {
        return recipient;
    }

    public JsonNode incident() {
        read();
        return incident;
    }

    public JsonNode alerts() {
        read();
        return alerts;
    }

    public Links links() {
        read();
        return links;
    }

    /**
     * The payload as it was queued, {@code {"event", "incident", "alerts", "links"}} in that order, for a sender
     * that sends it as it is; empty for a notification made here (a test).
     */
    Optional<String> queuedPayload() {
        return Optional.ofNullable(queued);
    }

    private void read() {
        if (links != null) {
            return;
        }
        try {
            JsonNode payload = json.readTree(queued);
            JsonNode made = payload.path("links");
            incident = payload.path("incident");
            alerts = payload.path("alerts");
            links = new Links(
                    made.path("incident").asText(""),
                    made.path("acknowledge").asText(""),
                    made.path("resolve").asText(""));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("notification " + id + " has a payload that is not JSON", e);
        }
    }

    public String title() {
        return incident().path("title").asText("");
    }

    public long number() {
        return incident().path("number").asLong();
    }

    public String severity() {
        return incident().path("severity").asText("");
    }

    public String service() {
        return incident().path("service").asText("");
    }

    /** The first alert's {@code runbook_url} annotation, when it is a web address, else empty. */
    public String runbookUrl() {
        for (JsonNode alert : alerts()) {
            String url = alert.path("annotations").path("runbook_url").asText("");
            if (url.startsWith("https://") || url.startsWith("http://")) {
                return url;
            }
        }
        return "";
    }
}
