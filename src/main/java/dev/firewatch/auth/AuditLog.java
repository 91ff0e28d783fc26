package dev.firewatch.auth;

import dev.firewatch.store.Ids;
import dev.firewatch.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** Every change, with who, what, when and from where. Written in the same transaction as the change. */
public final class AuditLog {
    public record Entry(
            String id, Instant at, String actor, String action, String target, String detail, String address) {}

    private final Store store;
    private final Ids ids;
    private final Clock clock;

    public AuditLog(Store store, Ids ids, Clock clock) {
        this.store = store;
        this.ids = ids;
        this.clock = clock;
    }

    /** Records an entry inside the caller's transaction, so the change and its record commit together. */
    public void record(Handle tx, Actor actor, String action, String target, String detail) {
        tx.createUpdate("INSERT INTO auth_audit (id, at, actor, action, target, detail, address)"
                        + " VALUES (:id, :at, :actor, :action, :target, :detail, :address)")
                .bind("id", ids.next())
                .bind("at", clock.millis())
                .bind("actor", actor.name())
                .bind("action", action)
                .bind("target", target)
                .bind("detail", detail)
                .bind("address", actor.address())
                .execute();
    }

    /** Records an entry in a transaction of its own, for events that change nothing else (a failed login). */
    public void record(Actor actor, String action, String target, String detail) {
        store.write(tx -> {
            record(tx, actor, action, target, detail);
            return null;
        });
    }

    /** Newest first; {@code before} is the id of the last entry of the previous page, or null. */
    public List<Entry> page(String before, int limit) {
        // Two statements rather than "(:before IS NULL OR ...)", which PostgreSQL cannot type for a null.
        String where = before == null ? "" : " WHERE id < :before";
        return store.read(h -> {
            var query = h.createQuery("SELECT id, at, actor, action, target, detail, address FROM auth_audit" + where
                            + " ORDER BY id DESC LIMIT :limit")
                    .bind("limit", limit);
            if (before != null) {
                query.bind("before", before);
            }
            return query.map((rs, ctx) -> new Entry(
                            rs.getString("id"),
                            Instant.ofEpochMilli(rs.getLong("at")),
                            rs.getString("actor"),
                            rs.getString("action"),
                            rs.getString("target"),
                            rs.getString("detail"),
                            rs.getString("address")))
                    .list();
        });
    }
}
