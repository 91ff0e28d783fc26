package dev.firewatch.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firewatch.auth.Role;
import dev.firewatch.testing.Eventually;
import dev.firewatch.testing.MutableClock;
import dev.firewatch.testing.PostgresDatabases;
import dev.firewatch.testing.TestFirewatch;
import dev.firewatch.testing.TestHttp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A sender that stops repeating a firing alert (a dead cron host, an exporter that went away) must not leave
 * its incident open for ever: with {@code resolve_timeout} the alert resolves on its own, as Alertmanager does.
 */
class AutoResolveFlowTest {
    static final String CONFIG = TestFirewatch.BASE_CONFIG.replace("""
                integration_key: demo-key
            """, """
                integration_key: demo-key
                resolve_timeout: 5m
              - name: batch
                integration_key: batch-key
            """);

    static String trigger(String key, String dedupKey) {
        return """
                {"routing_key": "%s", "event_action": "trigger", "dedup_key": "%s",
                 "payload": {"summary": "Disk filling on %s", "source": "host", "severity": "error"}}""".formatted(key, dedupKey, dedupKey);
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"sqlite", "postgresql"})
    void anAlertNotRepeatedForItsServicesResolveTimeoutResolvesAndTakesItsIncidentWithIt(
            String store, @TempDir Path dir) {
        assertThat(CONFIG).contains("resolve_timeout: 5m");
        MutableClock clock = MutableClock.at("2026-11-23T03:00:00Z");
        String url = store.equals("postgresql") ? PostgresDatabases.create() : null;
        String config = url == null ? CONFIG : CONFIG + "store:\n  url: " + url + "\n  pool_size: 4\n";
        try (TestFirewatch firewatch = TestFirewatch.start(dir, config, clock, Map.of())) {
            TestHttp api = firewatch.http().withKey(firewatch.key(Role.VIEWER));
            TestHttp sender = firewatch.http();
            assertThat(sender.postJson("/v2/enqueue", trigger("demo-key", "disk-a"))
                            .statusCode())
                    .isEqualTo(202);
            sender.postJson("/v2/enqueue", trigger("demo-key", "disk-b"));
            sender.postJson("/v2/enqueue", trigger("batch-key", "disk-c"));
            Eventually.within(
                    Duration.ofSeconds(5),
                    () -> api.getJson("/api/v1/incidents").path("incidents").size(),
                    open -> open == 3);

            clock.advance(Duration.ofMinutes(2));
            sender.postJson("/v2/enqueue", trigger("demo-key", "disk-b")); // b is still being repeated
            Eventually.within(
                    Duration.ofSeconds(5),
                    () -> alert(api, "disk-b").path("count").asInt(),
                    count -> count == 2);

            clock.advance(Duration.ofSeconds(3 * 60 + 30)); // 5m30s after a, 3m30s after b's repeat
            JsonNode a =
                    Eventually.within(Duration.ofSeconds(10), () -> alert(api, "disk-a"), alert -> alert.path("state")
                            .asText()
                            .equals("resolved"));
            // The sweep that resolved a saw b as well, and left it: b was repeated within the timeout.
            assertThat(alert(api, "disk-b").path("state").asText()).isEqualTo("firing");
            assertThat(alert(api, "disk-c").path("state").asText())
                    .as("a service without resolve_timeout waits for an explicit resolve")
                    .isEqualTo("firing");
            JsonNode incident =
                    api.getJson("/api/v1/incidents/" + a.path("incident_id").asText());
            assertThat(incident.path("state").asText()).isEqualTo("resolved");
            assertThat(incident.path("timeline").toString()).contains("not repeated, resolve_timeout");

            clock.advance(Duration.ofMinutes(2)); // now 5m30s after b's repeat
            Eventually.within(
                    Duration.ofSeconds(10),
                    () -> alert(api, "disk-b").path("state").asText(),
                    state -> state.equals("resolved"));

            // A resolved alert that fires again is a new firing, with a new incident.
            sender.postJson("/v2/enqueue", trigger("demo-key", "disk-a"));
            Eventually.within(
                    Duration.ofSeconds(5),
                    () -> alert(api, "disk-a").path("state").asText(),
                    state -> state.equals("firing"));
            assertThat(alert(api, "disk-a").path("incident_id").asText())
                    .isNotEqualTo(a.path("incident_id").asText());
        } finally {
            if (url != null) {
                PostgresDatabases.drop(url);
            }
        }
    }

    private static JsonNode alert(TestHttp api, String dedupKey) {
        for (JsonNode alert :
                api.getJson("/api/v1/alerts?state=firing,resolved").path("alerts")) {
            if (alert.path("dedup_key").asText().equals(dedupKey)) {
                return alert;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
}
