package dev.firewatch.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firewatch.auth.Role;
import dev.firewatch.testing.TestFirewatch;
import dev.firewatch.testing.TestHttp;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A snooze or a reassignment that cannot be done is a 400 that names the field and says what would do. */
class IncidentActionMistakesTest {
    @TempDir
    static Path dir;

    static TestFirewatch firewatch;
    static TestHttp responder;
    static String path;

    @BeforeAll
    static void start() {
        firewatch = TestFirewatch.start(dir, IncidentActionsTest.CONFIG, Clock.systemUTC(), Map.of());
        responder = firewatch.http().withKey(firewatch.key(Role.RESPONDER));
        path = "/api/v1/incidents/"
                + IncidentActionsTest.open(firewatch, responder, "db-9")
                        .path("number")
                        .asText();
    }

    @AfterAll
    static void stop() {
        firewatch.close();
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of(
                        "a snooze longer than a day", "/snooze", "{\"duration\": \"25h\"}", "duration", "24 hours"),
                Arguments.of("a snooze of nothing", "/snooze", "{\"duration\": \"0m\"}", "duration", "1 minute"),
                Arguments.of("a snooze under a minute", "/snooze", "{\"duration\": \"30s\"}", "duration", "not 30s"),
                Arguments.of("a length without a unit", "/snooze", "{\"duration\": \"30\"}", "duration", "30m, 2h"),
                Arguments.of("a length in words", "/snooze", "{\"duration\": \"soon\"}", "duration", "30m, 2h"),
                Arguments.of("minutes over a day", "/snooze", "{\"minutes\": 1441}", "minutes", "24 hours"),
                Arguments.of("no minutes at all", "/snooze", "{\"minutes\": 0}", "minutes", "1 minute"),
                Arguments.of("minutes below zero", "/snooze", "{\"minutes\": -5}", "minutes", "1 minute"),
                Arguments.of("part of a minute", "/snooze", "{\"minutes\": 2.5}", "minutes", "whole number"),
                Arguments.of("minutes as words", "/snooze", "{\"minutes\": \"ten\"}", "minutes", "minutes"),
                Arguments.of(
                        "both lengths", "/snooze", "{\"duration\": \"1h\", \"minutes\": 5}", "minutes", "not both"),
                Arguments.of("no length", "/snooze", "{}", "duration", "required"),
                Arguments.of("an empty body", "/snooze", "", "duration", "how long"),
                Arguments.of(
                        "a user with a typo", "/reassign", "{\"user\": \"alcie\"}", "user", "did you mean \"alice\""),
                Arguments.of(
                        "a user nobody declared",
                        "/reassign",
                        "{\"user\": \"zed\"}",
                        "user",
                        "admin, alice, bob, rita"),
                Arguments.of(
                        "a viewer, who cannot acknowledge", "/reassign", "{\"user\": \"vera\"}", "user", "can respond"),
                Arguments.of("no user", "/reassign", "{}", "user", "required"),
                Arguments.of("a user that is not text", "/reassign", "{\"user\": [1]}", "user", "user"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void isRefusedWithTheFieldNamedAndTheIncidentUnchanged(
            String sentence, String action, String body, String field, String says) throws Exception {
        var response = responder.postJson(path + action, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode error = new ObjectMapper().readTree(response.body());
        assertThat(error.path("field").asText()).isEqualTo(field);
        assertThat(error.path("error").asText()).contains(says);
        JsonNode incident = responder.getJson(path);
        assertThat(incident.path("state").asText()).isEqualTo("triggered");
        assertThat(incident.path("timeline").findValuesAsText("text"))
                .noneMatch(line -> line.startsWith("Snoozed") || line.startsWith("Reassigned"));
    }

    @Test
    void anIncidentThatDoesNotExistIs404ForEveryAction() {
        for (String action : new String[] {"/unacknowledge", "/snooze", "/reassign"}) {
            var response = responder.postJson(
                    "/api/v1/incidents/99999" + action,
                    action.equals("/snooze") ? "{\"duration\": \"30m\"}" : "{\"user\": \"alice\"}");
            assertThat(response.statusCode()).as(action).isEqualTo(404);
            assertThat(response.body()).contains("no incident with id or number 99999");
        }
    }
}
