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
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A target that answers 200, now and then slowly: every condition holds, yet the latency window rule sees the p95
 * above its threshold, the monitor is degraded and its service is paged, with the rule and the observed p95 in the
 * page.
 */
class SlowTargetFlowTest {
    @Test
    void aSlowTargetTripsTheLatencyWindowRuleAndPages(@TempDir Path dir) throws IOException {
        MutableClock clock = MutableClock.at("2026-11-23T03:00:00Z");
        HttpServer target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        target.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        // Every third answer is slow: the median stays fast, the 95th percentile of three checks is the slow one.
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        target.createContext("/checkout", exchange -> {
            if (calls.incrementAndGet() % 3 == 0) {
                try {
                    Thread.sleep(600); // a real wait on a real socket
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        target.start();
        try (WebhookReceiver receiver = new WebhookReceiver();
                TestFirewatch firewatch = TestFirewatch.start(
                        dir, config(receiver, target.getAddress().getPort()), clock, Map.of())) {
            TestHttp viewer = firewatch.http().withKey(firewatch.key(Role.VIEWER));

            for (int i = 1; i <= 3; i++) {
                JsonNode monitor = nextCheck(viewer, clock);
                assertThat(monitor.path("last_result").path("passed").asBoolean())
                        .as("every condition holds; it is only slow")
                        .isTrue();
            }
            JsonNode degraded = viewer.getJson("/api/v1/monitors/shop-checkout");
            assertThat(degraded.path("state").asText()).isEqualTo("degraded");
            assertThat(degraded.path("reason").asText())
                    .startsWith("degraded: p95 response time 6") // about 600 ms, as the target sleeps
                    .endsWith("(p95 response_time > 500ms over 30s, 3 checks)");

            WebhookReceiver.Received page = receiver.await(r -> r.size() == 1).getFirst();
            assertThat(page.json().path("event").asText()).isEqualTo("incident.triggered");
            assertThat(page.json().path("incident").path("title").asText())
                    .startsWith("shop-checkout is degraded: p95 response time");
        } finally {
            target.stop(0);
        }
    }

    static String config(WebhookReceiver receiver, int port) {
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
                  - name: shop
                    integration_key: shop-key
                escalation_policies:
                  - name: shop
                    services: [shop]
                    steps:
                      - users: [alice]
                        wait: 5m
                monitors:
                  - name: shop-checkout
                    service: shop
                    interval: 10s
                    timeout: 5s
                    jitter: 0s
                    http: {url: "http://127.0.0.1:%d/checkout"}
                    conditions: ["[STATUS] == 200"]
                    window_rules: ["p95 response_time > 500ms over 30s"]
                """.formatted(receiver.url("/alice"), port);
    }

    private static JsonNode nextCheck(TestHttp viewer, MutableClock clock) {
        String before = viewer.getJson("/api/v1/monitors/shop-checkout")
                .path("last_result")
                .path("at")
                .asText("");
        clock.advance(Duration.ofSeconds(10));
        return Eventually.within(
                Duration.ofSeconds(10),
                () -> viewer.getJson("/api/v1/monitors/shop-checkout"),
                m -> !m.path("last_result").path("at").asText("").equals(before));
    }
}
