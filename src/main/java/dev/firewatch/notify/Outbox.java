package dev.firewatch.notify;

import dev.firewatch.store.Ids;
import dev.firewatch.store.Statements;
import dev.firewatch.store.Store;
import dev.firewatch.store.Times;
import dev.firewatch.store.Vendor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The notification outbox's rows (DESIGN §4, §6): queued in the transaction of whatever caused them, claimed by
 * {@link OutboxWorker} when due, and finished as sent, dead (a dead letter, visible and counted) or cancelled
 * (made moot by an acknowledgement before its turn).
 */
public final class Outbox {
    /** A notification as the incident page and the dead-letter list show it. */
    public record Sent(
            String id,
            String idempotencyKey,
            String incidentId,
            String event,
            OutboxEntry.RecipientKind kind,
            String recipient,
            String method,
            State state,
            int attempts,
            Instant dueAt,
            Instant createdAt,
            Instant sentAt,
            String detail) {
        public String destination() {
            return OutboxEntry.destination(kind, recipient, method);
        }
    }

    public enum State {
        PENDING,
        SENT,
        DEAD,
        CANCELLED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A row claimed for sending, with the attempt number this send is and when it was queued. */
    record Claimed(String id, OutboxEntry entry, int attempt, Instant queuedAt) {}

    private static final String COLUMNS = "id, idempotency_key, incident_id, event, recipient_kind, recipient, method,"
            + " payload, while_unacked, state, attempts, due_at, created_at, sent_at, detail";

    /**
     * Takes a notification that is due at once straight from the transaction that queued it, claimed in that same
     * transaction: a page leaves after one commit instead of waiting for a claim of its own.
     */
    interface Handoff {
        /** How long a claim holds a row: it is sent again after this if its outcome was never recorded. */
        Duration lease();

        /** Called after the commit that queued and claimed it. */
        void send(Claimed claimed);
    }

    private final Store store;
    private final Ids ids;
    private volatile Handoff handoff;

    public Outbox(Store store, Ids ids) {
        this.store = store;
        this.ids = ids;
    }

    /** From now on, notifications due at once go to {@code handoff} after their commit. */
    void handOffTo(Handoff handoff) {
        this.handoff = handoff;
    }

    /**
     * Queues a notification in the caller's transaction. The same idempotency key twice queues it once: a step
     * handled again after a crash, or by two nodes, pages nobody twice. Returns whether it was new.
     *
     * <p>One due now is claimed here already and handed to the sender once the caller commits, when the commit is
     * synced; after a {@link Store#writeReplayable} commit it waits for the sender's claim, which syncs first.
     */
    public boolean enqueue(Statements sql, OutboxEntry entry, Instant now) {
        Handoff sender = handoff;
        boolean atOnce = sender != null && !entry.dueAt().isAfter(now) && !Store.replayable(sql.handle());
        String id = ids.next();
        boolean queued = sql.update(
                        "INSERT INTO notify_outbox (id, idempotency_key, incident_id, event, recipient_kind, recipient,"
                                + " method, payload, while_unacked, state, attempts, due_at, created_at)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?)"
                                + " ON CONFLICT (idempotency_key) DO NOTHING",
                        id,
                        entry.idempotencyKey(),
                        entry.incidentId(),
                        entry.event(),
                        entry.kind().name(),
                        entry.recipient(),
                        entry.method(),
                        entry.payload(),
                        entry.whileUnacknowledged() ? 1 : 0,
                        atOnce ? 1 : 0,
                        (atOnce ? now.plus(sender.lease()) : entry.dueAt()).toEpochMilli(),
                        now.toEpochMilli())
                > 0;
        if (queued && atOnce) {
            Claimed claimed = new Claimed(id, entry, 1, now);
            dev.firewatch.store.AfterCommit.add(sql.handle(), () -> sender.send(claimed));
        }
        return queued;
    }

    /**
     * Rows whose time has come, oldest first, each pushed {@code lease} into the future and counted as an
     * attempt, in the caller's transaction. Until the lease runs out nobody claims them again; if the process
     * dies mid-send, the lease running out is what sends again. On PostgreSQL, rows another node holds are
     * skipped, not waited for.
     */
    List<Claimed> claim(Statements sql, Instant now, Duration lease, int limit) {
        String lock = store.vendor() == Vendor.POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : "";
        List<Claimed> due = sql.list(
                "SELECT " + COLUMNS + " FROM notify_outbox WHERE state = 'PENDING' AND due_at <= ?"
                        + " ORDER BY due_at LIMIT ?" + lock,
                rs -> new Claimed(
                        rs.getString("id"), entry(rs), rs.getInt("attempts") + 1, Times.instant(rs, "created_at")),
                now.toEpochMilli(),
                limit);
        for (Claimed claimed : due) {
            sql.update(
                    "UPDATE notify_outbox SET attempts = ?, due_at = ? WHERE id = ?",
                    claimed.attempt(),
                    now.plus(lease).toEpochMilli(),
                    claimed.id());
        }
        return due;
    }

    void sent(Statements sql, String id, Instant at, String detail) {
        sql.update(
                "UPDATE notify_outbox SET state = 'SENT', sent_at = ?, detail = ? WHERE id = ?",
                at.toEpochMilli(),
                detail,
                id);
    }

    void retryAt(Statements sql, String id, Instant at, String detail, boolean countAttempt) {
        sql.update(
                "UPDATE notify_outbox SET due_at = ?, detail = ?" + (countAttempt ? "" : ", attempts = attempts - 1")
                        + " WHERE id = ?",
                at.toEpochMilli(),
                detail,
                id);
    }

    void finish(Statements sql, String id, State state, String detail) {
        sql.update("UPDATE notify_outbox SET state = ?, detail = ? WHERE id = ?", state.name(), detail, id);
    }

    void markFallback(Statements sql, String key, String fallbackOf) {
        sql.update("UPDATE notify_outbox SET fallback_of = ? WHERE idempotency_key = ?", fallbackOf, key);
    }

    // --- reading, for pages, the API and health

    /** An incident's notifications, newest first. */
    public List<Sent> ofIncident(String incidentId, int limit) {
        return store.read(h -> h.createQuery("SELECT " + COLUMNS
                        + " FROM notify_outbox WHERE incident_id = :incident ORDER BY id DESC LIMIT :limit")
                .bind("incident", incidentId)
                .bind("limit", limit)
                .map((rs, ctx) -> sent(rs))
                .list());
    }

    /** Dead letters, newest first, below {@code before} when it is set. */
    public List<Sent> dead(String before, int limit) {
        return store.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM notify_outbox WHERE state = 'DEAD'"
                        + (before == null ? "" : " AND id < :before") + " ORDER BY id DESC LIMIT :limit")
                .bindMap(before == null ? java.util.Map.of() : java.util.Map.of("before", before))
                .bind("limit", limit)
                .map((rs, ctx) -> sent(rs))
                .list());
    }

    /** How many dead letters wait for a person, counted up to {@code cap} so the count never scans a table. */
    public int deadCount(int cap) {
        return store.read(h -> h.createQuery(
                        "SELECT COUNT(*) FROM (SELECT 1 FROM notify_outbox WHERE state = 'DEAD' LIMIT :cap) dead")
                .bind("cap", cap)
                .mapTo(Integer.class)
                .one());
    }

    /** The oldest due time of a notification still to send, read from the index. */
    public Optional<Instant> oldestPending() {
        return store.read(h -> h.createQuery(
                        "SELECT due_at FROM notify_outbox WHERE state = 'PENDING'" + " ORDER BY due_at LIMIT 1")
                .mapTo(Long.class)
                .findOne()
                .map(Instant::ofEpochMilli));
    }

    /**
     * A person asked for a dead letter to be tried again: due now, with a fresh count of attempts; {@code audit}
     * records who, in the same transaction.
     */
    public boolean retry(String id, Instant now, java.util.function.Consumer<org.jdbi.v3.core.Handle> audit) {
        return store.write(h -> {
            boolean changed = h.createUpdate("UPDATE notify_outbox SET state = 'PENDING', attempts = 0,"
                                    + " due_at = :now WHERE id = :id AND state = 'DEAD'")
                            .bind("now", now.toEpochMilli())
                            .bind("id", id)
                            .execute()
                    > 0;
            if (changed) {
                audit.accept(h);
            }
            return changed;
        });
    }

    /** A person looked at a dead letter and will handle it themselves: it stops counting; audited likewise. */
    public boolean dismiss(String id, java.util.function.Consumer<org.jdbi.v3.core.Handle> audit) {
        return store.write(h -> {
            boolean changed =
                    h.createUpdate("UPDATE notify_outbox SET state = 'CANCELLED' WHERE id = :id AND state = 'DEAD'")
                                    .bind("id", id)
                                    .execute()
                            > 0;
            if (changed) {
                audit.accept(h);
            }
            return changed;
        });
    }

    private static OutboxEntry entry(ResultSet rs) throws SQLException {
        return new OutboxEntry(
                rs.getString("idempotency_key"),
                rs.getString("incident_id"),
                rs.getString("event"),
                OutboxEntry.RecipientKind.valueOf(rs.getString("recipient_kind")),
                rs.getString("recipient"),
                rs.getString("method"),
                rs.getString("payload"),
                rs.getInt("while_unacked") == 1,
                Times.instant(rs, "due_at"));
    }

    private static Sent sent(ResultSet rs) throws SQLException {
        return new Sent(
                rs.getString("id"),
                rs.getString("idempotency_key"),
                rs.getString("incident_id"),
                rs.getString("event"),
                OutboxEntry.RecipientKind.valueOf(rs.getString("recipient_kind")),
                rs.getString("recipient"),
                rs.getString("method"),
                State.valueOf(rs.getString("state")),
                rs.getInt("attempts"),
                Times.instant(rs, "due_at"),
                Times.instant(rs, "created_at"),
                Times.instantOrNull(rs, "sent_at"),
                rs.getString("detail"));
    }
}
