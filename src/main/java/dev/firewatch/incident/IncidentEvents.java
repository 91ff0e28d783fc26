package dev.firewatch.incident;

import dev.firewatch.store.Ids;
import dev.firewatch.store.Statements;
import dev.firewatch.store.Times;
import dev.firewatch.store.Vendor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The rows of the incident bus: written beside each change, read by listeners after their cursor. */
final class IncidentEvents {
    private static final String EVENT_COLUMNS =
            "id, incident_id, number, kind, at, actor, service, title, severity, previous";
    /** The advisory lock key publishers take turns under on PostgreSQL ("fwincevt" in ASCII). */
    private static final long PUBLISH_LOCK = 0x6677696E63657674L;

    private final Ids ids;
    private final Vendor vendor;

    IncidentEvents(Ids ids, Vendor vendor) {
        this.ids = ids;
        this.vendor = vendor;
    }

    /**
     * Writes the event in the caller's transaction. Listeners read by id, so ids must follow commit order: on
     * SQLite the one writer connection sees to that; on PostgreSQL, where the alert stages and people's
     * actions commit on different connections (and nodes), a transaction takes its turn under an advisory
     * lock before its first event and makes ids after the newest event anyone committed.
     */
    void publish(Statements sql, IncidentEvent event) {
        if (vendor == Vendor.POSTGRESQL && sql.firstTime("incident-event-turn")) {
            // Two statements, so the read sees what the lock's previous holder committed; sent in one round trip.
            sql.both(
                            new Statements.Query<>(
                                    "SELECT 1 FROM (SELECT pg_advisory_xact_lock(?)) AS turn", rs -> 1, PUBLISH_LOCK),
                            new Statements.Query<>(
                                    "SELECT id FROM incident_event ORDER BY id DESC LIMIT 1", rs -> rs.getString(1)))
                    .second()
                    .forEach(ids::notBefore);
        }
        Columns columns =
                switch (event) {
                    case IncidentEvent.Opened e ->
                        new Columns("opened", null, e.service(), e.title(), e.severity(), null);
                    case IncidentEvent.Acknowledged e -> Columns.byActor("acknowledged", e.actor());
                    case IncidentEvent.Resolved e -> Columns.byActor("resolved", e.actor());
                    case IncidentEvent.Reopened e -> Columns.byActor("reopened", e.actor());
                    case IncidentEvent.SeverityChanged e ->
                        new Columns("severity", e.actor(), null, null, e.to(), e.from());
                    case IncidentEvent.EscalationRequested e -> Columns.byActor("escalate", e.actor());
                    // previous holds what the kind needs beyond the actor: the snooze's end, the new assignee
                    case IncidentEvent.Snoozed e ->
                        new Columns(
                                "snoozed",
                                e.actor(),
                                null,
                                null,
                                null,
                                Long.toString(e.until().toEpochMilli()));
                    case IncidentEvent.Reassigned e -> new Columns("reassigned", e.actor(), null, null, null, e.to());
                };
        // Queued, so a batch of alerts sends its events together; after() and newest() send them before reading.
        sql.later(
                "INSERT INTO incident_event (id, incident_id, number, kind, at, actor, service, title, severity,"
                        + " previous) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                ids.next(),
                event.incidentId(),
                event.number(),
                columns.kind(),
                event.at().toEpochMilli(),
                columns.actor(),
                columns.service(),
                columns.title(),
                columns.severity(),
                columns.previous());
    }

    /** What an event stores beyond its incident, number and time; {@link #event} reads them back. */
    private record Columns(String kind, String actor, String service, String title, String severity, String previous) {
        static Columns byActor(String kind, String actor) {
            return new Columns(kind, actor, null, null, null, null);
        }
    }

    /** An event and the id that orders it. */
    record Published(String id, IncidentEvent event) {}

    List<Published> after(Statements sql, String position, int limit) {
        sql.flush();
        return sql.list(
                "SELECT " + EVENT_COLUMNS + " FROM incident_event WHERE id > ? ORDER BY id LIMIT ?",
                rs -> new Published(rs.getString("id"), event(rs)),
                position,
                limit);
    }

    /**
     * A listener's cursor, and the events after it, read together (one round trip on PostgreSQL): the second
     * statement finds the position itself, after the first has read it, locked with {@code lock} if given.
     *
     * @param lock appended to the cursor's read: {@code ""}, or a row lock clause such as
     *     {@code " FOR UPDATE SKIP LOCKED"}
     * @return empty when the cursor is missing, or another transaction holds it ({@code SKIP LOCKED})
     */
    Optional<List<Published>> afterCursor(Statements sql, String listener, String lock, int limit) {
        sql.flush();
        Statements.Both<String, Published> read = sql.both(
                new Statements.Query<>(
                        "SELECT position FROM incident_event_cursor WHERE listener = ?" + lock,
                        rs -> rs.getString(1),
                        listener),
                new Statements.Query<>(
                        "SELECT " + EVENT_COLUMNS + " FROM incident_event WHERE id >"
                                + " (SELECT position FROM incident_event_cursor WHERE listener = ?) ORDER BY id LIMIT ?",
                        rs -> new Published(rs.getString("id"), event(rs)),
                        listener,
                        limit));
        // The second read finds the position unlocked: it counts only when the first found and locked the cursor.
        return read.first().isEmpty() ? Optional.empty() : Optional.of(read.second());
    }

    /** The newest event's id, where a new listener starts: it hears what happens from now on, not history. */
    String newest(Statements sql) {
        sql.flush();
        return sql.first("SELECT id FROM incident_event ORDER BY id DESC LIMIT 1", rs -> rs.getString(1))
                .orElse("");
    }

    private static IncidentEvent event(ResultSet rs) throws SQLException {
        String incident = rs.getString("incident_id");
        long number = rs.getLong("number");
        var at = Times.instant(rs, "at");
        String actor = rs.getString("actor");
        return switch (rs.getString("kind")) {
            case "opened" ->
                new IncidentEvent.Opened(
                        incident, number, rs.getString("service"), rs.getString("title"), rs.getString("severity"), at);
            case "acknowledged" -> new IncidentEvent.Acknowledged(incident, number, actor, at);
            case "resolved" -> new IncidentEvent.Resolved(incident, number, actor, at);
            case "reopened" -> new IncidentEvent.Reopened(incident, number, actor, at);
            case "severity" ->
                new IncidentEvent.SeverityChanged(
                        incident, number, rs.getString("previous"), rs.getString("severity"), actor, at);
            case "escalate" -> new IncidentEvent.EscalationRequested(incident, number, actor, at);
            case "snoozed" ->
                new IncidentEvent.Snoozed(
                        incident,
                        number,
                        actor,
                        java.time.Instant.ofEpochMilli(Long.parseLong(rs.getString("previous"))),
                        at);
            case "reassigned" -> new IncidentEvent.Reassigned(incident, number, actor, rs.getString("previous"), at);
            default -> throw new IllegalStateException("unknown incident event kind " + rs.getString("kind"));
        };
    }
}
