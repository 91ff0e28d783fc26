package dev.firewatch.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firewatch.auth.Role;
import dev.firewatch.testing.Eventually;
import dev.firewatch.testing.PostgresDatabases;
import dev.firewatch.testing.TestFirewatch;
import dev.firewatch.testing.TestHttp;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Paging and the status page will act on incidents through the bus: they must hear every change, in order,
 * once, and after a restart go on where they left off rather than hear the past again.
 */
class IncidentBusTest {
    static String trigger(String dedupKey, String severity) {
        return """
                {"routing_key": "demo-key", "event_action": "trigger", "dedup_key": "%s",
                 "payload": {"summary": "Database %s does not answer", "source": "db", "severity": "%s"}}""".formatted(dedupKey, dedupKey, severity);
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"sqlite", "postgresql"})
    void listenersHearEveryChangeInOrderOnceAndResumeAfterARestart(String store, @TempDir Path dir) {
        String url = store.equals("postgresql") ? PostgresDatabases.create() : null;
        String config = url == null
                ? TestFirewatch.BASE_CONFIG
                : TestFirewatch.BASE_CONFIG + "store:\n  url: " + url + "\n  pool_size: 4\n";
        List<IncidentEvent> heard = new CopyOnWriteArrayList<>();
        try {
            String incidentId;
            try (TestFirewatch firewatch = TestFirewatch.start(dir, config, Clock.systemUTC(), Map.of())) {
                firewatch.app().incidentBus().subscribe("test-pager", (tx, event) -> heard.add(event));
                Eventually.within(
                        Duration.ofSeconds(10),
                        () -> firewatch.app().incidentBus().hasCursor("test-pager"),
                        made -> made);
                TestHttp responder = firewatch.http().withKey(firewatch.key(Role.RESPONDER));
                firewatch.http().postJson("/v2/enqueue", trigger("db-1", "warning"));
                Eventually.within(Duration.ofSeconds(10), () -> heard.size(), size -> size == 1);
                IncidentEvent.Opened opened = (IncidentEvent.Opened) heard.getFirst();
                assertThat(opened.service()).isEqualTo("demo");
                assertThat(opened.severity()).isEqualTo("SEV3");
                assertThat(opened.title()).isEqualTo("Database db-1 does not answer");
                incidentId = opened.incidentId();

                firewatch.http().postJson("/v2/enqueue", trigger("db-2", "critical"));
                Eventually.within(Duration.ofSeconds(10), () -> heard.size(), size -> size == 2);
                responder.postJson("/api/v1/incidents/" + incidentId + "/severity", "{\"severity\": \"SEV1\"}");
                responder.postJson("/api/v1/incidents/" + incidentId + "/acknowledge", "");
                Eventually.within(Duration.ofSeconds(10), () -> heard.size(), size -> size == 4);
                assertThat(((IncidentEvent.Opened) heard.get(1)).severity()).isEqualTo("SEV1");
                IncidentEvent.SeverityChanged changed = (IncidentEvent.SeverityChanged) heard.get(2);
                assertThat(List.of(changed.from(), changed.to())).containsExactly("SEV3", "SEV1");
                assertThat(changed.actor()).startsWith("key:fw_");
                assertThat(heard.get(3)).isInstanceOf(IncidentEvent.Acknowledged.class);
                assertThat(heard.get(3).incidentId()).isEqualTo(incidentId);
            }

            // A restart on the same store: the listener goes on after what it already handled.
            heard.clear();
            try (TestFirewatch firewatch = TestFirewatch.start(dir, config, Clock.systemUTC(), Map.of())) {
                firewatch
                        .http()
                        .postJson(
                                "/v2/enqueue",
                                "{\"routing_key\": \"demo-key\", \"event_action\": \"resolve\", \"dedup_key\": \"db-1\"}");
                firewatch.app().incidentBus().subscribe("test-pager", (tx, event) -> heard.add(event));
                Eventually.within(Duration.ofSeconds(10), () -> heard.size(), size -> size >= 1);
                assertThat(heard).hasSize(1);
                IncidentEvent.Resolved resolved = (IncidentEvent.Resolved) heard.getFirst();
                assertThat(resolved.incidentId()).isEqualTo(incidentId);
                assertThat(resolved.actor()).isEqualTo("integration");

                // A listener that never listened before hears what happens from now on, not the history.
                List<IncidentEvent> late = new CopyOnWriteArrayList<>();
                firewatch.app().incidentBus().subscribe("status-page", (tx, event) -> late.add(event));
                Eventually.within(
                        Duration.ofSeconds(10),
                        () -> firewatch.app().incidentBus().hasCursor("status-page"),
                        made -> made);
                firewatch.http().postJson("/v2/enqueue", trigger("db-3", "error"));
                Eventually.within(Duration.ofSeconds(10), () -> late.size(), size -> size >= 1);
                assertThat(late).singleElement().isInstanceOf(IncidentEvent.Opened.class);
            }
        } finally {
            if (url != null) {
                PostgresDatabases.drop(url);
            }
        }
    }

    @Test
    void aListenerThatKeepsFailingOnAnEventSkipsItAndTheTimelineSaysSo(@TempDir Path dir) {
        List<IncidentEvent> heard = new CopyOnWriteArrayList<>();
        try (TestFirewatch firewatch = TestFirewatch.start(dir)) {
            firewatch.app().incidentBus().subscribe("fragile", (tx, event) -> {
                if (event instanceof IncidentEvent.Opened opened
                        && opened.title().contains("poison")) {
                    throw new IllegalStateException("cannot page for this one");
                }
                heard.add(event);
            });
            Eventually.within(
                    Duration.ofSeconds(10), () -> firewatch.app().incidentBus().hasCursor("fragile"), made -> made);
            firewatch.http().postJson("/v2/enqueue", trigger("poison", "error"));
            firewatch.http().postJson("/v2/enqueue", trigger("healthy", "error"));
            Eventually.within(Duration.ofSeconds(15), () -> heard.size(), size -> size == 1);
            assertThat(((IncidentEvent.Opened) heard.getFirst()).title()).contains("healthy");
            TestHttp viewer = firewatch.http().withKey(firewatch.key(Role.VIEWER));
            String poisoned = viewer.getJson("/api/v1/incidents").path("incidents").findValuesAsText("id").stream()
                    .filter(id -> viewer.getJson("/api/v1/incidents/" + id)
                            .path("title")
                            .asText()
                            .contains("poison"))
                    .findFirst()
                    .orElseThrow();
            assertThat(viewer.getJson("/api/v1/incidents/" + poisoned)
                            .path("timeline")
                            .toString())
                    .contains("fragile could not act on this incident's opened event after three tries");
        }
    }
}
