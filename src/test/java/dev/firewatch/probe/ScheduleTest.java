package dev.firewatch.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firewatch.alert.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** When checks start, as a pure function of the monitor and the time: spread, steady and skipping, not queueing. */
class ScheduleTest {
    static final Instant NOW = Instant.parse("2026-11-23T03:00:00.000Z");

    static MonitorSpec every(String name, Duration interval, Duration jitter) {
        return new MonitorSpec(
                name,
                "web",
                Severity.CRITICAL,
                interval,
                Duration.ofSeconds(1),
                jitter,
                new ProbeSpec.Tcp("db.example", 5432),
                List.of(),
                3,
                1,
                List.of(),
                Map.of(),
                Map.of());
    }

    @Test
    void tenThousandMonitorsWithOneIntervalSpreadOverIt() {
        int[] perSecond = new int[10];
        IntStream.range(0, 10_000).forEach(i -> {
            Schedule.Slot first = Schedule.first(every("web-" + i, Duration.ofSeconds(10), Duration.ZERO), NOW);
            assertThat(first.at()).isBetween(NOW, NOW.plusSeconds(10));
            perSecond[(int) (Duration.between(NOW, first.at()).toMillis() / 1000 % 10)]++;
        });
        // An even spread puts 1,000 in each second; none gets more than 1,200 or fewer than 800.
        assertThat(IntStream.of(perSecond).boxed().toList())
                .allSatisfy(n -> assertThat(n).isBetween(800, 1_200));
    }

    @Test
    void aMonitorKeepsItsBeatAcrossRestartsAndNodes() {
        MonitorSpec web = every("web", Duration.ofSeconds(30), Duration.ZERO);
        Schedule.Slot now = Schedule.first(web, NOW);
        Schedule.Slot later = Schedule.first(web, NOW.plus(Duration.ofHours(5)).plusMillis(1));
        assertThat(Duration.between(now.at(), later.at()).toMillis() % 30_000).isZero();
        assertThat(Schedule.phase("web", 30_000)).isEqualTo(Schedule.phase("web", 30_000));
    }

    @Test
    void theNextStartIsThePlannedOneNotTheEndOfTheCheckPlusTheInterval() {
        MonitorSpec web = every("web", Duration.ofSeconds(10), Duration.ZERO);
        Schedule.Slot slot = Schedule.first(web, NOW);
        for (int i = 0; i < 100; i++) {
            // Each check took 3.7 s; the next still starts exactly 10 s after the last planned start.
            Schedule.Next next = Schedule.after(web, slot, slot.at().plusMillis(3_700));
            assertThat(next.slot().at()).isEqualTo(slot.at().plusSeconds(10));
            assertThat(next.skipped()).isZero();
            slot = next.slot();
        }
        assertThat(slot.at()).isEqualTo(Schedule.first(web, NOW).at().plusSeconds(1_000));
    }

    @Test
    void aCheckThatOverranSkipsTheSlotsItMissedInsteadOfQueueingThem() {
        MonitorSpec web = every("web", Duration.ofSeconds(10), Duration.ZERO);
        Schedule.Slot slot = Schedule.first(web, NOW);
        // The check took 35 s: the slots at +10, +20 and +30 are gone; the next is +40.
        Schedule.Next next = Schedule.after(web, slot, slot.at().plusSeconds(35));
        assertThat(next.slot().at()).isEqualTo(slot.at().plusSeconds(40));
        assertThat(next.skipped()).isEqualTo(3);
    }

    @Test
    void jitterDelaysEachStartByLessThanTheJitterTheSameWayForWhoeverAsks() {
        MonitorSpec plain = every("web", Duration.ofSeconds(60), Duration.ZERO);
        MonitorSpec jittered = every("web", Duration.ofSeconds(60), Duration.ofSeconds(5));
        for (long k = 1_000; k < 1_200; k++) {
            Duration delay = Duration.between(
                    Schedule.slot(plain, k).at(), Schedule.slot(jittered, k).at());
            assertThat(delay).isBetween(Duration.ZERO, Duration.ofMillis(4_999));
            assertThat(Schedule.slot(jittered, k)).isEqualTo(Schedule.slot(jittered, k));
        }
        List<Duration> delays = IntStream.range(0, 50)
                .mapToObj(k -> Duration.between(
                        Schedule.slot(plain, k).at(), Schedule.slot(jittered, k).at()))
                .distinct()
                .toList();
        assertThat(delays).hasSizeGreaterThan(40);
    }
}
