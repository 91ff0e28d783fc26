package dev.firewatch.incident;

import java.time.Instant;
import java.util.List;

/**
 * A notification about an incident as its page shows it: who, how, when, and whether it got there. The notify
 * feature owns notifications; it hands them over in this shape through {@link NoticesOfIncident}.
 *
 * @param destination "alice by phone", "channel ops-chat"
 * @param state pending, sent, dead or cancelled
 * @param detail what the receiver said, or why it failed or was not sent
 */
public record IncidentNotice(
        String destination, String event, String state, int attempts, Instant queuedAt, Instant sentAt, String detail) {

    /** Finds an incident's notifications; implemented by the notify feature, wired in app. */
    @FunctionalInterface
    public interface NoticesOfIncident {
        /** At most {@code limit}, newest first. */
        List<IncidentNotice> of(String incidentId, int limit);
    }

    /** As the page says it: "delivered", "trying (attempt 2)", "gave up", "not sent". */
    public String outcome() {
        return switch (state) {
            case "sent" -> "delivered";
            case "pending" -> attempts == 0 ? "queued" : "trying (attempt " + attempts + ")";
            case "dead" -> "gave up";
            default -> "not sent";
        };
    }
}
