package dev.firewatch.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firewatch.auth.Role;
import dev.firewatch.testing.Eventually;
import dev.firewatch.testing.MutableClock;
import dev.firewatch.testing.PostgresDatabases;
import dev.firewatch.testing.TestFirewatch;
import dev.firewatch.testing.TestHttp;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A responder takes back an acknowledgement, snoozes, hands an incident to someone else: each shows in the
 * incident's state and timeline, and paging hears each on the bus in the order it happened.
 */
class IncidentActionsTest {
    static final String CONFIG = TestFirewatch.withResponders("alice", "bob");
    static final Instant START = Instant.parse("2026-11-23T03:00:00Z");

    /** The config on the vendor asked for; a PostgreSQL URL is returned through {@code url[0]} to drop later. */
    static String config(String store, String[] url) {
        if (store.equals("sqlite")) {
            return CONFIG;
        }
        url[0] = PostgresDatabases.create();
        return CONFIG + "store:\n  url: " + url[0] + "\n  pool_size: 4\n";
    }

    /** Opens an incident through intake and returns it as the API shows it. */
    static JsonNode open(TestFirewatch firewatch, TestHttp reader, String dedupKey) {
        firewatch.http().postJson("/v2/enqueue", IncidentBusTest.trigger(dedupKey, "error"));
        return reader.awaitElement(
                "/api/v1/incidents", "incidents", "title", "Database " + dedupKey + " does not answer");
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"sqlite", "postgresql"})
    void unacknowledgeSnoozeAndReassignShowInStateTimelineAndOnTheBus(String store, @TempDir Path dir)
            throws Exception {
        String[] url = {null};
        String config = config(store, url);
        MutableClock clock = new MutableClock(START);
        List<IncidentEvent> heard = new CopyOnWriteArrayList<>();
        try (TestFirewatch firewatch = TestFirewatch.start(dir, config, clock, Map.of())) {
            IncidentBus bus = firewatch.app().incidentBus();
            bus.subscribe("test-pager", (tx, event) -> heard.add(event));
            Eventually.within(Duration.ofSeconds(10), () -> bus.hasCursor("test-pager"), made -> made);
            TestHttp responder = firewatch.http().withKey(firewatch.key(Role.RESPONDER));
            JsonNode incident = open(firewatch, responder, "db-1");
            String path = "/api/v1/incidents/" + incident.path("number").asText();
            assertThat(incident.path("snoozed_until").isNull())
                    .as("a new incident is not snoozed")
                    .isTrue();

            assertThat(body(responder.postJson(path + "/acknowledge", ""))
                            .path("state")
                            .asText())
                    .isEqualTo("acknowledged");
            JsonNode unacked = body(responder.postJson(path + "/unacknowledge", ""));
            assertThat(unacked.path("state").asText()).isEqualTo("triggered");
            assertThat(unacked.path("acknowledged_at").isNull()).isTrue();
            assertThat(body(responder.postJson(path + "/unacknowledge", ""))
                            .path("state")
                            .asText())
                    .as("un-acknowledging a triggered incident changes nothing")
                    .isEqualTo("triggered");

            // Snoozing a triggered incident acknowledges it until then.
            JsonNode snoozed = body(responder.postJson(path + "/snooze", "{\"duration\": \"30m\"}"));
            assertThat(snoozed.path("state").asText()).isEqualTo("acknowledged");
            assertThat(snoozed.path("snoozed_until").asText()).isEqualTo("2026-11-23T03:30:00.000Z");
            clock.advance(Duration.ofMinutes(31));
            JsonNode over = responder.getJson(path);
            assertThat(over.path("state").asText())
                    .as("when the snooze is over the incident stays acknowledged; paging pages again")
                    .isEqualTo("acknowledged");
            assertThat(over.path("snoozed_until").isNull()).isTrue();

            // Snoozing an acknowledged incident only sets a new end.
            assertThat(body(responder.postJson(path + "/snooze", "{\"minutes\": 10}"))
                            .path("snoozed_until")
                            .asText())
                    .isEqualTo("2026-11-23T03:41:00.000Z");

            // Reassigning an acknowledged incident makes it the new person's to acknowledge.
            JsonNode reassigned = body(responder.postJson(path + "/reassign", "{\"user\": \"alice\"}"));
            assertThat(reassigned.path("state").asText()).isEqualTo("triggered");
            assertThat(reassigned.path("snoozed_until").isNull()).isTrue();

            Eventually.within(Duration.ofSeconds(10), heard::size, size -> size >= 7);
            assertThat(heard.stream().map(e -> e.getClass().getSimpleName()))
                    .containsExactly(
                            "Opened", "Acknowledged", "Reopened", "Acknowledged", "Snoozed", "Snoozed", "Reassigned");
            IncidentEvent.Snoozed first = (IncidentEvent.Snoozed) heard.get(4);
            assertThat(first.until()).isEqualTo(Instant.parse("2026-11-23T03:30:00Z"));
            assertThat(first.actor()).startsWith("key:fw_");
            IncidentEvent.Reassigned handed = (IncidentEvent.Reassigned) heard.get(6);
            assertThat(handed.to()).isEqualTo("alice");
            assertThat(handed.incidentId()).isEqualTo(incident.path("id").asText());
            assertThat(heard.get(2)).as("un-acknowledging is a reopen").isInstanceOf(IncidentEvent.Reopened.class);

            List<String> timeline = responder.getJson(path).path("timeline").findValuesAsText("text");
            assertThat(timeline)
                    .anySatisfy(line -> assertThat(line).matches("Un-acknowledged by key:fw_\\w+"))
                    .anySatisfy(line ->
                            assertThat(line).matches("Snoozed for 30m by key:fw_\\w+, until 2026-11-23 03:30:00 UTC"))
                    .anySatisfy(line -> assertThat(line).matches("Snoozed for 10m by key:fw_\\w+, until .*"))
                    .anySatisfy(line -> assertThat(line).matches("Reassigned to alice by key:fw_\\w+"));

            // Reassigning a triggered incident leaves it triggered and pages the next person.
            assertThat(body(responder.postJson(path + "/reassign", "{\"user\": \"bob\"}"))
                            .path("state")
                            .asText())
                    .isEqualTo("triggered");
            Eventually.within(Duration.ofSeconds(10), heard::size, size -> size >= 8);
            assertThat(((IncidentEvent.Reassigned) heard.get(7)).to()).isEqualTo("bob");

            // None of them moves a resolved incident: 409, saying why.
            responder.postJson(path + "/resolve", "");
            for (String[] action : new String[][] {
                {"/unacknowledge", ""}, {"/snooze", "{\"duration\": \"1h\"}"}, {"/reassign", "{\"user\": \"alice\"}"}
            }) {
                HttpResponse<String> refused = responder.postJson(path + action[0], action[1]);
                assertThat(refused.statusCode()).as(action[0]).isEqualTo(409);
                assertThat(refused.body()).contains("is resolved");
            }
            assertThat(responder.getJson(path).path("state").asText()).isEqualTo("resolved");
        } finally {
            if (url[0] != null) {
                PostgresDatabases.drop(url[0]);
            }
        }
    }

    static JsonNode body(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }
}
