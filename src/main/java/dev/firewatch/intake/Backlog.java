package dev.firewatch.intake;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How many journal rows are committed but not yet through the consumer: what admission decides on. Kept in
 * memory from the journal's commits and the consumer's progress, so deciding costs no query. After a restart it
 * starts at zero and does not count rows left from before; the consumer works through those, and once it finds
 * nothing left to read the count is exact again (see {@link #caughtUp}).
 */
public final class Backlog {
    private final AtomicLong committed = new AtomicLong();
    private final AtomicLong processed = new AtomicLong();

    /** Told by the journal after each commit. */
    public void committed(int rows) {
        committed.addAndGet(rows);
    }

    /** Told by the consumer after each commit of its own. */
    void processed(int rows) {
        processed.addAndGet(rows);
    }

    /** The count of committed rows so far, read by the consumer just before it looks for more. */
    long committedSoFar() {
        return committed.get();
    }

    /**
     * The consumer looked after taking {@code seen} from {@link #committedSoFar} and found nothing: every row of
     * those commits is processed. This drops whatever rows from before a restart were counted as processed.
     */
    void caughtUp(long seen) {
        processed.set(seen);
    }

    /** Rows waiting for the alert stages; never negative, even while rows from before a restart drain. */
    public long rows() {
        return Math.max(0, committed.get() - processed.get());
    }
}
