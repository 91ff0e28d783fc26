package dev.firewatch.incident;

import java.time.Instant;

/** An incident as the API shows it (DESIGN §3.1). */
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
        String url) {}
