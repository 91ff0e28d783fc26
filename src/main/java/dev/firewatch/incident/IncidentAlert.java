package dev.firewatch.incident;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An alert as an incident's page and API show it. The alert feature owns alerts; it hands them over in this
 * shape through {@link AlertsOfIncident}, so this feature never reads the alert tables.
 */
public record IncidentAlert(
        String id,
        String dedupKey,
        String state,
        String summary,
        String severity,
        Map<String, String> labels,
        Map<String, String> annotations,
        long count,
        Instant firstSeenAt,
        Instant lastSeenAt) {

    /**
     * The alert's runbook ({@code runbook_url} annotation, as Prometheus rules write it), when it is a web
     * address: the page links it, and a {@code javascript:} or other scheme from a sender must never become a
     * link a responder clicks.
     */
    public String runbookUrl() {
        String url = annotations.get("runbook_url");
        if (url == null) {
            return null;
        }
        String lower = url.strip().toLowerCase(java.util.Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://") ? url.strip() : null;
    }

    /** The sender's longer explanation ({@code description} annotation), or null. */
    public String description() {
        return annotations.get("description");
    }

    /** Finds the alerts that belong to an incident; implemented by the alert feature, wired in app. */
    @FunctionalInterface
    public interface AlertsOfIncident {
        /** At most {@code limit} of them, newest first, below the id {@code before} when it is not null. */
        List<IncidentAlert> of(String incidentId, String before, int limit);
    }

    /** The newest alerts of an incident, as a read for the caller's transaction (paging's messages). */
    @FunctionalInterface
    public interface NewestOfIncident {
        dev.firewatch.store.Statements.Query<IncidentAlert> of(String incidentId, int limit);
    }
}
