package dev.firewatch.probe;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts every monitor's checks at their planned times ({@link Schedule}), each on a virtual thread of its own,
 * so a slow target never delays another monitor, with at most {@code perHostLimit} checks against one host at
 * once. A monitor whose check is still running when its next slot comes skips that slot. The monitor list is
 * read from the running config at each pass, so a reload adds, removes and changes monitors.
 *
 * <p>{@link #tick(Instant)} is one pass at a given time, which tests call with a mutable clock; the loop calls it
 * and sleeps until the next start (at most {@link #NAP}, so a clock moved by hand or a reload is seen soon).
 */
public final class MonitorScheduler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MonitorScheduler.class);
    static final Duration NAP = Duration.ofMillis(200);

    private record Planned(MonitorSpec monitor, Schedule.Slot slot) {}

    private final Supplier<List<MonitorSpec>> monitors;
    private final Checker checker;
    private final MonitorStates states;
    private final IntSupplier perHostLimit;
    private final Clock clock;
    private final Timer lag;
    private final Map<String, Planned> planned = new HashMap<>();
    private final PriorityQueue<Planned> queue =
            new PriorityQueue<>(Comparator.comparing((Planned p) -> p.slot().at()));
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final Map<String, Semaphore> hosts = new ConcurrentHashMap<>();
    private final AtomicLong skipped = new AtomicLong();
    private List<MonitorSpec> seen = List.of();
    private int hostLimit = -1;
    private volatile boolean open = true;
    private Thread loop;

    public MonitorScheduler(
            Supplier<List<MonitorSpec>> monitors,
            Checker checker,
            MonitorStates states,
            IntSupplier perHostLimit,
            Clock clock,
            MeterRegistry registry) {
        this.monitors = monitors;
        this.checker = checker;
        this.states = states;
        this.perHostLimit = perHostLimit;
        this.clock = clock;
        // Buckets a person reads at a glance (and the probe bench reads its p99 from): late by a few milliseconds
        // is normal, by a second the scheduler is not keeping up.
        this.lag = Timer.builder("firewatch.probe.schedule.lag")
                .description("How late monitor checks start after their planned time, waiting for the host's turn"
                        + " included")
                .serviceLevelObjectives(
                        Duration.ofMillis(5),
                        Duration.ofMillis(10),
                        Duration.ofMillis(25),
                        Duration.ofMillis(50),
                        Duration.ofMillis(100),
                        Duration.ofMillis(250),
                        Duration.ofMillis(500),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(10))
                .register(registry);
    }

    /** Starts the loop; call once the store is set up. */
    public synchronized void start() {
        if (loop == null) {
            loop = Thread.ofVirtual().name("monitor-scheduler").start(this::run);
        }
    }

    private void run() {
        while (open) {
            try {
                Instant now = clock.instant();
                Optional<Instant> next = tick(now);
                long nap = next.map(at -> Duration.between(now, at).toMillis()).orElse(NAP.toMillis());
                Thread.sleep(Math.clamp(nap, 1, NAP.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("monitor scheduler pass failed; it goes on", e);
            }
        }
    }

    /**
     * One pass at {@code now}: takes in config changes, starts every check due by then, plans each one's next
     * slot. Returns when the next check is due, empty when there are no monitors.
     */
    public synchronized Optional<Instant> tick(Instant now) {
        follow(monitors.get(), now);
        while (!queue.isEmpty() && !queue.peek().slot().at().isAfter(now)) {
            Planned due = queue.poll();
            if (planned.get(due.monitor().name()) != due) {
                continue; // replaced by a reload
            }
            Schedule.Next next = Schedule.after(due.monitor(), due.slot(), now);
            if (running.add(due.monitor().name())) {
                Thread.ofVirtual()
                        .name("monitor-" + due.monitor().name())
                        .start(() -> check(due.monitor(), due.slot().at()));
                skipped.addAndGet(next.skipped());
            } else {
                skipped.addAndGet(next.skipped() + 1); // still running: this slot is skipped, not queued
            }
            plan(new Planned(due.monitor(), next.slot()));
        }
        return Optional.ofNullable(queue.peek()).map(p -> p.slot().at());
    }

    /** Adds, removes and re-plans monitors when the running config's list changed. */
    private void follow(List<MonitorSpec> current, Instant now) {
        int limit = perHostLimit.getAsInt();
        if (limit != hostLimit) {
            hosts.clear(); // checks holding an old permit release it to a semaphore nobody uses any more
            hostLimit = limit;
        }
        if (current == seen) {
            return;
        }
        Map<String, MonitorSpec> byName = new HashMap<>();
        current.forEach(m -> byName.put(m.name(), m));
        for (String name : List.copyOf(planned.keySet())) {
            if (!byName.containsKey(name)) {
                planned.remove(name);
                states.forget(name);
            }
        }
        for (MonitorSpec monitor : current) {
            Planned known = planned.get(monitor.name());
            if (known == null || !known.monitor().equals(monitor)) {
                plan(new Planned(monitor, Schedule.first(monitor, now)));
            }
        }
        seen = current;
    }

    private void plan(Planned next) {
        planned.put(next.monitor().name(), next);
        queue.add(next);
        if (queue.size() > 2 * planned.size() + 64) {
            queue.removeIf(p -> planned.get(p.monitor().name()) != p); // drop what reloads replaced
        }
    }

    private void check(MonitorSpec monitor, Instant planned) {
        try {
            Semaphore permits =
                    hosts.computeIfAbsent(monitor.probe().host(), host -> new Semaphore(Math.max(1, hostLimit)));
            // Waiting longer than an interval would only start a check whose next slot has come: skip it instead.
            if (!permits.tryAcquire(monitor.interval().toMillis(), TimeUnit.MILLISECONDS)) {
                skipped.incrementAndGet();
                log.warn(
                        "monitor {}: {} checks of {} were still running for a whole interval; skipped one",
                        monitor.name(),
                        hostLimit,
                        monitor.probe().host());
                return;
            }
            // Measured once the host's turn has come, when the check really starts.
            lag.record(Duration.between(planned, clock.instant()));
            ProbeResult result;
            try {
                result = checker.check(monitor);
            } catch (RuntimeException e) {
                log.error("monitor {}: the check threw instead of failing", monitor.name(), e);
                result = new ProbeResult(
                        monitor.name(),
                        clock.instant(),
                        Duration.ZERO,
                        false,
                        true,
                        Optional.of("the check itself failed: " + e),
                        Optional.empty());
            } finally {
                permits.release();
            }
            states.record(monitor, result);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("monitor {}: its result could not be followed", monitor.name(), e);
        } finally {
            running.remove(monitor.name());
        }
    }

    /** How many checks run now. */
    public int running() {
        return running.size();
    }

    /** Slots skipped since start: a check still running, or a host at its limit for a whole interval. */
    public long skipped() {
        return skipped.get();
    }

    /**
     * The most overdue planned start, when it is overdue by more than its monitor's interval: the scheduler is
     * not keeping up (or its loop stopped).
     */
    public synchronized Optional<String> lagging(Instant now) {
        Planned worst = null;
        for (Planned p : planned.values()) {
            if (p.slot().at().plus(p.monitor().interval()).isBefore(now)
                    && (worst == null || p.slot().at().isBefore(worst.slot().at()))) {
                worst = p;
            }
        }
        return Optional.ofNullable(worst)
                .map(p -> "monitor " + p.monitor().name() + " should have started "
                        + Duration.between(p.slot().at(), now).toSeconds() + "s ago (interval "
                        + WindowRules.shown(p.monitor().interval()) + ")");
    }

    /** How many monitors are planned. */
    public synchronized int planned() {
        return planned.size();
    }

    @Override
    public void close() {
        open = false;
        Thread running = loop;
        if (running != null) {
            running.interrupt();
            try {
                running.join(Duration.ofSeconds(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
