package dev.firewatch.logwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firewatch.auth.Role;
import dev.firewatch.testing.Eventually;
import dev.firewatch.testing.MutableClock;
import dev.firewatch.testing.TestFirewatch;
import dev.firewatch.testing.TestHttp;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * From lines a service sends to {@code POST /api/v1/logs} to an incident with the lines as evidence, over real HTTP
 * on SQLite; {@code PostgresLogFlowTest} runs the same on PostgreSQL. Deadlines come from a mutable clock.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LogFlowTest {
    static final ObjectMapper json = new ObjectMapper();
    static final String RULES = """
            log_rules:
              - name: db-errors
                service: demo
                match: {app: api}
                rate: {pattern: 'OperationalError|status=5\\d\\d', more_than: 3, within: 1m}
                annotations: {runbook_url: https://wiki.example.com/db-errors}
              - name: integrity-check
                service: demo
                severity: critical
                sequence:
                  start: running integrity_check
                  expect: [integrity_check ok, integrity_check skip]
                  within: 5m
            """;

    TestFirewatch firewatch;
    MutableClock clock = MutableClock.at("2026-11-23T02:59:00Z");
    TestHttp sender;
    TestHttp responder;
    final List<String> databases = new ArrayList<>();

    /** The store lines of the config, a fresh database each call; the PostgreSQL variant names one. */
    String store() {
        return "";
    }

    String config(String store) {
        return TestFirewatch.BASE_CONFIG + RULES + store;
    }

    @BeforeAll
    void start(@TempDir Path dir) {
        firewatch = TestFirewatch.start(dir, config(store()), clock, Map.of());
        sender = firewatch.http();
        responder = firewatch.http().withKey(firewatch.key(Role.RESPONDER));
    }

    @AfterAll
    void stop() {
        firewatch.close();
    }

    HttpResponse<String> send(TestHttp http, String contentType, String body, String... headers) {
        List<String> all = new ArrayList<>(List.of(headers));
        if (all.isEmpty()) {
            all.addAll(List.of("X-Integration-Key", "demo-key"));
        }
        return http.post(
                "/api/v1/logs", contentType, body.getBytes(StandardCharsets.UTF_8), all.toArray(String[]::new));
    }

    static JsonNode read(HttpResponse<String> response) {
        try {
            return json.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError(response.body(), e);
        }
    }

    static JsonNode rule(TestHttp http, String name) {
        for (JsonNode rule : http.getJson("/api/v1/logs/rules").path("rules")) {
            if (rule.path("name").asText().equals(name)) {
                return rule;
            }
        }
        throw new AssertionError("no rule " + name);
    }

    static JsonNode incidentTitled(TestHttp http, String title, String state) {
        return Eventually.within(
                Duration.ofSeconds(10),
                () -> StreamSupport.stream(
                                http.getJson("/api/v1/incidents?service=demo&state=" + state)
                                        .path("incidents")
                                        .spliterator(),
                                false)
                        .filter(incident -> incident.path("title").asText().equals(title))
                        .findFirst()
                        .orElse(null),
                found -> found != null);
    }

    @Test
    void plainTextLinesAreAcceptedAndOnlyTheMatchingOnesKept() {
        String body =
                "GET /health status=200\nsqlalchemy OperationalError: database is locked\r\n\nGET /x status=502\n";

        var unlabelled = send(sender, "text/plain; charset=utf-8", body);
        var labelled = sender.post(
                "/api/v1/logs?label=app=api",
                "text/plain",
                body.getBytes(StandardCharsets.UTF_8),
                "X-Integration-Key",
                "demo-key");

        assertThat(unlabelled.statusCode()).isEqualTo(202);
        assertThat(read(unlabelled).path("accepted").asInt()).isEqualTo(3);
        assertThat(read(unlabelled).path("matched").asInt())
                .as("the rule reads app=api only")
                .isZero();
        assertThat(labelled.statusCode()).isEqualTo(202);
        assertThat(read(labelled).path("matched").asInt()).isEqualTo(2);
        JsonNode rule = rule(responder, "db-errors");
        assertThat(rule.path("state").asText()).isEqualTo("ok");
        assertThat(rule.path("count").asInt()).isEqualTo(2);
        assertThat(rule.path("recent_matches").findValuesAsText("line"))
                .containsSubsequence("sqlalchemy OperationalError: database is locked", "GET /x status=502");
        assertThat(sender.get("/metrics").body())
                .contains("firewatch_log_lines_total{outcome=\"matched\",service=\"demo\"}");
        clock.advance(Duration.ofMinutes(2)); // out of the window, so the rate test starts from nothing
    }

    @Test
    void jsonLinesInTheShapesLogShippersSend() {
        String ndjson = """
                {"msg": "worker started", "level": "info", "ts": 1795489200.5}
                {"log": "GET /a status=200", "labels": {"app": "api"}}

                {"message": "hello", "timestamp": "2026-11-23T03:00:00.000Z", "host": "web-1"}
                """;
        String array = "[\"plain string line\", {\"MESSAGE\": \"from journald\", \"app\": \"api\"}]";
        String envelope = "{\"labels\": {\"app\": \"worker\"}, \"lines\": [\"one\", {\"line\": \"two\"}]}";

        var lines = send(sender, "application/x-ndjson", ndjson);
        var asJson = send(sender, "application/json", ndjson);
        var inArray = send(sender, "application/json", array);
        var inEnvelope = send(sender, "application/json", envelope);
        var withKeyInQuery =
                sender.post("/api/v1/logs?key=demo-key", "application/json", array.getBytes(StandardCharsets.UTF_8));

        assertThat(List.of(lines, asJson, inArray, inEnvelope, withKeyInQuery))
                .extracting(HttpResponse::statusCode)
                .containsOnly(202);
        assertThat(List.of(lines, asJson, inArray, inEnvelope, withKeyInQuery))
                .extracting(r -> read(r).path("accepted").asInt())
                .containsExactly(3, 3, 2, 2, 2);
    }

    @Test
    void aBrokenLineIsRefusedNamingIt() {
        var badJson = send(sender, "application/x-ndjson", "{\"msg\": \"fine\"}\n{\"msg\": \"cut\n");
        var noMessage = send(sender, "application/json", "[{\"msg\": \"fine\"}, {\"level\": \"error\"}]");
        var badTime = send(sender, "application/x-ndjson", "{\"msg\": \"x\", \"timestamp\": \"yesterday\"}");
        var notUtf8 = sender.post(
                "/api/v1/logs",
                "text/plain",
                new byte[] {'o', 'k', '\n', (byte) 0xff, '\n'},
                "X-Integration-Key",
                "demo-key");

        assertThat(List.of(badJson, noMessage, badTime, notUtf8))
                .extracting(HttpResponse::statusCode)
                .containsOnly(400);
        assertThat(read(badJson).path("error").asText()).startsWith("line 2: not valid JSON");
        assertThat(read(noMessage).path("error").asText())
                .isEqualTo("line 2 ([1]): no message; put the line's text in one of message, msg, line, log,"
                        + " MESSAGE, _msg");
        assertThat(read(badTime).path("error").asText()).startsWith("line 1: timestamp: expected an RFC 3339 time");
        assertThat(read(badTime).path("field").asText()).isEqualTo("timestamp");
        assertThat(read(notUtf8).path("error").asText()).startsWith("line 2: not UTF-8");
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413() {
        var response = send(sender, "text/plain", "status=500 filler\n".repeat(70_000));

        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void theIntegrationKeyIsTheCredential() {
        var none = sender.post("/api/v1/logs", "text/plain", "x".getBytes(StandardCharsets.UTF_8));
        var unknown = send(sender, "text/plain", "x", "X-Integration-Key", "no-such-key");
        var twoKeys = sender.post(
                "/api/v1/logs?key=other",
                "text/plain",
                "x".getBytes(StandardCharsets.UTF_8),
                "X-Integration-Key",
                "demo-key");
        var wrongType = send(sender, "image/png", "x");

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(read(none).path("error").asText()).contains("X-Integration-Key");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(read(unknown).path("error").asText()).contains("no service has the integration key");
        assertThat(twoKeys.statusCode()).isEqualTo(400);
        assertThat(wrongType.statusCode()).isEqualTo(415);
    }

    @Test
    void aRateRuleOpensAnIncidentWithItsLinesAndResolvesWhenTheWindowSlides() {
        clock.advance(Duration.ofMinutes(2)); // out of the window of any earlier test's lines
        var response = send(sender, "application/x-ndjson", """
                {"msg": "OperationalError: database is locked", "app": "api"}
                {"msg": "GET /orders status=500", "app": "api"}
                {"msg": "GET /orders status=503", "app": "api"}
                {"msg": "GET /orders status=200", "app": "api"}
                {"msg": "GET /cart status=504", "app": "api"}
                """);
        assertThat(response.statusCode()).isEqualTo(202);

        String title = "log rule db-errors: 4 lines matching OperationalError|status=5\\d\\d in 1m (threshold 3)";
        JsonNode incident = incidentTitled(responder, title, "triggered");
        JsonNode alert = responder
                .getJson("/api/v1/incidents/" + incident.path("id").asText())
                .path("alerts")
                .get(0);
        assertThat(alert.path("dedup_key").asText()).isEqualTo("log:db-errors");
        assertThat(alert.path("labels").path("log_rule").asText()).isEqualTo("db-errors");
        assertThat(alert.path("annotations").path("runbook_url").asText())
                .isEqualTo("https://wiki.example.com/db-errors");
        assertThat(alert.path("annotations").path("evidence").asText())
                .contains("OperationalError: database is locked")
                .contains("GET /cart status=504")
                .doesNotContain("status=200");
        assertThat(rule(responder, "db-errors").path("state").asText()).isEqualTo("firing");

        clock.advance(Duration.ofMinutes(1).plusSeconds(1));

        incidentTitled(responder, title, "resolved");
        assertThat(rule(responder, "db-errors").path("state").asText()).isEqualTo("ok");
    }

    @Test
    void theRulesPageShowsEachRuleAndKeepsItselfCurrent() {
        var page = responder.get("/logs/rules");
        var table = responder.get("/logs/rules/table");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("Log rules")
                .contains("href=\"/logs/rules\" class=\"current\"")
                .contains("db-errors")
                .contains("integrity-check")
                .contains("hx-trigger=\"every 5s\"");
        assertThat(table.statusCode()).isEqualTo(200);
        assertThat(table.body()).contains("id=\"log-rules\"").doesNotContain("<html");
    }

    /** The counts of a rate window are rows too: lines before a restart and after it add up in one window. */
    @Test
    void aRateWindowCountsAcrossARestart(@TempDir Path dir) throws Exception {
        MutableClock time = MutableClock.at("2026-11-23T03:00:12Z");
        String config = config(store());
        String errors = "{\"msg\": \"OperationalError: database is locked\", \"app\": \"api\"}\n";
        try (TestFirewatch before = TestFirewatch.start(dir, config, time, Map.of())) {
            var response = send(before.http(), "application/x-ndjson", errors.repeat(3));
            assertThat(read(response).path("matched").asInt()).isEqualTo(3);
        }
        Files.delete(dir.resolve("firewatch.yaml"));
        time.advance(Duration.ofSeconds(30));

        try (TestFirewatch after = TestFirewatch.start(dir, config, time, Map.of())) {
            send(after.http(), "application/x-ndjson", errors);

            incidentTitled(
                    after.http().withKey(after.key(Role.RESPONDER)),
                    "log rule db-errors: 4 lines matching OperationalError|status=5\\d\\d in 1m (threshold 3)",
                    "triggered");
        }
    }

    static Stream<Arguments> changes() {
        return Stream.of(
                arguments("a firing rule taken out of the config resolves its alert", "", 0),
                arguments(
                        "a firing rule whose time changes starts afresh and resolves its alert",
                        RULES.replace("within: 5m", "within: 15m"),
                        2));
    }

    /** Nothing is left firing with no rule to clear it. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void aFiringRuleThatChangesResolves(String sentence, String rules, int left, @TempDir Path dir) throws Exception {
        MutableClock time = MutableClock.at("2026-11-23T03:00:12Z");
        String store = store();
        try (TestFirewatch firewatch = TestFirewatch.start(dir, config(store), time, Map.of())) {
            TestHttp people = firewatch.http().withKey(firewatch.key(Role.ADMIN));
            send(firewatch.http(), "text/plain", "running integrity_check\n");
            time.advance(Duration.ofMinutes(5));
            String title = "log rule integrity-check: \"running integrity_check\" at 03:00:12 was not followed by"
                    + " \"integrity_check ok|integrity_check skip\" within 5m";
            incidentTitled(people, title, "triggered");

            Files.writeString(firewatch.configFile(), TestFirewatch.BASE_CONFIG + rules + store);
            assertThat(people.postJson("/api/v1/config/reload", "").statusCode())
                    .isEqualTo(200);

            incidentTitled(people, title, "resolved");
            JsonNode listed = people.getJson("/api/v1/logs/rules").path("rules");
            assertThat(listed).hasSize(left);
            assertThat(listed.findValuesAsText("state")).doesNotContain("firing");
        }
    }

    /**
     * The lesson: a boot that logs "running integrity_check" and never "integrity_check ok" pages, even when
     * Firewatch restarts in the middle of the five minutes; the late "ok" resolves it.
     */
    @Test
    void aSequenceRuleFiresAcrossARestartWithTheStartAsEvidence(@TempDir Path dir) throws Exception {
        MutableClock time = MutableClock.at("2026-11-23T03:00:12Z");
        String config = config(store());
        try (TestFirewatch before = TestFirewatch.start(dir, config, time, Map.of())) {
            var response = send(before.http(), "text/plain", "boot: running integrity_check on /var/lib/app/main.db\n");
            assertThat(read(response).path("matched").asInt()).isEqualTo(1);
            JsonNode rule = rule(before.http().withKey(before.key(Role.VIEWER)), "integrity-check");
            assertThat(rule.path("due_at").asText()).isEqualTo("2026-11-23T03:05:12.000Z");
            assertThat(before.http()
                            .getJson("/readyz")
                            .path("checks")
                            .path("log_rules")
                            .path("detail")
                            .asText())
                    .isEqualTo("next log rule deadline 2026-11-23T03:05:12Z");
            time.advance(Duration.ofMinutes(2));
        }
        Files.delete(dir.resolve("firewatch.yaml"));
        time.advance(Duration.ofMinutes(4)); // while it was down, the deadline passed

        try (TestFirewatch after = TestFirewatch.start(dir, config, time, Map.of())) {
            TestHttp people = after.http().withKey(after.key(Role.RESPONDER));
            String title = "log rule integrity-check: \"running integrity_check\" at 03:00:12 was not followed by"
                    + " \"integrity_check ok|integrity_check skip\" within 5m";
            JsonNode incident = incidentTitled(people, title, "triggered");
            JsonNode alert = people.getJson(
                            "/api/v1/incidents/" + incident.path("id").asText())
                    .path("alerts")
                    .get(0);
            assertThat(alert.path("severity").asText()).isEqualTo("critical");
            assertThat(alert.path("annotations").path("evidence").asText())
                    .isEqualTo("03:00:12  boot: running integrity_check on /var/lib/app/main.db");

            send(after.http(), "text/plain", "integrity_check ok (took 7m)\n");

            incidentTitled(people, title, "resolved");
            assertThat(rule(people, "integrity-check").path("last_change").asText())
                    .isEqualTo("\"integrity_check ok (took 7m)\" arrived at 03:06:12, after the start at 03:00:12");
        }
    }
}
