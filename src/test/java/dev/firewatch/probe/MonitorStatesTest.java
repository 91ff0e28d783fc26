package dev.firewatch.probe;

import static dev.firewatch.probe.ProbeRig.failed;
import static dev.firewatch.probe.ProbeRig.monitor;
import static dev.firewatch.probe.ProbeRig.passed;
import static dev.firewatch.probe.ProbeRig.unreachable;
import static org.assertj.core.api.Assertions.assertThat;

import dev.firewatch.alert.Signal;
import dev.firewatch.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A monitor's state follows its results by the table in {@link Transitions}, with a fixed clock, a real SQLite
 * file and the real intake journal: what a responder would notice is the state, its reason, and the triggers and
 * resolves that reached the journal.
 */
class MonitorStatesTest {
    @TempDir
    Path dir;

    static Stream<Arguments> sequences() {
        // P = passed, F = failed (reached), U = could not reach while cut off; monitor: down after 3, up after 2.
        return Stream.of(
                Arguments.of("the first pass makes a new monitor up", "P", "up", 0, 0),
                Arguments.of("two failures are not enough to page", "PFF", "up", 0, 0),
                Arguments.of("a pass in between starts the count again", "FFPFF", "up", 0, 0),
                Arguments.of("three failures in a row make it down, with one trigger", "PFFF", "down", 1, 0),
                Arguments.of("more failures keep it down without paging again", "PFFFFFF", "down", 1, 0),
                Arguments.of("one pass after down is not yet up", "FFFP", "down", 1, 0),
                Arguments.of("two passes after down make it up and resolve", "FFFPP", "up", 1, 1),
                Arguments.of("a failure between passes starts the recovery count again", "FFFPFP", "down", 1, 0),
                Arguments.of("failures while cut off are unknown and never page", "PUUUUU", "unknown", 0, 0),
                Arguments.of("held results do not count toward down", "FFUUF", "down", 1, 0),
                Arguments.of("a down monitor cut off stays paged, and recovers with passes", "FFFUUPP", "up", 1, 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sequences")
    void stateFollowsResults(String sentence, String results, String state, int triggers, int resolves) {
        MutableClock clock = MutableClock.at("2026-11-23T03:00:00Z");
        try (ProbeRig rig = ProbeRig.sqlite(dir, clock)) {
            MonitorSpec shop = monitor("shop");
            MonitorStatus last = null;
            for (char c : results.toCharArray()) {
                rig.cutOff = c == 'U';
                last = rig.check(
                        shop,
                        switch (c) {
                            case 'P' -> (name, at) -> passed(name, at, 80);
                            case 'F' -> (name, at) -> failed(name, at, "[STATUS] (503) == 200");
                            default -> (name, at) -> unreachable(name, at);
                        });
            }
            assertThat(last.state().wireName()).isEqualTo(state);
            assertThat(rig.triggers()).hasSize(triggers);
            assertThat(rig.resolves()).isEqualTo(resolves);
        }
    }

    @Test
    void threeFailuresPageOnceWithTheFailedConditionTheStatusAndTheLatency() {
        MutableClock clock = MutableClock.at("2026-11-23T03:00:00Z");
        try (ProbeRig rig = ProbeRig.sqlite(dir, clock)) {
            MonitorSpec shop = monitor("shop");
            rig.check(shop, (n, at) -> passed(n, at, 80));
            MonitorStatus first = rig.check(shop, (n, at) -> failed(n, at, "[STATUS] (503) == 200"));
            assertThat(first.reason()).isEqualTo("failed 1 of 3 before down: [STATUS] (503) == 200");
            rig.check(shop, (n, at) -> failed(n, at, "[STATUS] (503) == 200"));
            MonitorStatus down = rig.check(shop, (n, at) -> failed(n, at, "[STATUS] (503) == 200"));

            assertThat(down.state()).isEqualTo(MonitorState.DOWN);
            assertThat(down.reason()).isEqualTo("down after 3 consecutive failures: [STATUS] (503) == 200");
            assertThat(down.since()).isEqualTo(clock.instant().minus(Duration.ofSeconds(10)));
            Signal.Trigger trigger = rig.triggers().getFirst();
            assertThat(rig.triggers()).hasSize(1);
            assertThat(trigger.integrationKey()).isEqualTo("web-key");
            assertThat(trigger.dedupKey()).isEqualTo("monitor:shop");
            assertThat(trigger.source()).isEqualTo(Signal.Source.PROBE);
            assertThat(trigger.summary()).isEqualTo("shop is down: [STATUS] (503) == 200");
            assertThat(trigger.labels())
                    .containsEntry("monitor", "shop")
                    .containsEntry("service", "web")
                    .containsEntry("team", "shop");
            assertThat(trigger.annotations()).containsEntry("runbook_url", "https://runbooks.example/shop");
            assertThat(trigger.annotations().get("description"))
                    .contains("HTTP monitor shop of shop.example is down")
                    .contains("Failed: [STATUS] (503) == 200")
                    .contains("Response time: 40 ms")
                    .contains("What came: HTTP 503 · maintenance");
            assertThat(rig.sent.getFirst().service()).isEqualTo("web");
        }
    }

    @Test
    void recoveryAfterTwoPassesResolvesTheOneAlert() {
        MutableClock clock = MutableClock.at("2026-11-23T03:00:00Z");
        try (ProbeRig rig = ProbeRig.sqlite(dir, clock)) {
            MonitorSpec shop = monitor("shop");
            for (int i = 0; i < 3; i++) {
                rig.check(shop, (n, at) -> failed(n, at, "connection refused"));
            }
            MonitorStatus halfway = rig.check(shop, (n, at) -> passed(n, at, 90));
            assertThat(halfway.reason()).isEqualTo("passed 1 of 2 before up");
            MonitorStatus up = rig.check(shop, (n, at) -> passed(n, at, 90));

            assertThat(up.state()).isEqualTo(MonitorState.UP);
            assertThat(up.reason()).isEqualTo("up after 2 consecutive passes");
            assertThat(rig.signals()).hasSize(2);
            Signal.Resolve resolve = (Signal.Resolve) rig.signals().get(1);
            assertThat(resolve.dedupKey()).isEqualTo("monitor:shop");
            assertThat(resolve.integrationKey()).isEqualTo("web-key");
        }
    }

    @Test
    void aFlappingMonitorHoldsOneIncidentOpenUntilItSettles() {
        MutableClock clock = MutableClock.at("2026-11-23T03:00:00Z");
        try (ProbeRig rig = ProbeRig.sqlite(dir, clock)) {
            MonitorSpec shop = monitor("shop");
            rig.check(shop, (n, at) -> passed(n, at, 80));
            // Down and up again, five times within ten minutes: from the fifth change (more than four in 30
            // minutes) it is flapping, and from then on the one alert stays open.
            MonitorStatus last = null;
            long resolvesOnceFlapping = -1;
            for (int round = 0; round < 5; round++) {
                for (int i = 0; i < 3; i++) {
                    last = rig.check(shop, (n, at) -> failed(n, at, "[STATUS] (502) == 200"));
                }
                if (last.flapping() && resolvesOnceFlapping < 0) {
                    resolvesOnceFlapping = rig.resolves();
                }
                for (int i = 0; i < 2; i++) {
                    last = rig.check(shop, (n, at) -> passed(n, at, 80));
                }
            }
            assertThat(resolvesOnceFlapping).isEqualTo(2);
            assertThat(last.state()).isEqualTo(MonitorState.UP);
            assertThat(last.flapping()).isTrue();
            assertThat(last.alerting()).isTrue();
            assertThat(last.shown()).isEqualTo("up (flapping)");
            assertThat(last.reason()).contains("flapping (").contains("one incident stays open until it settles");
            assertThat(rig.resolves()).isEqualTo(resolvesOnceFlapping);
            assertThat(rig.triggers()).extracting(Signal::dedupKey).containsOnly("monitor:shop");
            long resolvesWhileFlapping = rig.resolves();

            // Quiet for half an hour: it settles, and the resolve goes out.
            MonitorStatus settled = null;
            for (int i = 0; i < 200; i++) {
                settled = rig.check(shop, (n, at) -> passed(n, at, 80));
            }
            assertThat(settled.flapping()).isFalse();
            assertThat(settled.shown()).isEqualTo("up");
            assertThat(rig.resolves()).isEqualTo(resolvesWhileFlapping + 1);
            assertThat(rig.signals().getLast()).isInstanceOf(Signal.Resolve.class);
        }
    }

    @Test
    void aSlowTargetTripsTheP95LatencyRuleAndRecovers() {
        MutableClock clock = MutableClock.at("2026-11-23T03:00:00Z");
        try (ProbeRig rig = ProbeRig.sqlite(dir, clock)) {
            MonitorSpec shop = monitor(
                    "shop",
                    new WindowRule.Latency(95, Duration.ofMillis(500), Duration.ofMinutes(2), "p95 > 500ms for 2m"));
            // 12 checks in two minutes: fast at first, then the target slows down.
            long[] scripted = {80, 90, 85, 70, 95, 88, 900, 950, 1200, 1100, 980, 1300};
            MonitorStatus last = null;
            for (long ms : scripted) {
                last = rig.check(shop, (n, at) -> passed(n, at, ms));
            }
            assertThat(last.state()).isEqualTo(MonitorState.DEGRADED);
            assertThat(last.reason())
                    .startsWith("degraded: p95 response time 1300 ms over the last 2m is above 500 ms");
            assertThat(rig.triggers()).hasSize(1);
            assertThat(rig.triggers().getFirst().summary()).startsWith("shop is degraded: p95 response time");

            // Fast again for the whole window: up, and the alert resolves.
            for (int i = 0; i < 13; i++) {
                last = rig.check(shop, (n, at) -> passed(n, at, 60));
            }
            assertThat(last.state()).isEqualTo(MonitorState.UP);
            assertThat(rig.resolves()).isEqualTo(1);
        }
    }

    @Test
    void tooManyErrorsInTheWindowMakeItDegradedBeforeItIsDown() {
        MutableClock clock = MutableClock.at("2026-11-23T03:00:00Z");
        try (ProbeRig rig = ProbeRig.sqlite(dir, clock)) {
            MonitorSpec shop =
                    monitor("shop", new WindowRule.ErrorRatio(0.10, Duration.ofMinutes(5), "errors > 10% over 5m"));
            // One failure in three, never three in a row: never down, but a third of the checks fail.
            MonitorStatus last = null;
            for (int i = 0; i < 9; i++) {
                last = i % 3 == 2
                        ? rig.check(shop, (n, at) -> failed(n, at, "[BODY].status (\"error\") == \"ok\""))
                        : rig.check(shop, (n, at) -> passed(n, at, 50));
            }
            assertThat(last.reason()).contains("3 of 9 checks failed over the last 5m (33.3 %), above 10 %");
            assertThat(rig.triggers()).hasSize(1);
            assertThat(rig.triggers().getFirst().summary()).contains("is degraded: ");
        }
    }

    @Test
    void aRestartInTheMiddleKeepsTheStateAndDoesNotPageAgain() {
        MutableClock clock = MutableClock.at("2026-11-23T03:00:00Z");
        MonitorSpec shop = monitor("shop");
        try (ProbeRig rig = ProbeRig.sqlite(dir, clock)) {
            for (int i = 0; i < 3; i++) {
                rig.check(shop, (n, at) -> failed(n, at, "connection refused"));
            }
            rig.check(shop, (n, at) -> passed(n, at, 50));
            rig.history.flush();
            assertThat(rig.triggers()).hasSize(1);
        }
        try (ProbeRig again = ProbeRig.sqlite(dir, clock)) {
            MonitorStatus stored = again.states.status("shop");
            assertThat(stored.state()).isEqualTo(MonitorState.DOWN);
            assertThat(stored.successes()).isEqualTo(1);
            assertThat(stored.alerting()).isTrue();
            assertThat(stored.last())
                    .hasValueSatisfying(l -> assertThat(l.passed()).isTrue());

            // The second pass after the restart completes the recovery begun before it.
            MonitorStatus up = again.check(shop, (n, at) -> passed(n, at, 50));
            assertThat(up.state()).isEqualTo(MonitorState.UP);
            assertThat(again.triggers()).isEmpty();
            assertThat(again.resolves()).isEqualTo(1);
        }
    }

    @Test
    void aMonitorWhoseServiceIsGoneStillChangesStateWithoutPaging() {
        MutableClock clock = MutableClock.at("2026-11-23T03:00:00Z");
        try (ProbeRig rig = ProbeRig.sqlite(dir, clock)) {
            MonitorSpec orphan = new MonitorSpec(
                    "orphan",
                    "gone",
                    dev.firewatch.alert.Severity.ERROR,
                    Duration.ofSeconds(10),
                    Duration.ofSeconds(1),
                    Duration.ZERO,
                    new ProbeSpec.Tcp("db.example", 5432),
                    List.of(),
                    1,
                    1,
                    List.of(),
                    java.util.Map.of(),
                    java.util.Map.of());
            MonitorStatus down = rig.check(orphan, (n, at) -> failed(n, at, "connection refused"));
            assertThat(down.state()).isEqualTo(MonitorState.DOWN);
            assertThat(rig.signals()).isEmpty();
        }
    }
}
