package dev.firewatch.alert;

import dev.firewatch.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves firing alerts whose sender stopped repeating them for longer than their service's
 * {@code resolve_timeout}, the way Alertmanager ends an alert nobody refreshed. A sender that dies while its
 * alert fires would otherwise leave the incident open for ever.
 *
 * <p>Due alerts are found through an index on (source service, state, last seen), a bounded batch per
 * transaction, so a sweep costs the same with ten alerts stored as with ten million.
 */
public final class AlertExpiry implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AlertExpiry.class);
    private static final int BATCH = 200;
    /** A bound on batches per service and sweep, so one sweep can never run away; the next one goes on. */
    private static final int MAX_BATCHES = 50;

    private final Store store;
    private final AlertPipeline pipeline;
    private final Supplier<Map<String, Duration>> timeouts;
    private final Supplier<Optional<Instant>> processedThrough;
    private final Clock clock;
    /** Told after a commit that resolved alerts, so the incident bus delivers at once. */
    private final Runnable afterCommit;

    private volatile boolean running = true;
    private Thread thread;

    /**
     * @param timeouts each service with a {@code resolve_timeout}, from the running config
     * @param processedThrough how far the alert stages have read the journal: repeats still waiting there have
     *     not refreshed their alerts yet, so staleness is measured from this instant, not from now
     */
    public AlertExpiry(
            Store store,
            AlertPipeline pipeline,
            Supplier<Map<String, Duration>> timeouts,
            Supplier<Optional<Instant>> processedThrough,
            Clock clock,
            Runnable afterCommit) {
        this.afterCommit = afterCommit;
        this.store = store;
        this.pipeline = pipeline;
        this.timeouts = timeouts;
        this.processedThrough = processedThrough;
        this.clock = clock;
    }

    /** Sweeps once a second; call once the schema is in place. */
    public synchronized void start() {
        if (thread == null) {
            thread = Thread.ofPlatform().name("alert-expiry").daemon().start(this::loop);
        }
    }

    private void loop() {
        while (running) {
            try {
                sweep();
                Thread.sleep(Duration.ofSeconds(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("the auto-resolve sweep failed; it tries again in a second", e);
            }
        }
    }

    /** Resolves every alert that is due now and returns how many it resolved. */
    public int sweep() {
        Optional<Instant> seen = processedThrough.get();
        if (seen.isEmpty()) {
            return 0; // the journal has not been read since the start: nothing is known to be stale yet
        }
        Instant now = clock.instant();
        Instant horizon = seen.get().isBefore(now) ? seen.get() : now;
        int resolved = 0;
        for (Map.Entry<String, Duration> service : timeouts.get().entrySet()) {
            Instant staleBefore = horizon.minus(service.getValue());
            for (int batch = 0; batch < MAX_BATCHES; batch++) {
                Swept swept = store.write(tx -> {
                    List<String> due = tx.createQuery("SELECT id FROM alert_alert WHERE source_service = :service"
                                    + " AND state = 'FIRING' AND last_seen_at < :staleBefore"
                                    + " ORDER BY last_seen_at LIMIT :n")
                            .bind("service", service.getKey())
                            .bind("staleBefore", staleBefore.toEpochMilli())
                            .bind("n", BATCH)
                            .mapTo(String.class)
                            .list();
                    int done = 0;
                    try (AlertBatch stages = pipeline.batch(tx)) {
                        for (String id : due) {
                            if (stages.expire(id, staleBefore, service.getValue(), now)) {
                                done++;
                            }
                        }
                    }
                    return new Swept(due.size(), done);
                });
                resolved += swept.resolved();
                if (swept.resolved() > 0) {
                    afterCommit.run();
                }
                if (swept.found() < BATCH) {
                    break;
                }
            }
        }
        return resolved;
    }

    private record Swept(int found, int resolved) {}

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
