package dev.firewatch.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firewatch.auth.Role;
import dev.firewatch.testing.Eventually;
import dev.firewatch.testing.TestFirewatch;
import dev.firewatch.testing.TestHttp;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** While the database is down, the web tier's alerts join the database's incident as symptoms. */
class DependencyFlowTest {
    static final String CONFIG = TestFirewatch.BASE_CONFIG + """
              - name: database
                integration_key: database-key
              - name: web
                integration_key: web-key
                depends_on: [database]
            """;

    static String event(String action, String key, String dedup, String summary) {
        return """
                {"routing_key": "%s", "event_action": "%s", "dedup_key": "%s",
                 "payload": {"summary": "%s", "source": "x", "severity": "critical"}}""".formatted(key, action, dedup, summary);
    }

    JsonNode incidents(TestHttp api) {
        return api.getJson("/api/v1/incidents?state=triggered,acknowledged,resolved")
                .path("incidents");
    }

    @Test
    void childrenOfAFailingServiceJoinItsIncidentInsteadOfPagingOnTheirOwn(@TempDir Path dir) throws Exception {
        try (TestFirewatch firewatch = TestFirewatch.start(dir, CONFIG, Clock.systemUTC(), Map.of())) {
            TestHttp sender = firewatch.http();
            TestHttp api = firewatch.http().withKey(firewatch.key(Role.VIEWER));
            sender.postJson("/v2/enqueue", event("trigger", "database-key", "db", "Primary database down"));
            JsonNode root = Eventually.within(Duration.ofSeconds(5), () -> incidents(api), list -> list.size() == 1)
                    .path(0);
            for (int i = 1; i <= 3; i++) {
                sender.postJson("/v2/enqueue", event("trigger", "web-key", "web-" + i, "web-" + i + " returns 500"));
            }
            JsonNode detail = Eventually.within(
                    Duration.ofSeconds(5),
                    () -> api.getJson("/api/v1/incidents/" + root.path("number").asText()),
                    d -> d.path("alert_count").asInt() == 4);
            assertThat(incidents(api)).as("one page, not four").hasSize(1);
            assertThat(detail.path("timeline").findValuesAsText("text")).anySatisfy(t -> assertThat(t)
                    .startsWith("Symptom on web, which depends on this: web-1 returns 500"));
            JsonNode webAlerts = api.getJson("/api/v1/alerts?service=web").path("alerts");
            assertThat(webAlerts.findValuesAsText("suppressed_by")).hasSize(3).allSatisfy(s -> assertThat(s)
                    .isEqualTo("dependency database (incident #"
                            + root.path("number").asText() + ")"));

            sender.postJson("/v2/enqueue", event("resolve", "database-key", "db", ""));
            for (int i = 1; i <= 3; i++) {
                sender.postJson("/v2/enqueue", event("resolve", "web-key", "web-" + i, ""));
            }
            Eventually.within(
                    Duration.ofSeconds(5),
                    () -> incidents(api).path(0).path("state").asText(),
                    s -> s.equals("resolved"));

            sender.postJson("/v2/enqueue", event("trigger", "web-key", "web-9", "web-9 returns 500"));
            Eventually.within(Duration.ofSeconds(5), () -> incidents(api), list -> list.size() == 2);
            assertThat(incidents(api).path(0).path("service").asText())
                    .as("with the database well, a web alert pages on its own")
                    .isEqualTo("web");
        }
    }
}
