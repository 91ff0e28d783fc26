package dev.firewatch.probe;

import dev.firewatch.alert.Severity;
import dev.firewatch.alert.Signal;
import dev.firewatch.intake.Admission;
import dev.firewatch.intake.Backlog;
import dev.firewatch.intake.Journal;
import dev.firewatch.intake.SignalCodec;
import dev.firewatch.intake.StormSpec;
import dev.firewatch.intake.Submissions;
import dev.firewatch.service.ServiceSpec;
import dev.firewatch.store.Ids;
import dev.firewatch.store.Migrations;
import dev.firewatch.store.Store;
import dev.firewatch.store.StoreSpec;
import dev.firewatch.testing.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The monitor runtime on real parts: a store (SQLite file or PostgreSQL), the real intake journal behind real
 * {@link Submissions}, the history writer and the state follower, with a clock the test moves. What was
 * submitted is what the journal committed.
 */
final class ProbeRig implements AutoCloseable {
    static final ServiceSpec WEB = new ServiceSpec("web", "", "web-key", List.of(), List.of());

    final MutableClock clock;
    final Store store;
    final Store journalStore;
    final Journal journal;
    final Submissions submissions;
    final ProbeHistory history;
    final MonitorStates states;
    final List<Journal.Entry> sent = new CopyOnWriteArrayList<>();
    volatile boolean cutOff;
    volatile MonitoringSpec.Flapping flapping = MonitoringSpec.Flapping.DEFAULTS;
    volatile MonitoringSpec.History retention = MonitoringSpec.History.DEFAULTS;

    ProbeRig(StoreSpec spec, Path dir, MutableClock clock) {
        this.clock = clock;
        var registry = new SimpleMeterRegistry();
        this.store = Store.open(spec, dir, registry);
        if (!new Migrations(store).migrate()) {
            throw new AssertionError("the store did not migrate");
        }
        this.journalStore = Store.openJournal(spec, dir, registry).orElse(store);
        if (journalStore != store && !new Migrations(journalStore).migrate()) {
            throw new AssertionError("the journal did not migrate");
        }
        Ids ids = new Ids(clock);
        this.journal = new Journal(journalStore, ids, clock, new SignalCodec(), 2_000, sent::addAll);
        this.submissions = new Submissions(new Admission(() -> StormSpec.DEFAULTS, new Backlog(), registry), journal);
        this.history = new ProbeHistory(store, clock, () -> retention);
        this.states = new MonitorStates(
                history,
                submissions,
                name -> name.equals("web") ? Optional.of(WEB) : Optional.empty(),
                () -> cutOff,
                () -> flapping,
                "http://firewatch.test",
                clock,
                registry);
    }

    static ProbeRig sqlite(Path dir, MutableClock clock) {
        return new ProbeRig(StoreSpec.DEFAULTS, dir, clock);
    }

    /** A monitor of the service {@code web}: every 10 s, down after 3 failures, up after 2 passes. */
    static MonitorSpec monitor(String name, WindowRule... windows) {
        return new MonitorSpec(
                name,
                "web",
                Severity.CRITICAL,
                Duration.ofSeconds(10),
                Duration.ofSeconds(5),
                Duration.ZERO,
                new ProbeSpec.Http(
                        URI.create("http://shop.example/health"), "GET", Map.of(), Optional.empty(), true, true),
                List.of(),
                3,
                2,
                List.of(windows),
                Map.of("team", "shop"),
                Map.of("runbook_url", "https://runbooks.example/shop"));
    }

    static ProbeResult passed(String monitor, Instant at, long millis) {
        return new ProbeResult(
                monitor, at, Duration.ofMillis(millis), true, true, Optional.empty(), Optional.of("HTTP 200"));
    }

    static ProbeResult failed(String monitor, Instant at, String failure) {
        return new ProbeResult(
                monitor,
                at,
                Duration.ofMillis(40),
                false,
                true,
                Optional.of(failure),
                Optional.of("HTTP 503 · maintenance"));
    }

    static ProbeResult unreachable(String monitor, Instant at) {
        return new ProbeResult(
                monitor,
                at,
                Duration.ofSeconds(5),
                false,
                false,
                Optional.of("connection timed out"),
                Optional.empty());
    }

    /** Follows one result at the clock's time, then moves the clock by the monitor's interval. */
    MonitorStatus check(MonitorSpec monitor, java.util.function.BiFunction<String, Instant, ProbeResult> result) {
        MonitorStatus status = states.record(monitor, result.apply(monitor.name(), clock.instant()));
        clock.advance(monitor.interval());
        return status;
    }

    List<Signal> signals() {
        return sent.stream().map(Journal.Entry::signal).toList();
    }

    List<Signal.Trigger> triggers() {
        return signals().stream()
                .filter(Signal.Trigger.class::isInstance)
                .map(Signal.Trigger.class::cast)
                .toList();
    }

    long resolves() {
        return signals().stream().filter(Signal.Resolve.class::isInstance).count();
    }

    @Override
    public void close() {
        journal.close();
        history.close();
        if (journalStore != store) {
            journalStore.close();
        }
        store.close();
    }
}
