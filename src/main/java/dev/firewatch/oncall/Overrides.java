package dev.firewatch.oncall;

import dev.firewatch.auth.Actor;
import dev.firewatch.auth.AuditLog;
import dev.firewatch.store.Ids;
import dev.firewatch.store.Store;
import dev.firewatch.store.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Overrides as stored: made and removed by people, read whenever a schedule is asked who is on call. */
final class Overrides {
    private static final String COLUMNS = "id, schedule, user_name, starts_at, ends_at, reason, created_by, created_at";

    private final Store store;
    private final Ids ids;
    private final Clock clock;
    private final AuditLog audit;

    Overrides(Store store, Ids ids, Clock clock, AuditLog audit) {
        this.store = store;
        this.ids = ids;
        this.clock = clock;
        this.audit = audit;
    }

    /** Stores an override that {@link Schedules} has checked, with its audit entry in the same transaction. */
    ScheduleOverride create(Actor actor, String schedule, String user, Instant start, Instant end, String reason) {
        var override =
                new ScheduleOverride(ids.next(), schedule, user, start, end, reason, actor.name(), clock.instant());
        store.write(tx -> {
            tx.createUpdate("INSERT INTO oncall_override (" + COLUMNS + ") VALUES (:id, :schedule, :user, :starts,"
                            + " :ends, :reason, :by, :at)")
                    .bind("id", override.id())
                    .bind("schedule", schedule)
                    .bind("user", user)
                    .bind("starts", start.toEpochMilli())
                    .bind("ends", end.toEpochMilli())
                    .bind("reason", reason)
                    .bind("by", override.createdBy())
                    .bind("at", override.createdAt().toEpochMilli())
                    .execute();
            audit.record(tx, actor, "override.create", override.id(), describe(override));
            return null;
        });
        return override;
    }

    ScheduleOverride remove(Actor actor, String id) {
        return store.write(tx -> {
            var override = find(tx, id).orElseThrow(() -> new NoSuchElementException("no override with id " + id));
            tx.createUpdate("DELETE FROM oncall_override WHERE id = :id")
                    .bind("id", id)
                    .execute();
            audit.record(tx, actor, "override.remove", id, describe(override));
            return override;
        });
    }

    /** One schedule's overrides that end after {@code after}: all that can change who is on call from then on. */
    List<ScheduleOverride> endingAfter(String schedule, Instant after) {
        return store.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM oncall_override WHERE schedule = :schedule"
                        + " AND ends_at > :after ORDER BY starts_at, id")
                .bind("schedule", schedule)
                .bind("after", after.toEpochMilli())
                .map((rs, ctx) -> override(rs))
                .list());
    }

    Optional<ScheduleOverride> find(String id) {
        return store.read(h -> find(h, id));
    }

    private static Optional<ScheduleOverride> find(Handle h, String id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM oncall_override WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> override(rs))
                .findOne();
    }

    private static String describe(ScheduleOverride o) {
        return o.user() + " on call for " + o.schedule() + " from " + o.start() + " to " + o.end();
    }

    private static ScheduleOverride override(ResultSet rs) throws SQLException {
        return new ScheduleOverride(
                rs.getString("id"),
                rs.getString("schedule"),
                rs.getString("user_name"),
                Times.instant(rs, "starts_at"),
                Times.instant(rs, "ends_at"),
                rs.getString("reason"),
                rs.getString("created_by"),
                Times.instant(rs, "created_at"));
    }
}
