package dev.firewatch.intake;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How far the journal consumer is behind: journal rows committed but not yet processed, plus the events admitted
 * to the alert stages whose commit is still under way. Kept in memory from the journal's commits, admission's
 * decisions and the consumer's progress, so deciding costs no query.
 *
 * <p>Folded rows count too. They are cheap for the consumer, but a critical event queues behind them like behind
 * any other, and if they did not count, admission would keep the consumer busy with rows for the alert stages
 * while folded ones piled up behind them.
 *
 * <p>After a restart it starts at zero and does not count rows left from before; the consumer works through
 * those, and once it finds nothing left to read the count is exact again (see {@link #caughtUp}).
 */
public final class Backlog {
    /** The counts the consumer takes just before it looks for more rows. */
    record Mark(long rows, long forAlertStages) {}

    private final AtomicLong committed = new AtomicLong();
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong committedForAlertStages = new AtomicLong();
    private final AtomicLong processedForAlertStages = new AtomicLong();
    /** Admitted to the alert stages by requests whose journal commit is still under way. */
    private final AtomicLong admitting = new AtomicLong();

    /** Told by the journal after each commit, before anyone is answered. */
    public void committed(List<Journal.Entry> entries) {
        committed.addAndGet(entries.size());
        committedForAlertStages.addAndGet(
                entries.stream().filter(e -> !e.folded()).count());
    }

    /** An event admitted to the alert stages, counted before its commit so concurrent requests see it. */
    void admitting() {
        admitting.incrementAndGet();
    }

    /** The request's commit is over (done or failed): its admitted events count as committed rows, if at all. */
    void admitted(int events) {
        admitting.addAndGet(-events);
    }

    /** Told by the consumer after each commit of its own. */
    void processed(int rows, int forAlertStages) {
        processed.addAndGet(rows);
        processedForAlertStages.addAndGet(forAlertStages);
    }

    Mark mark() {
        return new Mark(committed.get(), committedForAlertStages.get());
    }

    /**
     * The consumer took {@code seen} and then found nothing to read: every row of those commits is processed.
     * This drops whatever rows from before a restart were counted as processed.
     */
    void caughtUp(Mark seen) {
        processed.set(seen.rows());
        processedForAlertStages.set(seen.forAlertStages());
    }

    /**
     * Rows waiting for the consumer, folded or not, with those admitted but not yet committed: what a critical
     * event sent now waits behind, and so what admission decides on. Never negative, even while rows from before a
     * restart drain.
     */
    public long rows() {
        return Math.max(0, committed.get() - processed.get()) + admitting.get();
    }

    /** Of those, the rows waiting for the alert stages: about half a millisecond each. */
    public long forAlertStages() {
        return Math.max(0, committedForAlertStages.get() - processedForAlertStages.get());
    }

    /** Of those, the folded rows waiting to be counted into their digests: cheap, but not free. */
    public long forDigests() {
        return Math.max(0, rows() - admitting.get() - forAlertStages());
    }
}
