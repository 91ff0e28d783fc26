package dev.firewatch.intake;

import dev.firewatch.alert.Severity;
import dev.firewatch.alert.Signal;
import dev.firewatch.store.Poller;
import dev.firewatch.store.Statements;
import dev.firewatch.store.Store;
import dev.firewatch.store.Vendor;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds committed journal rows, in order, to the alert stages. The work for a batch and the new cursor
 * commit together, so after a crash the consumer starts exactly where the last commit left it: nothing is
 * processed twice and nothing is lost.
 */
public final class JournalConsumer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JournalConsumer.class);
    private static final String NAME = "alerts";
    /** How many folded rows a batch may hold per row for the alert stages it may hold. */
    private static final int FOLDED_PER_ROW = 8;

    /** What is done with a batch of rows, in order, inside the consumer's transaction. */
    @FunctionalInterface
    public interface Work {
        void process(Handle tx, List<Journal.Entry> entries);
    }

    private final Store store;
    private final Store journal;
    private final Clock clock;
    private final SignalCodec codec;
    private final Work work;
    private final Digests digests;
    private final Backlog backlog;
    private final int batchSize;
    /** Batches that failed whole and were then processed row by row: each is a bug or a bad row to look at. */
    private final Counter split;

    /**
     * Rows handed over by the journal writer after each commit, with the id of the row before them, so a consumer
     * that is caught up takes them from memory instead of reading them back (a round trip on PostgreSQL, on every
     * lone alert's way to its page). The store stays the truth: rows are only taken when they follow the cursor.
     */
    private record Handed(String previous, List<JournalRow> rows) {}

    /** At most this many handed rows wait; past it a consumer that is behind reads from the store anyway. */
    private static final int HANDED_LIMIT = 4_096;

    private final ConcurrentLinkedQueue<Handed> handed = new ConcurrentLinkedQueue<>();
    private final AtomicInteger handedRows = new AtomicInteger();
    /** Handed rows the consumer thread has taken off the queue but not yet into a batch (a batch's remainder). */
    private Handed taken;

    private final Poller poller = new Poller("journal-consumer", Duration.ofMillis(250), this::step);
    private volatile String position;
    /** Every signal received before this was processed; null until the first drain. */
    private volatile Instant processedThrough;

    /**
     * @param store where the work and the cursor commit, together
     * @param journal where the journal rows are read: on SQLite a file of its own, else the same store
     * @param digests where folded rows are counted instead of going to {@code work}
     * @param backlog told how many rows each commit took off the backlog
     * @param registry where {@code firewatch_intake_batches_split_total} counts batches processed row by row
     */
    public JournalConsumer(
            Store store,
            Store journal,
            Clock clock,
            SignalCodec codec,
            Work work,
            Digests digests,
            Backlog backlog,
            int batchSize,
            MeterRegistry registry) {
        this.store = store;
        this.journal = journal;
        this.clock = clock;
        this.codec = codec;
        this.work = work;
        this.digests = digests;
        this.backlog = backlog;
        this.batchSize = batchSize;
        this.split = Counter.builder("firewatch.intake.batches.split")
                .description("Journal batches that failed as a whole and were processed row by row")
                .register(registry);
    }

    /** Starts consuming; call once the schema is in place. */
    public void start() {
        poller.start();
    }

    /** Called by the journal after each commit, so new rows are handled at once rather than on the next poll. */
    public void wake() {
        poller.wake();
    }

    /**
     * The rows of one journal commit, as they are stored, in id order, on the writer's thread in commit order.
     *
     * @param previous the id of the newest row before them, or {@code ""} when there was none
     */
    void handed(String previous, List<JournalRow> rows) {
        if (handedRows.get() + rows.size() > HANDED_LIMIT) {
            return; // far behind: it reads from the store, and takes handed rows again once it has caught up
        }
        handedRows.addAndGet(rows.size());
        handed.add(new Handed(previous, rows));
    }

    /**
     * The next batch from the handed rows when they follow {@code after}, else empty (the caller reads the store).
     * Handed rows that do not follow it are dropped: already processed from the store, or after a gap the store
     * read fills. Bounded like {@link #read}.
     */
    private List<JournalRow> fromHand(String after) {
        List<JournalRow> rows = new ArrayList<>();
        int forAlertStages = 0;
        int limit = batchSize * FOLDED_PER_ROW;
        while (true) {
            if (taken == null) {
                taken = handed.poll();
                if (taken == null) {
                    return rows;
                }
                handedRows.addAndGet(-taken.rows().size());
            }
            String follows = rows.isEmpty() ? after : rows.getLast().id();
            if (!taken.previous().equals(follows)) {
                if (!rows.isEmpty()) {
                    return rows;
                }
                taken = null;
                continue;
            }
            List<JournalRow> batch = taken.rows();
            taken = null;
            for (int i = 0; i < batch.size(); i++) {
                JournalRow row = batch.get(i);
                if (rows.size() == limit || (!row.isFolded() && forAlertStages == batchSize)) {
                    // The rest waits for the next batch, still chained to the last row taken.
                    taken = new Handed(rows.getLast().id(), batch.subList(i, batch.size()));
                    return rows;
                }
                forAlertStages += row.isFolded() ? 0 : 1;
                rows.add(row);
            }
        }
    }

    private void step() {
        if (position == null) {
            // The row exists before anyone consumes, so nodes sharing a PostgreSQL database can lock it (claim).
            position = store.write(h -> {
                h.createUpdate("INSERT INTO intake_cursor (consumer, position) VALUES (:c, '')"
                                + " ON CONFLICT (consumer) DO NOTHING")
                        .bind("c", NAME)
                        .execute();
                return h.createQuery("SELECT position FROM intake_cursor WHERE consumer = :c")
                        .bind("c", NAME)
                        .mapTo(String.class)
                        .one();
            });
        }
        drain();
    }

    /** Processes everything committed so far. */
    void drain() {
        while (poller.running()) {
            // Taken before the read: a row committed after the read began has a later receive time.
            Instant readAt = clock.instant();
            Backlog.Mark committed = backlog.mark();
            List<JournalRow> rows = fromHand(position);
            if (rows.isEmpty()) {
                rows = read(position);
            }
            if (rows.isEmpty()) {
                processedThrough = readAt;
                backlog.caughtUp(committed);
                return;
            }
            try {
                if (!commit(rows)) {
                    continue; // another node processed these rows; go on from where it left the cursor
                }
            } catch (RuntimeException batchFailed) {
                // One bad row must not stop every alert behind it: go one by one, and set aside the row
                // that fails on its own, where an operator sees it. Counted and logged, since a batch that
                // fails while each of its rows succeeds alone is a bug in how a batch is processed.
                split.increment();
                log.warn(
                        "a journal batch of {} rows failed ({}); processing its rows one by one",
                        rows.size(),
                        batchFailed.getMessage());
                for (JournalRow row : rows) {
                    processAlone(row);
                }
            }
        }
    }

    /** A row on its own, tried a few times so a passing fault (a lock timeout) does not set it aside. */
    private void processAlone(JournalRow entry) {
        for (int attempt = 1; ; attempt++) {
            try {
                commit(List.of(entry)); // done, by us or by another node
                return;
            } catch (RuntimeException failed) {
                if (attempt == 3) {
                    log.error(
                            "journal row {} for service {} could not be processed; set aside in intake_failed",
                            entry.id(),
                            entry.service(),
                            failed);
                    setAside(entry, failed);
                    return;
                }
                try {
                    Thread.sleep(500L * attempt);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Processes the rows and moves the cursor past them, in one transaction; false when another node had. */
    private boolean commit(List<JournalRow> rows) {
        String last = rows.getLast().id();
        // Folded rows skip the alert stages and only count into their digests (an upsert per service, severity
        // and minute), so a storm's backlog drains fast and the critical events queued behind it are reached.
        Map<Boolean, List<JournalRow>> byFold = rows.stream().collect(Collectors.partitioningBy(JournalRow::isFolded));
        List<JournalRow> folded = byFold.get(true);
        Map<String, String> samples = summaries(digests.toSample(folded));
        List<Journal.Entry> entries = byFold.get(false).stream()
                .map(row ->
                        new Journal.Entry(row.id(), row.receivedAt(), row.service(), codec.decode(row.signal()), false))
                .toList();
        // Synced, though the rows stay in the journal and the cursor moves in this same transaction: the work may
        // queue pages (the incident bus delivers inside it) that leave straight after this commit.
        boolean done = store.write(tx -> {
            // On PostgreSQL the cursor is claimed and moved in one statement first; on SQLite, with its one writer,
            // there is nothing to claim and it is moved last.
            boolean postgres = store.vendor() == Vendor.POSTGRESQL;
            if (postgres && !claimTo(tx, last)) {
                return false;
            }
            digests.fold(tx, folded, samples);
            work.process(tx, entries);
            if (!postgres) {
                advance(tx, last);
            }
            return true;
        });
        if (done) {
            position = last;
            processedThrough = rows.getLast().receivedAt();
            backlog.processed(rows.size(), entries.size());
        }
        return done;
    }

    /**
     * On PostgreSQL several nodes may share the journal, each with a consumer. The cursor row, locked until
     * the transaction ends, makes them take turns, and says whether this node's rows are still the next ones:
     * when another node got further meanwhile, this batch is dropped and reading resumes from there. On
     * SQLite there is one process and one writer, so there is nothing to claim.
     */
    private boolean claim(Handle tx) {
        if (store.vendor() != Vendor.POSTGRESQL) {
            return true;
        }
        String current = tx.createQuery("SELECT position FROM intake_cursor WHERE consumer = :c FOR UPDATE")
                .bind("c", NAME)
                .mapTo(String.class)
                .one();
        if (current.equals(position)) {
            return true;
        }
        position = current;
        return false;
    }

    /**
     * {@link #claim} and {@link #advance} in one statement, for PostgreSQL, where each is a round trip: the update
     * locks the cursor row and moves it to {@code to} only while it still stands where this node read from. Rolled
     * back with the work if the work fails. When another node got further, the cursor is read (locked, as the
     * update left it) and this batch is dropped.
     */
    private boolean claimTo(Handle tx, String to) {
        try (Statements sql = Statements.over(tx)) {
            if (sql.update(
                            "UPDATE intake_cursor SET position = ? WHERE consumer = ? AND position = ?",
                            to,
                            NAME,
                            position)
                    == 1) {
                return true;
            }
        }
        claim(tx); // reads where the other node left the cursor, for the next read
        return false;
    }

    /**
     * How far the alert stages have seen: every signal received before this instant has been processed. A
     * repeat still waiting in the journal has not yet refreshed its alert, so timeouts measured against now
     * would resolve alerts that are still repeating behind a backlog; measured against this, they do not.
     */
    public Optional<Instant> processedThrough() {
        return Optional.ofNullable(processedThrough);
    }

    private void setAside(JournalRow entry, RuntimeException failure) {
        store.write(tx -> {
            if (!claim(tx)) {
                return null;
            }
            tx.createUpdate("INSERT INTO intake_failed (journal_id, failed_at, error) VALUES (:id, :at, :error)"
                            + " ON CONFLICT (journal_id) DO NOTHING")
                    .bind("id", entry.id())
                    .bind("at", clock.millis())
                    .bind("error", String.valueOf(failure.getMessage()))
                    .execute();
            advance(tx, entry.id());
            position = entry.id();
            backlog.processed(1, entry.isFolded() ? 0 : 1);
            return null;
        });
    }

    private static void advance(Handle tx, String to) {
        try (Statements sql = Statements.over(tx)) {
            sql.update(
                    "INSERT INTO intake_cursor (consumer, position) VALUES (?, ?)"
                            + " ON CONFLICT (consumer) DO UPDATE SET position = excluded.position",
                    NAME,
                    to);
        }
    }

    /**
     * The next batch: at most {@code batchSize} rows for the alert stages, and while folded rows wait, the folded
     * rows between them, up to {@link #FOLDED_PER_ROW} times as many. A folded row costs a few microseconds, so in a
     * storm the commit (a sync to disk) would dominate if batches stayed small. Folded rows come without their
     * signal, which only a few samples need.
     */
    private List<JournalRow> read(String after) {
        int limit = backlog.forDigests() > 0 ? batchSize * FOLDED_PER_ROW : batchSize;
        // Plain JDBC, not a JDBI query: this runs for every batch, and a batch is often one row.
        List<JournalRow> rows = journal.read(h -> {
            try (Statements sql = Statements.over(h)) {
                return sql.list(
                        "SELECT id, received_at, service, folded, CASE WHEN folded IS NULL THEN signal END AS signal"
                                + " FROM intake_journal WHERE id > ? ORDER BY id LIMIT ?",
                        rs -> new JournalRow(
                                rs.getString(1),
                                Instant.ofEpochMilli(rs.getLong(2)),
                                rs.getString(3),
                                rs.getString(4) == null
                                        ? null
                                        : Severity.parse(rs.getString(4)).orElseThrow(),
                                rs.getString(5)),
                        after,
                        limit);
            }
        });
        int forAlertStages = 0;
        for (int i = 0; i < rows.size(); i++) {
            if (!rows.get(i).isFolded() && ++forAlertStages > batchSize) {
                return rows.subList(0, i);
            }
        }
        return rows;
    }

    /** The summaries of the folded rows chosen as samples, by journal id. */
    private Map<String, String> summaries(List<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return journal.read(h -> h
                .createQuery("SELECT id, signal FROM intake_journal WHERE id IN (<ids>)")
                .bindList("ids", ids)
                .map((rs, ctx) -> Map.entry(rs.getString("id"), codec.decode(rs.getString("signal"))))
                .list()
                .stream()
                .filter(e -> e.getValue() instanceof Signal.Trigger)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> ((Signal.Trigger) e.getValue()).summary())));
    }

    @Override
    public void close() {
        poller.close();
    }
}
