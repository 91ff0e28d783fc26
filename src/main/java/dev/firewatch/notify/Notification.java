package dev.firewatch.notify;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One notification as a sender sees it: what happened to which incident, for whom, and which try this is.
 * The same notification sent again (a retry, or a resend after a crash between send and record) has the same
 * {@code id} and {@code idempotencyKey}, so a receiver can drop the second copy.
 *
 * @param event {@code incident.triggered}, {@code incident.acknowledged}, {@code incident.escalated},
 *     {@code incident.resolved}, {@code incident.reopened} or {@code test} (DESIGN §3.1)
 * @param recipient the user or channel it is for, by name
 * @param incident the incident as the API shows it (DESIGN §3.1), as it was when the notification was made
 * @param alerts the incident's alerts as the API shows them, newest first, at most a handful
 * @param attempt 1 for the first try
 */
public record Notification(
        String id,
        String idempotencyKey,
        int attempt,
        String event,
        String recipient,
        JsonNode incident,
        JsonNode alerts,
        Links links) {

    /** Where a responder goes from the message: the incident's page and one-click action links. */
    public record Links(String incident, String acknowledge, String resolve) {}

    public String title() {
        return incident.path("title").asText("");
    }

    public long number() {
        return incident.path("number").asLong();
    }

    public String severity() {
        return incident.path("severity").asText("");
    }

    public String service() {
        return incident.path("service").asText("");
    }

    /** The first alert's {@code runbook_url} annotation, when it is a web address, else empty. */
    public String runbookUrl() {
        for (JsonNode alert : alerts) {
            String url = alert.path("annotations").path("runbook_url").asText("");
            if (url.startsWith("https://") || url.startsWith("http://")) {
                return url;
            }
        }
        return "";
    }
}
