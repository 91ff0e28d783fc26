package dev.firewatch.incident;

import java.time.Instant;

/**
 * An incident as the API shows it (DESIGN §3.1).
 *
 * @param snoozedUntil when an acknowledged incident's snooze ends and paging pages again; null when it is not
 *     snoozed (never was, moved since, or the snooze is over)
 */
public record Incident(
        String id,
        long number,
        String title,
        String service,
        String severity,
        IncidentState state,
        Instant createdAt,
        Instant acknowledgedAt,
        Instant resolvedAt,
        long alertCount,
        String url,
        Instant snoozedUntil) {}
