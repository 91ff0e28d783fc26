package dev.firewatch.paging;

import dev.firewatch.escalation.Urgency;
import dev.firewatch.store.Statements;
import dev.firewatch.store.Times;
import dev.firewatch.store.Vendor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The SQL of paging's two tables: escalations in progress, and who each incident paged. */
final class Escalations {
    private static final String COLUMNS = "incident_id, incident_number, service, policy, level, next_step, round,"
            + " pages, due_at, snooze_end, opened_at";

    /** Someone (a person or a channel) an incident paged. */
    record Responder(Kind kind, String name) {
        enum Kind {
            USER,
            CHANNEL
        }
    }

    private final Vendor vendor;

    Escalations(Vendor vendor) {
        this.vendor = vendor;
    }

    void start(Statements sql, EscalationRow row) {
        insert(sql, row, row.nextStep(), row.round(), row.pages(), row.dueAt(), row.snoozeEnd());
    }

    /**
     * {@link #start} of {@code row} and {@link #advance} from it, in one insert; false, writing nothing, when the
     * incident already has a row.
     */
    boolean startAt(Statements sql, EscalationRow row, int nextStep, int round, Instant dueAt) {
        return insert(sql, row, nextStep, round, row.pages() + 1, dueAt, false) > 0;
    }

    /** The incident's row, with its place in the policy as given; nothing when it has one already. */
    private static int insert(
            Statements sql, EscalationRow row, int nextStep, int round, int pages, Instant dueAt, boolean snoozeEnd) {
        return sql.update(
                "INSERT INTO paging_escalation (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (incident_id) DO NOTHING",
                row.incidentId(),
                row.incidentNumber(),
                row.service(),
                row.policy(),
                row.level().name(),
                nextStep,
                round,
                pages,
                Times.millisOrNull(dueAt),
                snoozeEnd ? 1 : 0,
                row.openedAt().toEpochMilli());
    }

    Optional<EscalationRow> find(Statements sql, String incidentId) {
        return sql.first(
                "SELECT " + COLUMNS + " FROM paging_escalation WHERE incident_id = ?", Escalations::row, incidentId);
    }

    /**
     * Escalations whose next page is due, oldest first, locked for this transaction; on PostgreSQL rows another
     * node is paging are skipped, not waited for.
     */
    List<EscalationRow> due(Statements sql, Instant now, int limit) {
        String lock = vendor == Vendor.POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : "";
        return sql.list(
                "SELECT " + COLUMNS + " FROM paging_escalation WHERE due_at IS NOT NULL AND due_at <= ?"
                        + " ORDER BY due_at LIMIT ?" + lock,
                Escalations::row,
                now.toEpochMilli(),
                limit);
    }

    /** The next page's time, for the scheduler to know whether anything is overdue. */
    Optional<Instant> nextDue(Statements sql) {
        return sql.first(
                "SELECT due_at FROM paging_escalation WHERE due_at IS NOT NULL ORDER BY due_at LIMIT 1",
                rs -> Instant.ofEpochMilli(rs.getLong(1)));
    }

    /** Moves to the next page; guarded by the page count, so two writers cannot both advance one escalation. */
    boolean advance(Statements sql, EscalationRow from, int nextStep, int round, Instant dueAt) {
        return sql.update(
                        "UPDATE paging_escalation SET next_step = ?, round = ?, pages = ?, due_at = ?, snooze_end = 0"
                                + " WHERE incident_id = ? AND pages = ?",
                        nextStep,
                        round,
                        from.pages() + 1,
                        Times.millisOrNull(dueAt),
                        from.incidentId(),
                        from.pages())
                > 0;
    }

    /** Nothing more pages until someone escalates, the incident reopens or a snooze runs out. */
    void stop(Statements sql, String incidentId) {
        sql.update("UPDATE paging_escalation SET due_at = NULL, snooze_end = 0 WHERE incident_id = ?", incidentId);
    }

    /** The next page is {@code step} of {@code round}, at {@code at}. */
    void schedule(Statements sql, String incidentId, int step, int round, Instant at, boolean snoozeEnd) {
        sql.update(
                "UPDATE paging_escalation SET next_step = ?, round = ?, due_at = ?, snooze_end = ? WHERE incident_id = ?",
                step,
                round,
                at.toEpochMilli(),
                snoozeEnd ? 1 : 0,
                incidentId);
    }

    void paged(Statements sql, String incidentId, Responder responder, Instant at) {
        // Queued with the transaction's other writes of its kind; responders() sends them before it reads.
        sql.later(
                "INSERT INTO paging_responder (incident_id, kind, name, paged_at) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (incident_id, kind, name) DO NOTHING",
                incidentId,
                responder.kind().name(),
                responder.name(),
                at.toEpochMilli());
    }

    List<Responder> responders(Statements sql, String incidentId) {
        sql.flush();
        return sql.list(
                "SELECT kind, name FROM paging_responder WHERE incident_id = ? ORDER BY paged_at, name",
                rs -> new Responder(Responder.Kind.valueOf(rs.getString(1)), rs.getString(2)),
                incidentId);
    }

    private static EscalationRow row(ResultSet rs) throws SQLException {
        return new EscalationRow(
                rs.getString("incident_id"),
                rs.getLong("incident_number"),
                rs.getString("service"),
                rs.getString("policy"),
                Urgency.Level.valueOf(rs.getString("level")),
                rs.getInt("next_step"),
                rs.getInt("round"),
                rs.getInt("pages"),
                Times.instantOrNull(rs, "due_at"),
                rs.getInt("snooze_end") == 1,
                Times.instant(rs, "opened_at"));
    }
}
