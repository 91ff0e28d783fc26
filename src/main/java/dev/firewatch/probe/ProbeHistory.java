package dev.firewatch.probe;

import dev.firewatch.store.Poller;
import dev.firewatch.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every check's result and each monitor's state row, written in batches: one writer commits whatever results
 * the monitors queued since its last commit as one transaction (group commit, DESIGN §9), so ten thousand
 * monitors every ten seconds cost a few commits a second. Roll-ups are summed as they are written. Reads go
 * through primary keys and index ranges only; old rows are pruned in small batches in the background.
 */
public final class ProbeHistory implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProbeHistory.class);
    /** Past this many waiting results (the database has been away for a while) the oldest are dropped. */
    private static final int MOST_WAITING = 200_000;

    private static final int BATCH = 2_000;
    private static final int PRUNE_BATCH = 1_000;
    /** Rows one pruning step deletes at most per table, so it never holds the writer long. */
    private static final int PRUNE_STEP = 20_000;

    private final Store store;
    /** The last result id written; read from the store by the writer before its first batch. */
    private long lastId = -1;

    private final Clock clock;
    private final Supplier<MonitoringSpec.History> retention;
    private final LinkedBlockingQueue<ProbeSql.Written> waiting = new LinkedBlockingQueue<>();
    private final Poller writer;
    private final Poller pruner;
    private final Object writing = new Object();

    public ProbeHistory(Store store, Clock clock, Supplier<MonitoringSpec.History> retention) {
        this.store = store;
        this.clock = clock;
        this.retention = retention;
        this.writer = new Poller("probe-history", Duration.ofSeconds(1), this::flush);
        this.pruner = new Poller("probe-pruner", Duration.ofMinutes(1), new Runnable() {
            private boolean first = true;

            @Override
            public void run() {
                // Never at boot: the first step only waits for the next one, a minute on.
                if (!first) {
                    prune(clock.instant());
                }
                first = false;
            }
        });
    }

    public void start() {
        writer.start();
        pruner.start();
    }

    /** Queues a result and the state it left (null when the state did not change) for the next batch. */
    void record(ProbeResult result, boolean held, MonitorStatus status) {
        queue(new ProbeSql.Written(result, held, status));
    }

    /** Queues a state row without a result (the connectivity check's). */
    void record(MonitorStatus status) {
        queue(new ProbeSql.Written(null, false, status));
    }

    private void queue(ProbeSql.Written written) {
        waiting.add(written);
        int size = waiting.size();
        if (size > MOST_WAITING) {
            waiting.poll();
            log.warn("probe history: {} results wait for the database; the oldest are dropped", size);
        } else if (size >= BATCH) {
            writer.wake();
        }
    }

    /** Writes everything queued now, in batches; the writer thread calls it every second, tests call it directly. */
    public void flush() {
        synchronized (writing) {
            List<ProbeSql.Written> batch = new ArrayList<>();
            while (waiting.drainTo(batch, BATCH) > 0) {
                List<ProbeSql.Written> written = List.copyOf(batch);
                Instant now = clock.instant();
                try {
                    store.write(tx -> {
                        if (lastId < 0) {
                            lastId = ProbeSql.newestId(tx);
                        }
                        long[] next = {Math.max(lastId, ProbeSql.idAt(now) - 1)};
                        ProbeSql.write(tx, written, () -> ++next[0], now);
                        lastId = next[0]; // a batch that fails to commit leaves a gap, never a duplicate
                        return null;
                    });
                } catch (RuntimeException e) {
                    // Back to the front of the queue, in order, for the next try.
                    List<ProbeSql.Written> rest = new ArrayList<>(written);
                    waiting.drainTo(rest);
                    waiting.addAll(rest);
                    throw e;
                }
                batch.clear();
            }
        }
    }

    /** Deletes rows past their retention, a bounded number per table; how many it deleted. */
    public int prune(Instant now) {
        MonitoringSpec.History keep = retention.get();
        int deleted =
                prune(before -> ProbeSql.pruneResults(before.tx(), before.at(), PRUNE_BATCH), now.minus(keep.raw()));
        deleted += prune(
                b -> ProbeSql.pruneRollups(b.tx(), Rollup.Resolution.MINUTE, b.at(), PRUNE_BATCH),
                now.minus(keep.minute()));
        deleted += prune(
                b -> ProbeSql.pruneRollups(b.tx(), Rollup.Resolution.HOUR, b.at(), PRUNE_BATCH),
                now.minus(keep.hour()));
        deleted += prune(
                b -> ProbeSql.pruneRollups(b.tx(), Rollup.Resolution.DAY, b.at(), PRUNE_BATCH), now.minus(keep.day()));
        return deleted;
    }

    private record Before(org.jdbi.v3.core.Handle tx, Instant at) {}

    private int prune(java.util.function.ToIntFunction<Before> batch, Instant before) {
        int deleted = 0;
        while (deleted < PRUNE_STEP) {
            int now = store.write(tx -> batch.applyAsInt(new Before(tx, before)));
            deleted += now;
            if (now < PRUNE_BATCH) {
                break;
            }
        }
        return deleted;
    }

    /** The state rows of these monitors that have one. */
    Map<String, MonitorStatus> states(Collection<String> names) {
        return names.isEmpty() ? Map.of() : store.read(h -> ProbeSql.states(h, names));
    }

    Optional<MonitorStatus> state(String name) {
        return Optional.ofNullable(states(List.of(name)).get(name));
    }

    /** A monitor's newest results, newest first, older than the cursor when there is one. */
    public List<ResultRow> newest(String monitor, Long before, int limit) {
        return store.read(h -> ProbeSql.newest(h, monitor, before, limit));
    }

    /** A monitor's results from {@code from} on, oldest first (at most {@code limit}). */
    List<ResultRow> since(String monitor, Instant from, int limit) {
        return store.read(h -> ProbeSql.since(h, monitor, from, limit));
    }

    /** A monitor's roll-ups of one resolution from {@code from} on, oldest first. */
    public List<Rollup> rollups(String monitor, Rollup.Resolution resolution, Instant from) {
        return store.read(h -> ProbeSql.rollups(h, monitor, resolution, from));
    }

    @Override
    public void close() {
        pruner.close();
        writer.close();
        try {
            flush();
        } catch (RuntimeException e) {
            log.warn("probe history: the last results could not be written: {}", e.getMessage());
        }
    }
}
