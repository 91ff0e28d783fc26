package dev.firewatch.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firewatch.auth.Role;
import dev.firewatch.testing.MutableClock;
import dev.firewatch.testing.TestFirewatch;
import dev.firewatch.testing.TestHttp;
import dev.firewatch.testing.WebhookReceiver;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * From signal to page to a click: the page a person receives carries one-click links in their name, made inside
 * paging's transaction (on SQLite, while it holds the one writer), and the links act.
 */
class PagedLinksTest {
    @Test
    void thePageCarriesLinksInTheRecipientsNameThatAcknowledgeAndResolve(@TempDir Path dir) {
        MutableClock clock = MutableClock.at("2026-11-23T03:00:00Z");
        try (WebhookReceiver receiver = new WebhookReceiver();
                TestFirewatch firewatch =
                        TestFirewatch.start(dir, """
                        server:
                          host: 127.0.0.1
                          public_url: https://firewatch.example.com
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
                        escalation_policies:
                          - name: critical
                            services: [demo]
                            steps:
                              - users: [alice]
                                wait: 5m
                        """.formatted(receiver.url("/alice")), clock, Map.of())) {
            firewatch.http().postJson("/v2/enqueue", IncidentBusTest.trigger("db-1", "critical"));
            JsonNode page = receiver.await(r -> !r.isEmpty()).getFirst().json();
            assertThat(page.path("event").asText()).isEqualTo("incident.triggered");
            String number = page.path("incident").path("number").asText();
            JsonNode links = page.path("links");
            assertThat(links.path("incident").asText()).isEqualTo("https://firewatch.example.com/incidents/" + number);
            assertThat(links.path("acknowledge").asText()).startsWith("https://firewatch.example.com/act/");
            assertThat(links.path("resolve").asText()).startsWith("https://firewatch.example.com/act/");

            TestHttp phone = firewatch.http();
            HttpResponse<String> acknowledged =
                    ActionLinksTest.post(phone, links.path("acknowledge").asText());
            assertThat(acknowledged.statusCode()).isEqualTo(200);
            assertThat(acknowledged.body()).contains("Acknowledged by alice via link");
            assertThat(ActionLinksTest.post(phone, links.path("resolve").asText())
                            .body())
                    .contains("Resolved by alice via link");
            TestHttp viewer = firewatch.http().withKey(firewatch.key(Role.VIEWER));
            JsonNode incident = viewer.getJson(ActionLinksTest.api(number));
            assertThat(incident.path("state").asText()).isEqualTo("resolved");
            assertThat(incident.path("timeline").findValuesAsText("text"))
                    .contains("Acknowledged by alice via link", "Resolved by alice via link");
        }
    }
}
