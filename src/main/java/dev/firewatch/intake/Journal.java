package dev.firewatch.intake;

import dev.firewatch.alert.Signal;
import dev.firewatch.store.Ids;
import dev.firewatch.store.Store;
import dev.firewatch.store.Vendor;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable front door: every accepted signal is appended here, and the sender gets its 2xx only after
 * the commit. One writer thread takes whatever requests are waiting and commits them as one transaction
 * (group commit): SQLite with a full sync manages a few thousand commits a second but over a hundred
 * thousand rows a second in commits of a hundred (DESIGN §9).
 */
public final class Journal implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Journal.class);
    /** The advisory lock key journal commits take turns under on PostgreSQL ("fwjourna" in ASCII). */
    private static final long JOURNAL_LOCK = 0x66776A6F75726E61L;

    /**
     * A committed row.
     *
     * @param folded admission folded it under a storm: it goes into its service's digest, not through the alert
     *     stages
     */
    public record Entry(String id, Instant receivedAt, String service, Signal signal, boolean folded) {}

    /** Signals waiting for the writer, already encoded on the request's own thread. */
    private record Pending(
            String service,
            List<Signal> signals,
            List<String> encoded,
            List<Admission.Decision> decisions,
            CompletableFuture<List<Entry>> done) {}

    private final Store store;
    private final Ids ids;
    private final Clock clock;
    private final SignalCodec codec;
    private final int maxRowsPerCommit;
    private final Consumer<List<Entry>> afterCommit;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean open = true;
    /** Whether ids were moved past the newest row yet; done at the first commit, once the schema exists. */
    private boolean idsSeeded;
    /**
     * The newest row's id as this writer last knew it ({@code ""}: none), handed on with the next commit's rows; null
     * after a commit that failed, which may still have kept its rows, until a commit of its own says again.
     */
    private String newest = "";
    /** Told each commit's rows as stored; null until {@link #handRowsTo}. */
    private volatile JournalConsumer consumer;

    /**
     * @param afterCommit told the rows of each commit, so the backlog is counted without a query and the consumer
     *     wakes at once instead of polling
     */
    public Journal(
            Store store,
            Ids ids,
            Clock clock,
            SignalCodec codec,
            int maxRowsPerCommit,
            Consumer<List<Entry>> afterCommit) {
        this.store = store;
        this.ids = ids;
        this.clock = clock;
        this.codec = codec;
        this.maxRowsPerCommit = maxRowsPerCommit;
        this.afterCommit = afterCommit;
        this.writer = Thread.ofPlatform().name("journal-writer").daemon().start(this::writeLoop);
    }

    /**
     * After each commit, hands its rows to the consumer, which takes them instead of reading them back when it is
     * caught up.
     */
    public void handRowsTo(JournalConsumer consumer) {
        this.consumer = consumer;
    }

    /**
     * Appends the signals and returns once they are committed.
     *
     * @param decisions admission's decision for each signal, in the same order
     * @throws JournalUnavailable when the store failed (nothing was kept) or did not confirm in time (they may
     *     still be kept; a retry with the same dedup key is safe)
     */
    public List<Entry> append(String service, List<Signal> signals, List<Admission.Decision> decisions) {
        if (!open) {
            throw new JournalUnavailable("Firewatch is shutting down", null);
        }
        // Encoding here, on the request's thread, keeps it out of the one transaction every 2xx waits for. Ids
        // are not made here: they must follow commit order, as the consumer reads by id.
        List<String> encoded = signals.stream().map(codec::encode).toList();
        Pending pending = new Pending(service, signals, encoded, decisions, new CompletableFuture<>());
        queue.add(pending);
        try {
            return pending.done().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new JournalUnavailable(
                    "the store did not commit: " + e.getCause().getMessage(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            // Still queued: it may be committed after all, so a retry with the same dedup key is safe.
            throw new JournalUnavailable(
                    "the store did not confirm within 30 s; it may still be stored, so retry with the same dedup key",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JournalUnavailable("interrupted while waiting for the commit", e);
        }
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>();
        while (open || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                int rows = first.signals().size();
                Pending next;
                while (rows < maxRowsPerCommit && (next = queue.poll()) != null) {
                    batch.add(next);
                    rows += next.signals().size();
                }
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void commit(List<Pending> batch) {
        if (!idsSeeded) {
            // One index lookup, not a scan: the consumer reads rows after its cursor in id order, so a new row
            // must never sort before the newest one, even when the clock stepped back across a restart.
            store.read(h -> h.createQuery("SELECT id FROM intake_journal ORDER BY id DESC LIMIT 1")
                            .mapTo(String.class)
                            .findOne())
                    .ifPresent(id -> {
                        ids.notBefore(id);
                        newest = id;
                    });
            idsSeeded = true;
        }
        Instant now = clock.instant();
        List<List<Entry>> entries = new ArrayList<>(batch.size());
        try {
            store.write(tx -> {
                takeTurn(tx);
                insert(tx, batch, now, entries);
                return null;
            });
        } catch (RuntimeException e) {
            log.warn("journal commit of {} requests failed: {}", batch.size(), e.getMessage());
            newest = null;
            batch.forEach(p -> p.done().completeExceptionally(e));
            return;
        }
        List<Entry> committed = entries.stream().flatMap(List::stream).toList();
        handOff(batch, committed, now);
        // Counted before anyone is answered, so a sender's next request is admitted on a backlog that has its last.
        afterCommit.accept(committed);
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).done().complete(entries.get(i));
        }
    }

    /**
     * One INSERT prepared per group commit and bound with plain JDBC: JDBI's named binding (argument factories
     * looked up per value) was half of the writer thread's own CPU in the batch profile, inside the transaction
     * every 2xx waits for.
     */
    private void insert(Handle tx, List<Pending> batch, Instant now, List<List<Entry>> entries) {
        try (PreparedStatement insert = tx.getConnection()
                .prepareStatement("INSERT INTO intake_journal (id, received_at, service, signal, folded)"
                        + " VALUES (?, ?, ?, ?, ?)")) {
            for (Pending pending : batch) {
                List<Entry> made = new ArrayList<>(pending.signals().size());
                for (int i = 0; i < pending.signals().size(); i++) {
                    Entry entry = new Entry(
                            ids.next(),
                            now,
                            pending.service(),
                            pending.signals().get(i),
                            pending.decisions().get(i) == Admission.Decision.FOLD);
                    insert.setString(1, entry.id());
                    insert.setLong(2, now.toEpochMilli());
                    insert.setString(3, entry.service());
                    insert.setString(4, pending.encoded().get(i));
                    if (entry.folded()) {
                        insert.setString(5, foldedAs(entry.signal()));
                    } else {
                        insert.setNull(5, Types.VARCHAR);
                    }
                    insert.addBatch();
                    made.add(entry);
                }
                entries.add(made);
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("the journal insert failed: " + e.getMessage(), e);
        }
    }

    /**
     * The committed rows, as the consumer would read them back: the time in milliseconds, a folded row with its
     * severity and without its signal.
     */
    private void handOff(List<Pending> batch, List<Entry> committed, Instant now) {
        if (committed.isEmpty()) {
            return;
        }
        String previous = newest;
        newest = committed.getLast().id();
        JournalConsumer to = consumer;
        if (to == null || previous == null) {
            return; // unknown what came before these rows: the consumer reads them from the store
        }
        Instant stored = Instant.ofEpochMilli(now.toEpochMilli());
        List<JournalRow> rows = new ArrayList<>(committed.size());
        int at = 0;
        for (Pending pending : batch) {
            for (int i = 0; i < pending.signals().size(); i++, at++) {
                Entry entry = committed.get(at);
                rows.add(new JournalRow(
                        entry.id(),
                        stored,
                        entry.service(),
                        entry.folded() ? ((Signal.Trigger) entry.signal()).severity() : null,
                        entry.folded() ? null : pending.encoded().get(i)));
            }
        }
        to.handed(previous, rows);
    }

    /** What a folded row keeps beside its signal, so the consumer can count it without decoding it. */
    private static String foldedAs(Signal signal) {
        return switch (signal) {
            case Signal.Trigger trigger -> trigger.severity().wireName();
            case Signal.Resolve resolve -> throw new IllegalArgumentException("a resolve is never folded");
            case Signal.Acknowledge acknowledge -> throw new IllegalArgumentException("an acknowledge is never folded");
        };
    }

    /**
     * The consumer reads rows after its cursor in id order, so rows must become visible in id order. One
     * writer thread guarantees that within a process; nodes sharing a PostgreSQL database take turns under a
     * transaction-scoped advisory lock and, once it is theirs, make their ids after the newest row any node
     * committed (an index lookup per group commit, not per row). Without this, a node whose commit landed
     * later with an earlier id would have its rows skipped.
     */
    private void takeTurn(Handle tx) {
        if (store.vendor() != Vendor.POSTGRESQL) {
            return;
        }
        tx.createQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(:key)) AS turn")
                .bind("key", JOURNAL_LOCK)
                .mapTo(Integer.class)
                .one();
        // Under the lock, the newest row any node committed is the one right before this commit's rows.
        newest = tx.createQuery("SELECT id FROM intake_journal ORDER BY id DESC LIMIT 1")
                .mapTo(String.class)
                .findOne()
                .orElse("");
        if (!newest.isEmpty()) {
            ids.notBefore(newest);
        }
    }

    /** Stops taking signals and commits what is already queued. */
    @Override
    public void close() {
        open = false;
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The journal could not take the signals; the caller answers 503 so the sender retries. */
    public static final class JournalUnavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        JournalUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
