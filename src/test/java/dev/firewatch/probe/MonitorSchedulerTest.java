package dev.firewatch.probe;

import static dev.firewatch.probe.ProbeRig.passed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.firewatch.alert.Severity;
import dev.firewatch.testing.Eventually;
import dev.firewatch.testing.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduler driven by {@code tick(now)} with a clock the test moves: checks start at their planned slots on
 * threads of their own, a hung target delays nobody else, a host gets at most its limit, and a reload is followed.
 * The only waits are for the checks' own threads to report, never for time to pass.
 */
class MonitorSchedulerTest {
    @TempDir
    Path dir;

    static MonitorSpec tcp(String name, String host, Duration interval) {
        return new MonitorSpec(
                name,
                "web",
                Severity.CRITICAL,
                interval,
                Duration.ofSeconds(1),
                Duration.ZERO,
                new ProbeSpec.Tcp(host, 443),
                List.of(),
                3,
                1,
                List.of(),
                Map.of(),
                Map.of());
    }

    /** Counts the checks of each monitor; a monitor in {@code hang} blocks until released. */
    static final class Targets implements Checker {
        final Map<String, AtomicInteger> checks = new ConcurrentHashMap<>();
        final CountDownLatch release = new CountDownLatch(1);
        final java.util.Set<String> hang = ConcurrentHashMap.newKeySet();
        final MutableClock clock;

        Targets(MutableClock clock) {
            this.clock = clock;
        }

        @Override
        public ProbeResult check(MonitorSpec monitor) {
            checks.computeIfAbsent(monitor.name(), n -> new AtomicInteger()).incrementAndGet();
            if (hang.contains(monitor.probe().host())) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return passed(monitor.name(), clock.instant(), 20);
        }

        int of(String name) {
            AtomicInteger n = checks.get(name);
            return n == null ? 0 : n.get();
        }
    }

    @Test
    void eachMonitorIsCheckedOncePerSlotAndAHungTargetDelaysNobodyElse() {
        MutableClock clock = MutableClock.at("2026-11-23T03:00:00Z");
        Targets targets = new Targets(clock);
        targets.hang.add("slow.example");
        List<MonitorSpec> monitors = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            monitors.add(tcp("fast-" + i, "fast-" + i + ".example", Duration.ofSeconds(10)));
        }
        monitors.add(tcp("slow", "slow.example", Duration.ofSeconds(10)));
        try (ProbeRig rig = ProbeRig.sqlite(dir, clock);
                MonitorScheduler scheduler = new MonitorScheduler(
                        () -> monitors, targets, rig.states, () -> 8, clock, new SimpleMeterRegistry())) {
            Instant start = clock.instant();
            // Two minutes in steps of one second: every monitor's slot comes twelve times.
            for (int s = 0; s <= 120; s++) {
                scheduler.tick(clock.instant());
                settle(scheduler, 1);
                clock.advance(Duration.ofSeconds(1));
            }
            Eventually.within(Duration.ofSeconds(10), scheduler::running, n -> n == 1);
            for (int i = 0; i < 50; i++) {
                assertThat(targets.of("fast-" + i)).as("checks of fast-" + i).isBetween(12, 13);
            }
            // The hung check started once; its later slots were skipped, not queued behind it.
            assertThat(targets.of("slow")).isEqualTo(1);
            assertThat(scheduler.skipped()).isBetween(11L, 12L);
            assertThat(rig.states.status("fast-0").state()).isEqualTo(MonitorState.UP);
            assertThat(scheduler.lagging(start.plusSeconds(121))).isEmpty();
            targets.release.countDown();
        }
    }

    @Test
    void oneHostGetsAtMostItsLimitOfChecksAtOnce() throws Exception {
        MutableClock clock = MutableClock.at("2026-11-23T03:00:00Z");
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        Checker checker = monitor -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            return passed(monitor.name(), clock.instant(), 5);
        };
        List<MonitorSpec> monitors = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            monitors.add(tcp("api-" + i, "api.example", Duration.ofSeconds(10)));
        }
        try (ProbeRig rig = ProbeRig.sqlite(dir, clock);
                MonitorScheduler scheduler = new MonitorScheduler(
                        () -> monitors, checker, rig.states, () -> 3, clock, new SimpleMeterRegistry())) {
            for (int s = 0; s <= 10; s++) {
                scheduler.tick(clock.instant());
                clock.advance(Duration.ofSeconds(1));
            }
            Eventually.within(Duration.ofSeconds(10), inFlight::get, n -> n == 3);
            assertThat(scheduler.running()).isEqualTo(20); // started, 17 of them waiting for the host
            release.countDown();
            Eventually.within(Duration.ofSeconds(10), scheduler::running, n -> n == 0);
            assertThat(most.get()).isEqualTo(3);
        }
    }

    @Test
    void aReloadAddsRemovesAndChangesMonitors() {
        MutableClock clock = MutableClock.at("2026-11-23T03:00:00Z");
        Targets targets = new Targets(clock);
        AtomicReference<List<MonitorSpec>> config = new AtomicReference<>(List.of(
                tcp("kept", "a.example", Duration.ofSeconds(10)), tcp("dropped", "b.example", Duration.ofSeconds(10))));
        try (ProbeRig rig = ProbeRig.sqlite(dir, clock);
                MonitorScheduler scheduler = new MonitorScheduler(
                        config::get, targets, rig.states, () -> 8, clock, new SimpleMeterRegistry())) {
            run(scheduler, clock, 30);
            assertThat(scheduler.planned()).isEqualTo(2);
            int droppedBefore = targets.of("dropped");
            int keptBefore = targets.of("kept");

            // The reload: "dropped" goes, "added" comes, "kept" now runs every 5 s instead of 10.
            config.set(List.of(
                    tcp("kept", "a.example", Duration.ofSeconds(5)),
                    tcp("added", "c.example", Duration.ofSeconds(10))));
            run(scheduler, clock, 60);
            assertThat(scheduler.planned()).isEqualTo(2);
            assertThat(targets.of("dropped")).isEqualTo(droppedBefore);
            assertThat(targets.of("added")).isBetween(6, 7);
            assertThat(targets.of("kept") - keptBefore).isBetween(12, 13);
        }
    }

    private static void run(MonitorScheduler scheduler, MutableClock clock, int seconds) {
        for (int s = 0; s < seconds; s++) {
            scheduler.tick(clock.instant());
            settle(scheduler, 0);
            clock.advance(Duration.ofSeconds(1));
        }
    }

    /** Waits (for the checks' threads, not for a deadline) until at most {@code left} checks still run. */
    private static void settle(MonitorScheduler scheduler, int left) {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (scheduler.running() > left) {
            if (System.nanoTime() > until) {
                throw new AssertionError(scheduler.running() + " checks still run after 10 s");
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }
}
