package dev.firewatch.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firewatch.auth.Role;
import dev.firewatch.testing.Eventually;
import dev.firewatch.testing.MutableClock;
import dev.firewatch.testing.PostgresDatabases;
import dev.firewatch.testing.TestFirewatch;
import dev.firewatch.testing.TestHttp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Heartbeats end to end, on SQLite and PostgreSQL: pings over HTTP, the scheduler on a mutable clock, and the
 * incidents the API then shows on the heartbeat's service.
 */
class HeartbeatFlowTest {
    static final String UUID = "6f1b7c1e-2d3a-4b5c-8d9e-0f1a2b3c4d5e";
    static final String LATE = "Heartbeat nightly-backup is late: last ping 2026-12-07 02:00:00 UTC, expected by"
            + " 2026-12-07 03:00:00 UTC (+10m grace)";

    static String config(String store) {
        return TestFirewatch.BASE_CONFIG + """
                heartbeats:
                  - name: nightly-backup
                    uuid: %s
                    service: demo
                    period: 1h
                    grace: 10m
                    max_runtime: 30m
                    annotations: {runbook_url: "https://runbooks.example/backup"}
                %s""".formatted(UUID, store);
    }

    static String store(String vendor) {
        return vendor.equals("postgresql") ? "store:\n  url: " + PostgresDatabases.create() + "\n  pool_size: 4\n" : "";
    }

    static JsonNode incident(TestHttp api, String title, String state) {
        return Eventually.within(
                        Duration.ofSeconds(10),
                        () -> java.util.stream.StreamSupport.stream(
                                        api.getJson("/api/v1/incidents?state=triggered,acknowledged,resolved")
                                                .path("incidents")
                                                .spliterator(),
                                        false)
                                .filter(i -> i.path("title").asText().equals(title)
                                        && i.path("state").asText().equals(state))
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
    }

    static JsonNode heartbeat(TestHttp api) {
        return api.getJson("/api/v1/heartbeats/nightly-backup");
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"sqlite", "postgresql"})
    void aLateHeartbeatOpensAnIncidentAfterARestartAndTheNextSuccessResolvesIt(String vendor, @TempDir Path dir) {
        MutableClock clock = MutableClock.at("2026-12-07T02:00:00Z");
        String config = config(store(vendor));
        try (TestFirewatch first = TestFirewatch.start(dir, config, clock, Map.of())) {
            assertThat(first.http()
                            .post("/ping/" + UUID, "text/plain", "backup done\n".getBytes(StandardCharsets.UTF_8))
                            .statusCode())
                    .isEqualTo(200);
        }

        // A second Firewatch on the same store: the deadline is a row, not a timer the first one took with it.
        try (TestFirewatch second = TestFirewatch.start(dir, config, clock, Map.of())) {
            TestHttp api = second.http().withKey(second.key(Role.VIEWER));
            clock.advance(Duration.ofMinutes(65));
            assertThat(heartbeat(api).path("status").asText()).isEqualTo("grace");
            assertThat(heartbeat(api).path("next_due_at").asText()).isEqualTo("2026-12-07T03:10:00.000Z");

            clock.advance(Duration.ofMinutes(5));
            JsonNode opened = incident(api, LATE, "triggered");
            assertThat(opened.path("service").asText()).isEqualTo("demo");
            assertThat(heartbeat(api).path("status").asText()).isEqualTo("down");
            JsonNode alert =
                    api.getJson("/api/v1/alerts?service=demo").path("alerts").path(0);
            assertThat(alert.path("dedup_key").asText()).isEqualTo("heartbeat:nightly-backup");
            assertThat(alert.path("annotations").path("evidence").asText()).isEqualTo("backup done");
            assertThat(alert.path("annotations").path("runbook_url").asText())
                    .isEqualTo("https://runbooks.example/backup");
            assertThat(alert.path("labels").path("heartbeat").asText()).isEqualTo("nightly-backup");
            assertThat(second.http()
                            .getJson("/readyz")
                            .path("checks")
                            .path("heartbeats")
                            .path("detail")
                            .asText())
                    .as("nothing left waiting once the alert is raised")
                    .isEqualTo("no heartbeat deadline waiting");

            clock.advance(Duration.ofMinutes(20));
            second.http().get("/ping/" + UUID);
            incident(api, LATE, "resolved");
            assertThat(heartbeat(api).path("status").asText()).isEqualTo("up");
        }
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"sqlite", "postgresql"})
    void aFailedRunPagesAtOnceWithItsExitCodeAndLog(String vendor, @TempDir Path dir) {
        MutableClock clock = MutableClock.at("2026-12-07T02:00:00Z");
        try (TestFirewatch firewatch = TestFirewatch.start(dir, config(store(vendor)), clock, Map.of())) {
            TestHttp api = firewatch.http().withKey(firewatch.key(Role.VIEWER));
            firewatch.http().get("/ping/" + UUID + "/start");
            clock.advance(Duration.ofSeconds(42));
            firewatch.http().post("/ping/" + UUID + "/3", "text/plain", "pg_dump: connection refused\n".getBytes());

            incident(api, "Heartbeat nightly-backup failed with exit code 3 at 2026-12-07 02:00:42 UTC", "triggered");
            JsonNode alert =
                    api.getJson("/api/v1/alerts?service=demo").path("alerts").path(0);
            assertThat(alert.path("annotations").path("evidence").asText()).isEqualTo("pg_dump: connection refused");
            assertThat(api.getJson("/api/v1/heartbeats/nightly-backup/pings")
                            .path("pings")
                            .path(0)
                            .path("run_ms")
                            .asLong())
                    .isEqualTo(42_000);

            firewatch.http().get("/ping/" + UUID + "/0");
            incident(api, "Heartbeat nightly-backup failed with exit code 3 at 2026-12-07 02:00:42 UTC", "resolved");
        }
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"sqlite", "postgresql"})
    void aStartWithoutAFinishPagesWhenTheMaxRunTimeRunsOut(String vendor, @TempDir Path dir) {
        MutableClock clock = MutableClock.at("2026-12-07T02:00:00Z");
        try (TestFirewatch firewatch = TestFirewatch.start(dir, config(store(vendor)), clock, Map.of())) {
            TestHttp api = firewatch.http().withKey(firewatch.key(Role.VIEWER));
            firewatch.http().get("/ping/" + UUID + "/start");

            clock.advance(Duration.ofMinutes(29));
            assertThat(heartbeat(api).path("status").asText()).isEqualTo("started");
            clock.advance(Duration.ofMinutes(1));

            incident(
                    api,
                    "Heartbeat nightly-backup started at 2026-12-07 02:00:00 UTC and never finished (max run time 30m)",
                    "triggered");
        }
    }

    /**
     * Alertmanager's Watchdog: an alert that always fires, sent to a receiver whose webhook URL is the ping URL. Any
     * POST is a ping, so its repeats keep the heartbeat up, and when the monitoring pipeline dies and they stop,
     * Firewatch pages. No code of ours reads the body; this proves a real v4 webhook body is taken as a ping.
     */
    @Test
    void alertmanagersWatchdogReceiverKeepsTheHeartbeatUpAndItsSilencePages(@TempDir Path dir) {
        MutableClock clock = MutableClock.at("2026-12-07T02:00:00Z");
        String watchdog = """
                {"receiver":"firewatch-watchdog","status":"firing","alerts":[{"status":"firing",\
                "labels":{"alertname":"Watchdog","prometheus":"monitoring/k8s","severity":"none"},\
                "annotations":{"description":"This is an alert meant to ensure that the entire alerting pipeline is\
                 functional. This alert is always firing.","summary":"An alert that should always be firing to\
                 certify that Alertmanager is working properly."},"startsAt":"2026-12-07T01:00:00.000Z",\
                "endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prometheus:9090/graph?g0.expr=vector%281%29",\
                "fingerprint":"e0e5a7cc7b2c7d9a"}],"groupLabels":{"alertname":"Watchdog"},\
                "commonLabels":{"alertname":"Watchdog","prometheus":"monitoring/k8s","severity":"none"},\
                "commonAnnotations":{},"externalURL":"http://alertmanager:9093","version":"4",\
                "groupKey":"{}/{alertname=\\"Watchdog\\"}:{alertname=\\"Watchdog\\"}","truncatedAlerts":0}""";
        try (TestFirewatch firewatch = TestFirewatch.start(dir, config(""), clock, Map.of())) {
            TestHttp alertmanager = firewatch.http();
            TestHttp api = firewatch.http().withKey(firewatch.key(Role.VIEWER));
            for (int repeat = 0; repeat < 3; repeat++) {
                assertThat(alertmanager
                                .post(
                                        "/ping/" + UUID,
                                        "application/json",
                                        watchdog.getBytes(StandardCharsets.UTF_8),
                                        "User-Agent",
                                        "Alertmanager/0.28.1")
                                .statusCode())
                        .isEqualTo(200);
                clock.advance(Duration.ofMinutes(50)); // repeat_interval, within the period
            }
            assertThat(heartbeat(api).path("status").asText()).isEqualTo("up");
            assertThat(api.getJson("/api/v1/heartbeats/nightly-backup/pings")
                            .path("pings")
                            .path(0)
                            .path("body")
                            .asText())
                    .contains("\"alertname\":\"Watchdog\"");

            // The pipeline dies: no more repeats.
            clock.advance(Duration.ofMinutes(20));
            incident(
                    api,
                    "Heartbeat nightly-backup is late: last ping 2026-12-07 03:40:00 UTC, expected by 2026-12-07"
                            + " 04:40:00 UTC (+10m grace)",
                    "triggered");
        }
    }
}
