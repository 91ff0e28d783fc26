package dev.firewatch.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.firewatch.auth.Role;
import dev.firewatch.testing.Eventually;
import dev.firewatch.testing.MutableClock;
import dev.firewatch.testing.TestFirewatch;
import dev.firewatch.testing.TestHttp;
import dev.firewatch.testing.WebhookReceiver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end through a real Firewatch: a monitor of a real HTTP server on loopback fails three times, an incident
 * opens on its service and pages through the escalation policy to a webhook receiver, and when the server is
 * healthy again two passes resolve it. The monitor is the config's, checked by the real HTTP probe; the clock is
 * moved by hand and the scheduler's own loop starts the checks.
 */
class MonitorFlowTest {
    static String config(WebhookReceiver receiver, int targetPort) {
        return """
                server:
                  host: 127.0.0.1
                users:
                  - name: admin
                    role: admin
                  - name: alice
                    role: responder
                    contact_methods:
                      - {name: phone, type: webhook, url: %s}
                services:
                  - name: demo
                    integration_key: demo-key
                  - name: shop
                    integration_key: shop-key
                escalation_policies:
                  - name: shop
                    services: [shop]
                    steps:
                      - users: [alice]
                        wait: 5m
                monitoring:
                  per_host_limit: 4
                monitors:
                  - name: shop-health
                    service: shop
                    severity: critical
                    interval: 10s
                    timeout: 2s
                    jitter: 0s
                    failures_before_down: 3
                    successes_before_up: 2
                    http: {url: "http://127.0.0.1:%d/health"}
                    conditions: ["[STATUS] == 200"]
                    labels: {team: shop}
                """.formatted(receiver.url("/alice"), targetPort);
    }

    @Test
    void threeFailuresOpenAnIncidentThatPagesAndRecoveryResolvesIt(@TempDir Path dir) throws IOException {
        MutableClock clock = MutableClock.at("2026-11-23T03:00:00Z");
        AtomicInteger status = new AtomicInteger(503);
        HttpServer target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        target.createContext("/health", exchange -> {
            byte[] body = (status.get() == 200 ? "ok" : "maintenance").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.get(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        target.start();
        try (WebhookReceiver receiver = new WebhookReceiver();
                TestFirewatch firewatch = TestFirewatch.start(
                        dir, config(receiver, target.getAddress().getPort()), clock, Map.of())) {
            TestHttp viewer = firewatch.http().withKey(firewatch.key(Role.VIEWER));

            // Three failed checks, one slot (10 s) apart.
            for (int i = 1; i <= 3; i++) {
                JsonNode monitor = nextCheck(viewer, clock);
                assertThat(monitor.path("last_result").path("passed").asBoolean())
                        .isFalse();
            }
            JsonNode down = viewer.getJson("/api/v1/monitors/shop-health");
            assertThat(down.path("state").asText()).isEqualTo("down");
            assertThat(down.path("reason").asText())
                    .isEqualTo("down after 3 consecutive failures: [STATUS] (503) == 200");

            WebhookReceiver.Received page = receiver.await(r -> r.size() == 1).getFirst();
            assertThat(page.path()).isEqualTo("/alice");
            assertThat(page.json().path("event").asText()).isEqualTo("incident.triggered");
            JsonNode incident = page.json().path("incident");
            assertThat(incident.path("title").asText()).isEqualTo("shop-health is down: [STATUS] (503) == 200");
            assertThat(incident.path("service").asText()).isEqualTo("shop");
            assertThat(page.json().path("alerts").get(0).path("dedup_key").asText())
                    .isEqualTo("monitor:shop-health");
            assertThat(page.json()
                            .path("alerts")
                            .get(0)
                            .path("annotations")
                            .path("description")
                            .asText())
                    .contains("What came: HTTP 503, body: maintenance");

            // Healthy again: the first pass is not enough, the second resolves the incident and tells alice.
            status.set(200);
            assertThat(nextCheck(viewer, clock).path("state").asText()).isEqualTo("down");
            assertThat(nextCheck(viewer, clock).path("state").asText()).isEqualTo("up");
            WebhookReceiver.Received resolved =
                    receiver.await(r -> r.size() == 2).get(1);
            assertThat(resolved.json().path("event").asText()).isEqualTo("incident.resolved");
            assertThat(resolved.json().path("incident").path("id").asText())
                    .isEqualTo(incident.path("id").asText());
            Eventually.within(
                    Duration.ofSeconds(10),
                    () -> viewer.getJson(
                            "/api/v1/incidents/" + incident.path("id").asText()),
                    i -> i.path("state").asText().equals("resolved"));

            // The history shows all five checks, newest first, with the failed condition.
            JsonNode results = Eventually.within(
                    Duration.ofSeconds(10),
                    () -> viewer.getJson("/api/v1/monitors/shop-health/results?limit=10"),
                    r -> r.path("results").size() == 5);
            assertThat(results.path("results").get(0).path("outcome").asText()).isEqualTo("passed");
            assertThat(results.path("results").get(4).path("failure").asText()).isEqualTo("[STATUS] (503) == 200");
            assertThat(results.path("next_cursor").isNull()).isTrue();
            JsonNode firstTwo = viewer.getJson("/api/v1/monitors/shop-health/results?limit=2");
            JsonNode rest = viewer.getJson("/api/v1/monitors/shop-health/results?limit=10&cursor="
                    + firstTwo.path("next_cursor").asText());
            assertThat(rest.path("results").size())
                    .as("the page after the first two")
                    .isEqualTo(3);
            assertThat(viewer.get("/api/v1/monitors/shop-health/results?cursor=yesterday")
                            .statusCode())
                    .isEqualTo(400);
            JsonNode list = viewer.getJson("/api/v1/monitors");
            assertThat(list.path("monitors").get(0).path("name").asText()).isEqualTo("shop-health");
            assertThat(list.path("monitors").get(0).path("uptime").path("24h").asDouble())
                    .isEqualTo(40.0);

            // The pages say the same.
            String page1 = viewer.get("/monitors").body();
            assertThat(page1)
                    .contains("shop-health")
                    .contains("40.00 %")
                    .contains("<polyline points=\"")
                    .contains("hx-trigger=\"every 5s\"");
            // What htmx fetches every five seconds: the table alone, without the layout around it.
            String fragment = viewer.get("/monitors", "HX-Request", "true").body();
            assertThat(fragment).startsWith("<div id=\"monitor-table\"").contains("1 monitor: 1 up");
            assertThat(fragment).doesNotContain("<html");
            String detail = viewer.get("/monitors/shop-health").body();
            assertThat(detail)
                    .contains("up after 2 consecutive passes")
                    .contains("[STATUS] (503) == 200")
                    .contains("Uptime, last 90 days");
            assertThat(viewer.get("/monitors/no-such").statusCode()).isEqualTo(404);
            assertThat(firewatch
                            .http()
                            .getJson("/readyz")
                            .path("checks")
                            .path("probes")
                            .path("status")
                            .asText())
                    .isEqualTo("ok");
        } finally {
            target.stop(0);
        }
    }

    /** Moves the clock one slot on and returns the monitor once the scheduler's loop has followed that check. */
    private static JsonNode nextCheck(TestHttp viewer, MutableClock clock) {
        String before = viewer.getJson("/api/v1/monitors/shop-health")
                .path("last_result")
                .path("at")
                .asText("");
        clock.advance(Duration.ofSeconds(10));
        return Eventually.within(
                Duration.ofSeconds(10),
                () -> viewer.getJson("/api/v1/monitors/shop-health"),
                m -> !m.path("last_result").path("at").asText("").equals(before));
    }
}
