package dev.firewatch.alert.silence;

import dev.firewatch.alert.Matchers;
import dev.firewatch.auth.Actor;
import dev.firewatch.auth.AuditLog;
import dev.firewatch.store.Ids;
import dev.firewatch.store.Statements;
import dev.firewatch.store.Store;
import dev.firewatch.store.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;

/** Silences as stored: made and expired by people, read by the alert stages. */
public final class Silences {
    private static final String COLUMNS = "id, matchers, starts_at, ends_at, created_by, comment";

    /** A silence that could not be made, with every reason at once. */
    public static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient List<String> problems;

        Refused(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = problems;
        }

        public List<String> problems() {
            return problems;
        }
    }

    private final Store store;
    private final Ids ids;
    private final Clock clock;
    private final AuditLog audit;
    /** Matchers parsed once per silence: the text of a silence never changes. */
    private final Map<String, Matchers> parsed = new ConcurrentHashMap<>();

    public Silences(Store store, Ids ids, Clock clock, AuditLog audit) {
        this.store = store;
        this.ids = ids;
        this.clock = clock;
        this.audit = audit;
    }

    public Silence create(Actor actor, String matcherText, Instant startsAt, Instant endsAt, String comment) {
        Matchers matchers =
                switch (Matchers.parse(matcherText == null ? "" : matcherText)) {
                    case dev.firewatch.alert.Parsed.Ok<Matchers> ok -> ok.value();
                    case dev.firewatch.alert.Parsed.Failed<Matchers> failed ->
                        throw new Refused(
                                List.of("matchers: at column " + (failed.offset() + 1) + ": " + failed.message()));
                };
        Instant start = startsAt != null ? startsAt : clock.instant();
        List<String> problems = new java.util.ArrayList<>(Silence.problems(matchers, start, endsAt));
        if (comment == null || comment.isBlank()) {
            problems.add("say why in a comment, so the next person knows whether it can go");
        }
        if (!problems.isEmpty()) {
            throw new Refused(problems);
        }
        Silence silence = new Silence(ids.next(), matchers, start, endsAt, actor.name(), comment.strip());
        store.write(tx -> {
            tx.createUpdate(
                            "INSERT INTO alert_silence (id, matchers, starts_at, ends_at, created_by, comment, created_at)"
                                    + " VALUES (:id, :matchers, :starts, :ends, :by, :comment, :now)")
                    .bind("id", silence.id())
                    .bind("matchers", matchers.toString())
                    .bind("starts", start.toEpochMilli())
                    .bind("ends", endsAt.toEpochMilli())
                    .bind("by", silence.createdBy())
                    .bind("comment", silence.comment())
                    .bind("now", clock.millis())
                    .execute();
            audit.record(tx, actor, "silence.create", silence.id(), matchers + " until " + endsAt);
            return null;
        });
        return silence;
    }

    public Silence expire(Actor actor, String id) {
        return store.write(tx -> {
            Silence silence = find(tx, id).orElseThrow(() -> new java.util.NoSuchElementException("no silence " + id));
            Silence expired = silence.expiredAt(clock.instant());
            tx.createUpdate("UPDATE alert_silence SET starts_at = :starts, ends_at = :ends WHERE id = :id")
                    .bind("starts", expired.startsAt().toEpochMilli())
                    .bind("ends", expired.endsAt().toEpochMilli())
                    .bind("id", id)
                    .execute();
            audit.record(tx, actor, "silence.expire", id, silence.matchers().toString());
            return expired;
        });
    }

    /**
     * Every silence that has not ended at {@code now}, pending ones included, so the alert stages read them
     * once per batch and ask each one {@link Silence#mutes} at the alert's own time.
     */
    public List<Silence> notEndedAt(Statements tx, Instant now) {
        // The transaction's own statement, not a JDBI query: the alert stages ask this once per batch, and a batch
        // of one (a lone incident on its way to a page) paid more for JDBI's set-up than for the read.
        return tx.list(notEndedAtQuery(now));
    }

    /** {@link #notEndedAt} as a read to send with another ({@link Statements#both}). */
    public Statements.Query<Silence> notEndedAtQuery(Instant now) {
        return new Statements.Query<>(
                "SELECT " + COLUMNS + " FROM alert_silence WHERE ends_at > ?", this::silence, now.toEpochMilli());
    }

    /** Newest first, at most a thousand. */
    public List<Silence> list() {
        return store.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM alert_silence ORDER BY id DESC LIMIT 1000")
                .map((rs, ctx) -> silence(rs))
                .list());
    }

    public Optional<Silence> find(String id) {
        return store.read(h -> find(h, id));
    }

    private Optional<Silence> find(Handle h, String id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM alert_silence WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> silence(rs))
                .findOne();
    }

    private Silence silence(ResultSet rs) throws SQLException {
        String id = rs.getString("id");
        Matchers matchers = parsed.computeIfAbsent(id, k -> {
            try {
                return Matchers.parse(rs.getString("matchers")).orThrow();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        return new Silence(
                id,
                matchers,
                Times.instant(rs, "starts_at"),
                Times.instant(rs, "ends_at"),
                rs.getString("created_by"),
                rs.getString("comment"));
    }
}
