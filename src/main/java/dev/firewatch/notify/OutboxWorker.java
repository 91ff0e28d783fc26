package dev.firewatch.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firewatch.store.Poller;
import dev.firewatch.store.Statements;
import dev.firewatch.store.Store;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the outbox holds. A page due at once comes straight from the transaction that queued it, claimed
 * there ({@link Outbox.Handoff}); a thread claims the rest when due (a short transaction). Each send runs on a
 * virtual thread of its own outside any transaction, and the outcomes are recorded in groups, each with its line on
 * the incident's timeline: delivered; failed and tried again after a backoff with jitter; or, after the last attempt
 * (or a failure that cannot get better), a dead letter, and for a person their next contact method.
 *
 * <p>At least once, never twice after a confirmed send: a crash between a send and its record leaves the row
 * claimed until its lease runs out, and then it is sent again with the same idempotency key.
 */
public final class OutboxWorker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);
    private static final int BATCH = 64;
    private static final int IN_FLIGHT = 256;
    private static final int RECORDS_PER_COMMIT = 256;

    /** Where a recipient and method lead now, from the running config. */
    public interface Destinations {
        Optional<ChannelSpec> of(OutboxEntry.RecipientKind kind, String recipient, String method);

        /** A person's next method after {@code method}, for when it keeps failing. */
        Optional<String> fallbackAfter(String user, String method);
    }

    /**
     * Why a page is no longer needed ("acknowledged at 03:12"), or empty while the incident still wants it: moot
     * when the incident was acknowledged or resolved after the page was queued. A page queued while it was already
     * acknowledged (a snooze running out) is wanted.
     */
    @FunctionalInterface
    public interface Moot {
        Optional<String> why(Statements sql, String incidentId, Instant queuedAt);
    }

    /** Writes a line on the incident's timeline in the caller's transaction. */
    @FunctionalInterface
    public interface Timeline {
        void note(Statements sql, String incidentId, Instant at, String text);
    }

    private final Store store;
    private final Outbox outbox;
    private final Senders senders;
    private final Destinations destinations;
    private final Moot moot;
    private final Timeline timeline;
    private final Supplier<DeliverySpec> delivery;
    private final Clock clock;
    private final ObjectMapper json;
    private final Breakers breakers;
    private final RandomGenerator random = RandomGenerator.getDefault();
    private final MeterRegistry registry;
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
    private final ExecutorService sends = Executors.newVirtualThreadPerTaskExecutor();
    private final Poller poller = new Poller("outbox", Duration.ofMillis(200), this::sendDue);
    /** Handed-off pages that found every send slot taken: the outbox thread sends them when one frees. */
    private final Queue<Outbox.Claimed> waiting = new ConcurrentLinkedQueue<>();
    /** Outcomes not yet recorded: one thread records what has gathered in one transaction. */
    private final Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();

    private final Poller recorder = new Poller("outbox-records", Duration.ofMillis(200), this::recordAll);
    private volatile boolean closed;

    /**
     * @param breakerOpenUntil set when the send was not tried because the destination's breaker is open
     */
    private record Outcome(Outbox.Claimed claimed, Delivery delivery, Optional<Instant> breakerOpenUntil) {}

    public OutboxWorker(
            Store store,
            Outbox outbox,
            Senders senders,
            Destinations destinations,
            Moot moot,
            Timeline timeline,
            Supplier<DeliverySpec> delivery,
            Clock clock,
            ObjectMapper json,
            MeterRegistry registry) {
        this.store = store;
        this.outbox = outbox;
        this.senders = senders;
        this.destinations = destinations;
        this.moot = moot;
        this.timeline = timeline;
        this.delivery = delivery;
        this.clock = clock;
        this.json = json;
        this.registry = registry;
        DeliverySpec spec = delivery.get();
        this.breakers = new Breakers(spec.breakerFailures(), spec.breakerOpenFor(), clock);
    }

    public void start() {
        outbox.handOffTo(new Outbox.Handoff() {
            @Override
            public Duration lease() {
                return OutboxWorker.this.lease();
            }

            @Override
            public void send(Outbox.Claimed claimed) {
                sendNow(claimed);
            }
        });
        recorder.start();
        poller.start();
    }

    /** Something was queued: send it now rather than at the next poll. */
    public void wake() {
        poller.wake();
    }

    /** The destinations whose circuit breaker is open now. */
    public List<String> openBreakers() {
        return breakers.open();
    }

    /** A send may take its whole timeout; the lease covers that and recording it, with room to spare. */
    private Duration lease() {
        Duration timeout = delivery.get().timeout();
        return timeout.plus(timeout).plusSeconds(5); // not multipliedBy, which goes through BigDecimal
    }

    /**
     * A page claimed by the transaction that queued it, now committed: sent on this thread's say-so when a slot is
     * free, so the committing thread never waits; else by the outbox thread when one frees.
     */
    private void sendNow(Outbox.Claimed claimed) {
        if (closed) {
            return; // its lease runs out and the next start sends it
        }
        if (inFlight.tryAcquire()) {
            dispatch(claimed);
        } else {
            waiting.add(claimed);
            wake();
        }
    }

    private void sendDue() {
        Outbox.Claimed handedOff;
        while (poller.running() && (handedOff = waiting.poll()) != null) {
            if (!acquire()) {
                return;
            }
            dispatch(handedOff);
        }
        while (poller.running()) {
            Instant now = clock.instant();
            Duration lease = lease();
            List<Outbox.Claimed> claimed = store.write(tx -> {
                try (Statements sql = Statements.over(tx)) {
                    return outbox.claim(sql, now, lease, BATCH).stream()
                            .filter(c -> stillWanted(sql, c, now))
                            .toList();
                }
            });
            for (Outbox.Claimed c : claimed) {
                if (!acquire()) {
                    return;
                }
                dispatch(c);
            }
            if (claimed.size() < BATCH) {
                return;
            }
        }
    }

    /** A send slot; false when interrupted, and then the lease sends the row later. */
    private boolean acquire() {
        if (inFlight.tryAcquire()) {
            return true;
        }
        try {
            inFlight.acquire();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Sends on a virtual thread of its own, holding a slot taken by the caller until the send is over. */
    private void dispatch(Outbox.Claimed c) {
        try {
            sends.execute(() -> {
                try {
                    deliver(c);
                } catch (RuntimeException e) {
                    log.error("sending notification {} failed; its lease will send it again", c.id(), e);
                } finally {
                    inFlight.release();
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            inFlight.release(); // closing: the lease sends it after the next start
        }
    }

    /** A page an acknowledgement made moot is cancelled, with a line saying why, and not sent. */
    private boolean stillWanted(Statements sql, Outbox.Claimed c, Instant now) {
        if (!c.entry().whileUnacknowledged() || c.entry().incidentId() == null) {
            return true;
        }
        Optional<String> why = moot.why(sql, c.entry().incidentId(), c.queuedAt());
        if (why.isEmpty()) {
            return true;
        }
        outbox.finish(sql, c.id(), Outbox.State.CANCELLED, "not sent: " + why.get());
        timeline.note(sql, c.entry().incidentId(), now, label(c.entry()) + " not sent: " + why.get());
        count(c.entry(), "cancelled");
        return false;
    }

    private void deliver(Outbox.Claimed c) {
        OutboxEntry entry = c.entry();
        Optional<ChannelSpec> destination = destinations.of(entry.kind(), entry.recipient(), entry.method());
        if (destination.isEmpty()) {
            record(c, new Delivery.Failed(entry.destination() + " is no longer in the config", true), Optional.empty());
            return;
        }
        String host = senders.host(destination.get());
        Optional<Instant> open = breakers.openUntil(host);
        if (open.isPresent()) {
            record(
                    c,
                    new Delivery.Failed(
                            "not tried: " + host + " failed " + delivery.get().breakerFailures()
                                    + " times in a row, so its circuit breaker is open",
                            false),
                    open);
            return;
        }
        Delivery outcome = senders.send(notification(c), destination.get());
        if (outcome instanceof Delivery.Delivered) {
            breakers.succeeded(host);
        } else {
            breakers.failed(host);
        }
        record(c, outcome, Optional.empty());
    }

    private Notification notification(Outbox.Claimed c) {
        return Notification.queued(
                c.id(),
                c.entry().idempotencyKey(),
                c.attempt(),
                c.entry().event(),
                c.entry().recipient(),
                c.entry().payload(),
                json);
    }

    private void record(Outbox.Claimed c, Delivery outcome, Optional<Instant> breakerOpenUntil) {
        outcomes.add(new Outcome(c, outcome, breakerOpenUntil));
        recorder.wake();
    }

    /**
     * Records every outcome that has gathered, up to a few hundred per transaction: a burst of a thousand pages is a
     * handful of commits, not a thousand. The commits need not wait for the disk: an outcome lost to a power failure
     * leaves its row claimed, and the lease sends it again under the same idempotency key. A group that fails is
     * recorded one by one, so one bad row costs only its own record (and its lease sends it again).
     */
    private void recordAll() {
        List<Outcome> group = new ArrayList<>();
        Outcome next;
        while (true) {
            while (group.size() < RECORDS_PER_COMMIT && (next = outcomes.poll()) != null) {
                group.add(next);
            }
            if (group.isEmpty()) {
                return;
            }
            boolean queuedMore;
            try {
                queuedMore = store.writeReplayable(tx -> recordGroup(tx, group));
            } catch (RuntimeException e) {
                queuedMore = false;
                for (Outcome one : group) {
                    try {
                        queuedMore |= store.writeReplayable(tx -> recordGroup(tx, List.of(one)));
                    } catch (RuntimeException failed) {
                        log.error(
                                "recording notification {} failed; its lease will send it again",
                                one.claimed().id(),
                                failed);
                    }
                }
            }
            group.clear();
            if (queuedMore) {
                wake();
            }
        }
    }

    private boolean recordGroup(org.jdbi.v3.core.Handle tx, List<Outcome> group) {
        try (Statements sql = Statements.over(tx)) {
            boolean queuedMore = false;
            for (Outcome outcome : group) {
                queuedMore |= recordOne(sql, outcome);
            }
            return queuedMore;
        }
    }

    /** Records one outcome; true when it queued another notification (a person's next method). */
    private boolean recordOne(Statements sql, Outcome recorded) {
        Outbox.Claimed c = recorded.claimed();
        OutboxEntry entry = c.entry();
        DeliverySpec spec = delivery.get();
        Optional<Instant> breakerOpenUntil = recorded.breakerOpenUntil();
        Instant now = clock.instant();
        String attempt = " (attempt " + c.attempt() + " of " + spec.attempts() + ")";
        switch (recorded.delivery()) {
            case Delivery.Delivered delivered -> {
                outbox.sent(sql, c.id(), now, delivered.detail());
                note(sql, entry, now, label(entry) + ": delivered, " + delivered.detail());
                count(entry, "delivered");
                return false;
            }
            case Delivery.Failed failed -> {
                // A person whose method's breaker is open is better served by their next method now.
                boolean giveUp = failed.permanent()
                        || c.attempt() >= spec.attempts()
                        || (breakerOpenUntil.isPresent() && entry.kind() == OutboxEntry.RecipientKind.USER);
                if (!giveUp) {
                    Instant next = breakerOpenUntil.orElse(
                            now.plus(new Backoff(spec.backoff(), spec.maxBackoff(), random).after(c.attempt())));
                    outbox.retryAt(sql, c.id(), next, failed.reason(), breakerOpenUntil.isEmpty());
                    note(
                            sql,
                            entry,
                            now,
                            label(entry) + " failed" + attempt + ": " + failed.reason() + "; next try in "
                                    + seconds(Duration.between(now, next)));
                    count(entry, "failed");
                    return false;
                }
                outbox.finish(sql, c.id(), Outbox.State.DEAD, failed.reason());
                note(
                        sql,
                        entry,
                        now,
                        label(entry) + " gave up" + attempt + ": " + failed.reason() + "; it is a dead letter now");
                count(entry, "dead");
                return fallBack(sql, entry, now);
            }
        }
    }

    /** Queues the person's next contact method; says on the timeline whether there was one. */
    private boolean fallBack(Statements sql, OutboxEntry entry, Instant now) {
        if (entry.kind() != OutboxEntry.RecipientKind.USER) {
            return false;
        }
        Optional<String> next = destinations.fallbackAfter(entry.recipient(), entry.method());
        if (next.isEmpty()) {
            note(sql, entry, now, entry.recipient() + " has no other contact method to fall back to");
            return false;
        }
        String key = entry.idempotencyKey() + "/fallback:" + next.get();
        boolean queued = outbox.enqueue(
                sql,
                new OutboxEntry(
                        key,
                        entry.incidentId(),
                        entry.event(),
                        entry.kind(),
                        entry.recipient(),
                        next.get(),
                        entry.payload(),
                        entry.whileUnacknowledged(),
                        now),
                now);
        if (queued) {
            outbox.markFallback(sql, key, entry.idempotencyKey());
            note(sql, entry, now, "Falling back to " + entry.recipient() + " by " + next.get());
        }
        return queued;
    }

    private void note(Statements sql, OutboxEntry entry, Instant at, String text) {
        if (entry.incidentId() != null) {
            timeline.note(sql, entry.incidentId(), at, text);
        }
    }

    /** "Page to alice by phone", "Resolve notice to channel ops": how the timeline names a notification. */
    static String label(OutboxEntry entry) {
        String what =
                switch (entry.event()) {
                    case "incident.triggered" -> "Page";
                    case "incident.escalated" -> "Escalation page";
                    case "incident.reopened" -> "Page (reopened)";
                    case "incident.acknowledged" -> "Acknowledgement notice";
                    case "incident.resolved" -> "Resolve notice";
                    default -> "Notification";
                };
        return what + " to " + entry.destination();
    }

    private static String seconds(Duration duration) {
        long s = Math.max(0, duration.toSeconds());
        return s < 120 ? s + "s" : (s / 60) + "m";
    }

    private void count(OutboxEntry entry, String outcome) {
        Counter.builder("firewatch.notifications")
                .description("Notifications by recipient kind and outcome: delivered, failed (to be retried),"
                        + " dead (gave up), cancelled (an acknowledgement made it moot)")
                .tag("recipient", entry.kind().wireName())
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    @Override
    public void close() {
        closed = true;
        poller.close();
        sends.shutdown();
        try {
            // A send cut off here is sent again when its lease runs out: nothing is lost.
            sends.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        recorder.close();
        // What the sends finished while the recorder stopped: recorded now, or their leases send them again.
        try {
            recordAll();
        } catch (RuntimeException e) {
            log.warn("could not record the last outcomes at shutdown; their leases send them again", e);
        }
    }
}
