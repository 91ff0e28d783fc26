package dev.firewatch.alert;

import java.time.Instant;
import java.util.Map;

/**
 * One alert identity on one service, as stored and as the API shows it (DESIGN §3.1).
 *
 * @param dedupKey the sender's dedup key, or the fingerprint of the labels when the sender gave none
 * @param suppressedBy the silence, inhibition, maintenance window or dependency that holds it, or null
 */
public record Alert(
        String id,
        String service,
        String dedupKey,
        AlertState state,
        String summary,
        Severity severity,
        Map<String, String> labels,
        Map<String, String> annotations,
        long count,
        Instant firstSeenAt,
        Instant lastSeenAt,
        Instant resolvedAt,
        String incidentId,
        String suppressedBy) {}
