package dev.firewatch.probe;

import dev.firewatch.alert.Signal;
import dev.firewatch.intake.Submissions;
import dev.firewatch.service.ServiceSpec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows each monitor's results: moves its state by {@link Transitions}, sends the trigger or resolve the move
 * asks for through {@link Submissions} (the same way in as every other source), and queues the result and the
 * new state row for the history writer. A monitor's state is read from its row the first time it is needed,
 * by primary key: nothing is read at boot.
 *
 * <p>One result at a time per monitor: the scheduler never overlaps two checks of one monitor.
 */
public final class MonitorStates {
    private static final Logger log = LoggerFactory.getLogger(MonitorStates.class);

    private final ProbeHistory history;
    private final Submissions submissions;
    private final Function<String, Optional<ServiceSpec>> services;
    private final BooleanSupplier cutOff;
    private final Supplier<MonitoringSpec.Flapping> flapping;
    private final MonitorSignals signals;
    private final Clock clock;
    private final Map<String, MonitorStatus> statuses = new ConcurrentHashMap<>();
    private final Map<String, RecentResults> recent = new ConcurrentHashMap<>();
    private final Counter passed;
    private final Counter failed;
    private final Counter unknown;

    /**
     * @param cutOff whether Firewatch is cut off from its connectivity canaries now; asked only for a check that
     *     could not reach its target
     */
    public MonitorStates(
            ProbeHistory history,
            Submissions submissions,
            Function<String, Optional<ServiceSpec>> services,
            BooleanSupplier cutOff,
            Supplier<MonitoringSpec.Flapping> flapping,
            String publicUrl,
            Clock clock,
            MeterRegistry registry) {
        this.history = history;
        this.submissions = submissions;
        this.services = services;
        this.cutOff = cutOff;
        this.flapping = flapping;
        this.signals = new MonitorSignals(publicUrl);
        this.clock = clock;
        this.passed = checks(registry, "passed");
        this.failed = checks(registry, "failed");
        this.unknown = checks(registry, "unknown");
    }

    private static Counter checks(MeterRegistry registry, String result) {
        return Counter.builder("firewatch.probe.checks")
                .description("Monitor checks by result: passed, failed, or unknown (held while cut off)")
                .tag("result", result)
                .register(registry);
    }

    /** Follows one result of {@code monitor}: the state after it, with the move's reason. */
    public MonitorStatus record(MonitorSpec monitor, ProbeResult result) {
        Instant now = clock.instant();
        MonitorStatus before = status(monitor.name());
        Transitions.Outcome outcome =
                Transitions.Outcome.of(result, !result.passed() && !result.reached() && cutOff.getAsBoolean());
        RecentResults window = recent(monitor, now);
        if (outcome != Transitions.Outcome.HELD) {
            window.add(
                    new RecentResults.Sample(result.at(), result.responseTime().toMillis(), result.passed()));
        }
        Optional<String> breach = WindowRules.breached(monitor.windows(), window, now);
        Transitions.Transition move = Transitions.next(before, monitor, result, outcome, breach, flapping.get(), now);
        switch (outcome) {
            case PASSED -> passed.increment();
            case FAILED -> failed.increment();
            case HELD -> unknown.increment();
        }
        if (!send(monitor, move, result, now)) {
            // Not in the journal: keep the old state, so the next result makes the same move and sends again.
            history.record(result, outcome == Transitions.Outcome.HELD, null);
            return before;
        }
        statuses.put(monitor.name(), move.next());
        history.record(result, outcome == Transitions.Outcome.HELD, move.next());
        return move.next();
    }

    /** False when the signal could not be journalled. */
    private boolean send(MonitorSpec monitor, Transitions.Transition move, ProbeResult result, Instant now) {
        Signal signal;
        Optional<ServiceSpec> service = services.apply(monitor.service());
        switch (move.alerting()) {
            case Transitions.Quiet quiet -> {
                return true;
            }
            case Transitions.Trigger trigger -> {
                if (service.isEmpty()) {
                    log.warn(
                            "monitor {}: no service {} to page; {}",
                            monitor.name(),
                            monitor.service(),
                            trigger.summary());
                    return true;
                }
                signal = signals.trigger(
                        service.get().integrationKey(), monitor, move.next(), result, trigger.summary(), now);
            }
            case Transitions.Resolve resolve -> {
                if (service.isEmpty()) {
                    return true;
                }
                signal = signals.resolve(service.get().integrationKey(), monitor, now);
            }
        }
        try {
            submissions.submit(monitor.service(), List.of(signal));
            return true;
        } catch (RuntimeException e) {
            log.warn(
                    "monitor {}: the {} could not be journalled: {}",
                    monitor.name(),
                    signal instanceof Signal.Trigger ? "trigger" : "resolve",
                    e.getMessage());
            return false;
        }
    }

    /** The monitor's state: the one in memory, else its row, else pending. */
    public MonitorStatus status(String name) {
        MonitorStatus known = statuses.get(name);
        if (known != null) {
            return known;
        }
        MonitorStatus loaded = history.state(name).orElseGet(() -> MonitorStatus.pending(name, clock.instant()));
        MonitorStatus raced = statuses.putIfAbsent(name, loaded);
        return raced == null ? loaded : raced;
    }

    /** The states of these monitors, reading the rows of those not in memory in one query. */
    public Map<String, MonitorStatus> statuses(Collection<String> names) {
        Map<String, MonitorStatus> found = new LinkedHashMap<>();
        List<String> missing =
                names.stream().filter(n -> !statuses.containsKey(n)).toList();
        Map<String, MonitorStatus> loaded = history.states(missing);
        Instant now = clock.instant();
        for (String name : names) {
            MonitorStatus status = statuses.get(name);
            if (status == null) {
                status = loaded.getOrDefault(name, MonitorStatus.pending(name, now));
                MonitorStatus raced = statuses.putIfAbsent(name, status);
                status = raced == null ? status : raced;
            }
            found.put(name, status);
        }
        return found;
    }

    /** A monitor left the config: forget what memory held of it (its rows stay, for its history). */
    void forget(String name) {
        statuses.remove(name);
        recent.remove(name);
    }

    /** The monitor's recent results for its window rules, refilled from the history the first time. */
    private RecentResults recent(MonitorSpec monitor, Instant now) {
        Duration keep = RecentResults.keepFor(monitor);
        RecentResults known = recent.get(monitor.name());
        if (known != null && known.keeps(keep)) {
            return known;
        }
        RecentResults fresh = new RecentResults(keep);
        if (!keep.isZero()) {
            history.since(monitor.name(), now.minus(keep), 10_000).stream()
                    .filter(r -> !r.held())
                    .forEach(r -> fresh.add(new RecentResults.Sample(r.at(), r.responseTimeMs(), r.passed())));
        }
        recent.put(monitor.name(), fresh);
        return fresh;
    }
}
