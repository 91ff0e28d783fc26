package dev.firewatch.incident;

import dev.firewatch.store.AfterCommit;
import dev.firewatch.store.Poller;
import dev.firewatch.store.Statements;
import dev.firewatch.store.Store;
import dev.firewatch.store.Vendor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers incident events to the features that act on them (paging, status page). Each listener has a
 * cursor in the store; it handles an event inside the transaction that moves its cursor past it, so what it
 * writes there (an outbox row, say) happens exactly once, across crashes and restarts and, on PostgreSQL,
 * across nodes: the cursor row is locked for the transaction, so nodes take turns. The alert stages deliver the
 * events they publish inside their own transaction ({@link #deliverWithin}); this bus's thread delivers the rest
 * (events of API actions and of alert expiry) and whatever a listener failed on there.
 *
 * <p>A listener that fails on an event is retried; after three failures the event is skipped for that
 * listener and the incident's timeline says so, because one bad event must not stop every page behind it.
 */
public final class IncidentBus implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IncidentBus.class);
    private static final int BATCH = 100;
    private static final int ATTEMPTS = 3;

    /** Acts on one event inside the transaction that advances its cursor. */
    @FunctionalInterface
    public interface Listener {
        void on(Statements tx, IncidentEvent event);
    }

    private final Store store;
    private final IncidentEvents events;
    private final Incidents incidents;
    private final Map<String, Listener> listeners = new ConcurrentHashMap<>();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final Poller poller =
            new Poller("incident-bus", Duration.ofMillis(250), () -> listeners.forEach(this::deliver));

    IncidentBus(Store store, IncidentEvents events, Incidents incidents) {
        this.store = store;
        this.events = events;
        this.incidents = incidents;
    }

    /**
     * Adds a listener. One that never listened before starts at the newest event: it hears what happens from
     * now on, not the installation's history. One that did goes on from its cursor.
     */
    public void subscribe(String name, Listener listener) {
        listeners.put(name, listener);
        wake();
    }

    /** Whether the listener has a cursor yet: from then on it hears every event. */
    public boolean hasCursor(String name) {
        return store.read(h -> h.createQuery("SELECT 1 FROM incident_event_cursor WHERE listener = :name")
                .bind("name", name)
                .mapTo(Integer.class)
                .findOne()
                .isPresent());
    }

    /** Delivers on a thread of its own; call once the schema is in place. */
    public void start() {
        poller.start();
    }

    /** Called after a commit that may have published events, so listeners hear at once, not on the next poll. */
    public void wake() {
        poller.wake();
    }

    /** Everything published so far, to one listener, a batch per transaction. */
    void deliver(String name, Listener listener) {
        while (poller.running() && pending(name)) {
            // A synced commit, though the events stay and the cursor moves with the work: the pages its listeners
            // queue for now go to the sender straight from this commit (Outbox hands them off), and must be on disk
            // before they leave. That one sync replaces the outbox's own claim transaction on a page's way out.
            int handled = store.write(tx -> {
                try (Statements sql = Statements.over(tx)) {
                    String position = claim(sql, name);
                    List<IncidentEvents.Published> batch = events.after(sql, position, BATCH);
                    for (IncidentEvents.Published published : batch) {
                        handle(sql, name, listener, published);
                    }
                    if (!batch.isEmpty()) {
                        moveCursor(sql, name, batch.getLast().id());
                    }
                    return batch.size();
                }
            });
            if (handled < BATCH) {
                return;
            }
        }
    }

    /**
     * Whether the listener has events to hear, or no cursor yet, looked up without its cursor's lock: most polls
     * find nothing, and a poll that took the lock while the alert stages wanted it would make them leave their
     * pages to this thread ({@code SKIP LOCKED} in {@link #deliverWithin}), where they wait for its transaction.
     */
    private boolean pending(String name) {
        return store.read(h -> {
            try (Statements sql = Statements.over(h)) {
                return events.afterCursor(sql, name, "", 1)
                        .map(after -> !after.isEmpty())
                        .orElse(true);
            }
        });
    }

    /**
     * Delivers what is pending to every listener inside the caller's transaction, which has just published
     * events: the alert stages call this, so an incident's first page is queued in the transaction that opened
     * it and leaves after that one commit, not after a second transaction on this bus's thread. The caller's
     * commit must be synced ({@link Store#write}) for the page to leave at once (see Outbox).
     *
     * <p>Each listener runs inside a savepoint. One that fails is rolled back to it and left to this bus's
     * thread, which retries and, if need be, skips the event; the caller's own work never fails because of a
     * listener. A listener whose cursor another transaction holds (on PostgreSQL) or that has no cursor yet is
     * also left to the thread.
     */
    public void deliverWithin(Handle tx) {
        boolean leftOver = false;
        try (Statements sql = Statements.over(tx)) {
            for (Map.Entry<String, Listener> listener : listeners.entrySet()) {
                boolean[] done = {false};
                RuntimeException failed =
                        AfterCommit.inSavepoint(tx, "bus_" + listener.getKey().replaceAll("[^A-Za-z0-9_]", "_"), () -> {
                            done[0] = deliverWithin(sql, listener.getKey(), listener.getValue());
                            sql.flush(); // inside the savepoint, so a failure takes the listener's lines back too
                        });
                if (failed != null) {
                    sql.discardLater();
                    log.debug(
                            "listener {} failed inside the alert stages; its thread retries",
                            listener.getKey(),
                            failed);
                }
                leftOver |= !done[0];
            }
        }
        if (leftOver) {
            wake();
        }
    }

    /** Everything pending, in batches; false when the cursor is missing or another transaction holds it. */
    private boolean deliverWithin(Statements sql, String name, Listener listener) {
        String skipLocked = store.vendor() == Vendor.POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : "";
        Optional<List<IncidentEvents.Published>> first = events.afterCursor(sql, name, skipLocked, BATCH);
        if (first.isEmpty()) {
            return false;
        }
        for (List<IncidentEvents.Published> batch = first.get();
                ;
                batch = events.after(sql, batch.getLast().id(), BATCH)) {
            for (IncidentEvents.Published published : batch) {
                listener.on(sql, published.event());
            }
            if (!batch.isEmpty()) {
                moveCursor(sql, name, batch.getLast().id());
            }
            if (batch.size() < BATCH) {
                return true;
            }
        }
    }

    private static void moveCursor(Statements sql, String name, String position) {
        // Sent with the listener's queued lines; the cursor is only read at the start of a delivery.
        sql.later("UPDATE incident_event_cursor SET position = ? WHERE listener = ?", position, name);
    }

    /** The listener's cursor, locked for this transaction on PostgreSQL; made at the newest event if new. */
    private String claim(Statements sql, String name) {
        String select = "SELECT position FROM incident_event_cursor WHERE listener = ?"
                + (store.vendor() == Vendor.POSTGRESQL ? " FOR UPDATE" : "");
        Optional<String> position = sql.first(select, rs -> rs.getString(1), name);
        if (position.isPresent()) {
            return position.get();
        }
        sql.update(
                "INSERT INTO incident_event_cursor (listener, position) VALUES (?, ?) ON CONFLICT (listener) DO NOTHING",
                name,
                events.newest(sql));
        // Read back, locked: another node may have made the row a moment earlier.
        return sql.first(select, rs -> rs.getString(1), name).orElseThrow();
    }

    private void handle(Statements sql, String name, Listener listener, IncidentEvents.Published published) {
        String key = name + "/" + published.id();
        try {
            listener.on(sql, published.event());
            failures.remove(key);
        } catch (RuntimeException e) {
            int failed = failures.merge(key, 1, Integer::sum);
            if (failed < ATTEMPTS) {
                throw e; // the whole batch rolls back and is tried again
            }
            failures.remove(key);
            log.error("listener {} failed {} times on incident event {}; skipping it", name, failed, key, e);
            incidents.noteListenerFailure(sql, published.event(), name, e.getMessage());
        }
    }

    @Override
    public void close() {
        poller.close();
    }
}
