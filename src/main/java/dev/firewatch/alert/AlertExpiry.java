package dev.firewatch.alert;

import dev.firewatch.store.Poller;
import dev.firewatch.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Resolves firing alerts whose sender stopped repeating them for longer than their service's
 * {@code resolve_timeout}, the way Alertmanager ends an alert nobody refreshed. A sender that dies while its
 * alert fires would otherwise leave the incident open for ever.
 *
 * <p>Due alerts are found through an index on (source service, state, last seen), a bounded batch per
 * transaction, so a sweep costs the same with ten alerts stored as with ten million.
 */
public final class AlertExpiry implements AutoCloseable {
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

    private final Poller poller = new Poller("alert-expiry", Duration.ofSeconds(1), this::sweep);

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
    public void start() {
        poller.start();
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
        poller.close();
    }
}
