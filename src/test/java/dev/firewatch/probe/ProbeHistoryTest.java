package dev.firewatch.probe;

import static dev.firewatch.probe.ProbeRig.failed;
import static dev.firewatch.probe.ProbeRig.monitor;
import static dev.firewatch.probe.ProbeRig.passed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.firewatch.store.StoreSpec;
import dev.firewatch.testing.MutableClock;
import dev.firewatch.testing.PostgresDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Results are kept, rolled up per minute, hour and day as they are written, read back for uptime and charts, and
 * pruned past their retention in bounded batches; the same SQL on SQLite and PostgreSQL.
 */
class ProbeHistoryTest {
    @TempDir
    Path dir;

    ProbeRig rig(String vendor, MutableClock clock) {
        StoreSpec spec =
                vendor.equals("postgresql") ? new StoreSpec(PostgresDatabases.create(), 4) : StoreSpec.DEFAULTS;
        return new ProbeRig(spec, dir, clock);
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"sqlite", "postgresql"})
    void resultsRollUpPerMinuteHourAndDayAndGiveUptimeAndPercentiles(String vendor) {
        MutableClock clock = MutableClock.at("2026-11-23T03:00:00Z");
        try (ProbeRig rig = rig(vendor, clock)) {
            MonitorSpec shop = monitor("shop");
            // Two hours of checks every 10 s (720): one in twenty fails; response times 40 ms, every fifth 400 ms.
            for (int i = 0; i < 720; i++) {
                int n = i;
                rig.check(
                        shop,
                        (name, at) -> n % 20 == 19
                                ? failed(name, at, "[STATUS] (500) == 200")
                                : passed(name, at, n % 5 == 4 ? 400 : 40));
                if (i % 100 == 0) {
                    rig.history.flush(); // several batches, so roll-ups are summed across commits
                }
            }
            rig.history.flush();
            Instant start = Instant.parse("2026-11-23T03:00:00Z");

            List<Rollup> minutes = rig.history.rollups("shop", Rollup.Resolution.MINUTE, start);
            assertThat(minutes).hasSize(120);
            assertThat(minutes.getFirst().checks()).isEqualTo(6);
            List<Rollup> hours = rig.history.rollups("shop", Rollup.Resolution.HOUR, start);
            assertThat(hours).extracting(Rollup::bucket).containsExactly(start, start.plusSeconds(3_600));
            assertThat(hours).allSatisfy(h -> {
                assertThat(h.checks()).isEqualTo(360);
                assertThat(h.failures()).isEqualTo(18);
                assertThat(h.percentile(50)).isBetween(26L, 50L);
                assertThat(h.percentile(95)).isBetween(300L, 500L);
            });
            List<Rollup> days = rig.history.rollups("shop", Rollup.Resolution.DAY, start.minus(Duration.ofDays(1)));
            assertThat(days).singleElement().satisfies(d -> assertThat(d.checks())
                    .isEqualTo(720));

            Monitors monitors = Monitors.live(() -> List.of(shop), rig.states, rig.history, clock);
            Uptime uptime = monitors.uptime("shop", clock.instant());
            assertThat(uptime.day()).isEqualTo(95.0);
            assertThat(uptime.week()).isEqualTo(95.0);
            assertThat(uptime.month()).isEqualTo(95.0);
            assertThat(Uptime.shown(uptime.day())).isEqualTo("95.00 %");

            // The newest results by index, newest first, and the page after them by cursor.
            List<ResultRow> newest = monitors.results("shop", null, 5);
            assertThat(newest).hasSize(5);
            assertThat(newest.getFirst().at()).isEqualTo(clock.instant().minusSeconds(10));
            assertThat(newest.get(0).failure()).isEqualTo("[STATUS] (500) == 200");
            assertThat(newest.get(1).failure()).isNull();
            List<ResultRow> older =
                    monitors.results("shop", Long.valueOf(newest.getLast().id()), 5);
            assertThat(older.getFirst().at()).isEqualTo(newest.getLast().at().minusSeconds(10));
        }
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"sqlite", "postgresql"})
    void retentionPrunesEachResolutionInBoundedBatches(String vendor) {
        MutableClock clock = MutableClock.at("2026-11-20T00:00:00Z");
        try (ProbeRig rig = rig(vendor, clock)) {
            rig.retention = new MonitoringSpec.History(
                    Duration.ofHours(48), Duration.ofDays(2), Duration.ofDays(3), Duration.ofDays(4));
            MonitorSpec shop = monitor("shop");
            // One check an hour for five days.
            for (int i = 0; i < 120; i++) {
                rig.states.record(shop, passed("shop", clock.instant(), 30));
                rig.history.flush(); // as the writer does, within a second of the result
                clock.advance(Duration.ofHours(1));
            }
            rig.history.flush();
            Instant now = clock.instant(); // 2026-11-25T00:00Z

            int deleted = rig.history.prune(now);

            // Raw: 48 h kept of 120 h; minute roll-ups: 2 days; hour roll-ups: 3 days; day roll-ups: 4 days.
            assertThat(rig.history.newest("shop", null, 1_000)).hasSize(48);
            assertThat(rig.history.rollups("shop", Rollup.Resolution.MINUTE, Instant.EPOCH))
                    .hasSize(48);
            assertThat(rig.history.rollups("shop", Rollup.Resolution.HOUR, Instant.EPOCH))
                    .hasSize(72);
            assertThat(rig.history.rollups("shop", Rollup.Resolution.DAY, Instant.EPOCH))
                    .hasSize(4);
            assertThat(deleted).isEqualTo((120 - 48) + (120 - 48) + (120 - 72) + 1);
            assertThat(rig.history.prune(now)).isZero();
        }
    }
}
