package dev.firewatch.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firewatch.store.Ids;
import dev.firewatch.store.Store;
import dev.firewatch.store.Times;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Recent changes per service: what was deployed just before things broke is the first question at 3 a.m. */
public final class Changes {
    /** A change as pages and the API show it. */
    public record Change(String id, String service, Instant at, String summary, String source) {}

    private final Store store;
    private final Ids ids;
    private final ObjectMapper json = new ObjectMapper();

    public Changes(Store store, Ids ids) {
        this.store = store;
        this.ids = ids;
    }

    /** Stores a change; committed before the sender hears 202. */
    public void record(String service, ChangeEvent change, Instant receivedAt) {
        Instant at = change.timestamp() != null ? change.timestamp() : receivedAt;
        store.write(tx -> tx.createUpdate("INSERT INTO intake_change (id, service, at, summary, source, details)"
                        + " VALUES (:id, :service, :at, :summary, :source, :details)")
                .bind("id", ids.next())
                .bind("service", service)
                .bind("at", at.toEpochMilli())
                .bind("summary", change.summary())
                .bind("source", change.source())
                .bind("details", write(change.details()))
                .execute());
    }

    /** The newest changes on a service from {@code since} up to {@code until}. */
    public List<Change> between(String service, Instant since, Instant until, int limit) {
        return store.read(h -> h.createQuery("SELECT id, service, at, summary, source FROM intake_change"
                        + " WHERE service = :service AND at >= :since AND at <= :until ORDER BY at DESC LIMIT :limit")
                .bind("service", service)
                .bind("since", since.toEpochMilli())
                .bind("until", until.toEpochMilli())
                .bind("limit", limit)
                .map((rs, ctx) -> new Change(
                        rs.getString("id"),
                        rs.getString("service"),
                        Times.instant(rs, "at"),
                        rs.getString("summary"),
                        rs.getString("source")))
                .list());
    }

    private String write(Map<String, Object> details) {
        try {
            return json.writeValueAsString(details == null ? Map.of() : details);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot store change details: " + e.getOriginalMessage(), e);
        }
    }
}
