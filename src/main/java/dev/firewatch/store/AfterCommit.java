package dev.firewatch.store;

import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatements;

/**
 * Work that runs once a transaction commits, in the order it was added, and that a rollback, whole or to a
 * savepoint, takes back. JDBI's own {@code afterCommit} survives a rollback to a savepoint, so a page queued by a
 * step that was then rolled back would still be sent; this is what the outbox hands pages off through.
 */
public final class AfterCommit {
    private static final String KEY = "firewatch.afterCommit";

    private AfterCommit() {}

    /** Runs {@code work} after {@code tx} commits, unless what added it is rolled back first. */
    public static void add(Handle tx, Runnable work) {
        pending(tx).add(work);
    }

    /**
     * Runs {@code work} inside a savepoint of {@code tx}: if it throws, its writes and the after-commit work it
     * added are taken back, the exception is returned, and the transaction goes on as if it had not run.
     *
     * @return the failure, or null when {@code work} succeeded
     */
    public static RuntimeException inSavepoint(Handle tx, String name, Runnable work) {
        List<Runnable> pending = pending(tx);
        int mark = pending.size();
        tx.savepoint(name);
        try {
            work.run();
            // Not released: the commit releases it, and on PostgreSQL a RELEASE is a round trip of its own on the
            // way to every page. A later savepoint of the same name hides this one, so a rollback still goes to the
            // newest.
            return null;
        } catch (RuntimeException e) {
            tx.rollbackToSavepoint(name);
            pending.subList(mark, pending.size()).clear();
            return e;
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Runnable> pending(Handle tx) {
        SqlStatements attributes = tx.getConfig(SqlStatements.class);
        Object existing = attributes.getAttribute(KEY);
        if (existing != null) {
            return (List<Runnable>) existing;
        }
        List<Runnable> made = new ArrayList<>();
        tx.define(KEY, made);
        // One JDBI callback per transaction runs what is left at commit; a rollback drops the handle's callbacks.
        tx.afterCommit(() -> made.forEach(Runnable::run));
        return made;
    }
}
