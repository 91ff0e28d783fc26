package dev.firewatch.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firewatch.alert.AlertPages;
import dev.firewatch.alert.Severity;
import dev.firewatch.store.Ids;
import dev.firewatch.store.Store;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SequencedSet;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Storm digests ({@code intake_digest}): the events admission folded, counted per service, severity and minute,
 * with the first few summaries as samples. Counting a batch is one upsert per digest it touches, in the
 * consumer's transaction, which is what lets a storm's backlog drain in seconds.
 */
public final class Digests {
    /** Sample summaries kept per digest row: enough to see what a storm is about. */
    static final int SAMPLES = 3;

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
    private static final String COLUMNS = "id, service, severity, minute, events, first_at, last_at, samples";

    private final Store store;
    private final Ids ids;
    private final ObjectMapper json = new ObjectMapper();

    public Digests(Store store, Ids ids) {
        this.store = store;
        this.ids = ids;
    }

    /** What a batch adds to one digest row. */
    private record Window(String service, Severity severity, Instant minute) {}

    private static final class Tally {
        long events;
        Instant firstAt;
        Instant lastAt;
        final SequencedSet<String> samples = new LinkedHashSet<>();
    }

    /** The folded rows whose summaries become samples: the first few of each digest in the batch. */
    List<String> toSample(List<JournalRow> folded) {
        Map<Window, Integer> seen = new HashMap<>();
        List<String> chosen = new ArrayList<>();
        for (JournalRow row : folded) {
            if (seen.merge(window(row), 1, Integer::sum) <= SAMPLES) {
                chosen.add(row.id());
            }
        }
        return chosen;
    }

    /**
     * Counts folded journal rows into their digests, inside the consumer's transaction.
     *
     * @param samples the summaries of the rows {@link #toSample} chose, by journal id
     */
    void fold(Handle tx, List<JournalRow> folded, Map<String, String> samples) {
        Map<Window, Tally> tallies = new LinkedHashMap<>();
        for (JournalRow row : folded) {
            Instant at = row.receivedAt();
            Tally tally = tallies.computeIfAbsent(window(row), w -> new Tally());
            tally.events++;
            tally.firstAt = tally.firstAt == null || at.isBefore(tally.firstAt) ? at : tally.firstAt;
            tally.lastAt = tally.lastAt == null || at.isAfter(tally.lastAt) ? at : tally.lastAt;
            String sample = samples.get(row.id());
            if (sample != null) {
                tally.samples.add(sample);
            }
        }
        if (tallies.isEmpty()) {
            return;
        }
        // The samples are the first of the minute's: a later batch only adds to the count and the times.
        PreparedBatch upsert = tx.prepareBatch("""
                INSERT INTO intake_digest (id, service, severity, minute, events, first_at, last_at, samples)
                VALUES (:id, :service, :severity, :minute, :events, :first, :last, :samples)
                ON CONFLICT (service, severity, minute) DO UPDATE SET
                    events = intake_digest.events + excluded.events,
                    first_at = CASE WHEN excluded.first_at < intake_digest.first_at
                        THEN excluded.first_at ELSE intake_digest.first_at END,
                    last_at = CASE WHEN excluded.last_at > intake_digest.last_at
                        THEN excluded.last_at ELSE intake_digest.last_at END""");
        tallies.forEach((window, tally) -> upsert.bind("id", ids.next())
                .bind("service", window.service())
                .bind("severity", window.severity().wireName())
                .bind("minute", window.minute().toEpochMilli())
                .bind("events", tally.events)
                .bind("first", tally.firstAt.toEpochMilli())
                .bind("last", tally.lastAt.toEpochMilli())
                .bind("samples", write(List.copyOf(tally.samples)))
                .add());
        upsert.execute();
    }

    /** Newest first, optionally of one service; pages continue before {@code cursor} (a digest id). */
    public List<Digest> list(String service, String cursor, int limit) {
        String where = (service == null ? "" : " AND service = :service") + (cursor == null ? "" : " AND id < :cursor");
        return store.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM intake_digest WHERE 1 = 1" + where
                        + " ORDER BY id DESC LIMIT :limit")
                .bind("service", service)
                .bind("cursor", cursor)
                .bind("limit", limit)
                .map(this::digest)
                .list());
    }

    /**
     * One banner per service with events folded since {@code since}, for the alerts page: read from the digests
     * of that time only (by their minute, at most a thousand rows), never by counting alerts or journal rows.
     */
    public List<AlertPages.Storm> storms(Instant since) {
        List<Digest> recent = store.read(h -> h.createQuery("SELECT " + COLUMNS
                        + " FROM intake_digest WHERE minute >= :since ORDER BY minute DESC LIMIT 1000")
                .bind("since", since.truncatedTo(ChronoUnit.MINUTES).toEpochMilli())
                .map(this::digest)
                .list());
        Map<String, List<Digest>> byService = recent.stream()
                .collect(Collectors.groupingBy(Digest::service, LinkedHashMap::new, Collectors.toList()));
        List<AlertPages.Storm> storms = new ArrayList<>();
        byService.forEach((service, digests) -> storms.add(storm(service, digests)));
        return storms;
    }

    /** A service's digests, newest first, as one banner. */
    private static AlertPages.Storm storm(String service, List<Digest> digests) {
        Map<Severity, Long> bySeverity = new EnumMap<>(Severity.class);
        SequencedSet<String> samples = new LinkedHashSet<>();
        for (Digest digest : digests) {
            bySeverity.merge(digest.severity(), digest.events(), Long::sum);
            digest.samples().stream().limit(SAMPLES - samples.size()).forEach(samples::add);
        }
        return new AlertPages.Storm(
                service,
                bySeverity.values().stream().mapToLong(Long::longValue).sum(),
                bySeverity.entrySet().stream()
                        .map(e -> e.getKey().wireName() + " " + String.format(Locale.ROOT, "%,d", e.getValue()))
                        .collect(Collectors.joining(", ")),
                digests.stream().map(Digest::firstAt).min(Instant::compareTo).orElseThrow(),
                digests.stream().map(Digest::lastAt).max(Instant::compareTo).orElseThrow(),
                List.copyOf(samples));
    }

    private static Window window(JournalRow row) {
        return new Window(row.service(), row.folded(), row.receivedAt().truncatedTo(ChronoUnit.MINUTES));
    }

    private Digest digest(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Digest(
                rs.getString("id"),
                rs.getString("service"),
                Severity.parse(rs.getString("severity")).orElseThrow(),
                Instant.ofEpochMilli(rs.getLong("minute")),
                rs.getLong("events"),
                Instant.ofEpochMilli(rs.getLong("first_at")),
                Instant.ofEpochMilli(rs.getLong("last_at")),
                read(rs.getString("samples")));
    }

    private String write(List<String> samples) {
        try {
            return json.writeValueAsString(samples);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write sample summaries: " + e.getOriginalMessage(), e);
        }
    }

    private List<String> read(String samples) {
        try {
            return json.readValue(samples, STRINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a digest's samples cannot be read: " + e.getOriginalMessage(), e);
        }
    }
}
