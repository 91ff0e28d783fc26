package dev.firewatch.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firewatch.auth.Role;
import dev.firewatch.testing.Eventually;
import dev.firewatch.testing.PostgresDatabases;
import dev.firewatch.testing.TestFirewatch;
import dev.firewatch.testing.TestHttp;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An alert storm against a real store whose alert stages are really stalled: warnings past the threshold are
 * stored and folded into the service's digest, a critical event sent meanwhile still becomes an alert and an
 * incident once the stall ends, and everything that got a 2xx is in the journal.
 */
class StormTest {
    /**
     * Appended to the base config's services: a second service whose webhook also folds under the storm. Warnings
     * fold from three quarters of the backlog threshold (30 rows), errors from all of it.
     */
    static final String STORM_CONFIG = """
              - name: hooks
                integration_key: hooks-key
                webhooks:
                  - key: hooks-webhook
                    summary: $.title
                    severity: $.level
            intake:
              storm:
                backlog_threshold: 40
            """;

    static final int FOLDED_WARNINGS = 12;
    static final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void onSqliteWithTheMainFileLockedByAnotherWriter() throws Exception {
        try (TestFirewatch firewatch =
                TestFirewatch.start(dir, TestFirewatch.BASE_CONFIG + STORM_CONFIG, Clock.systemUTC(), Map.of())) {
            String main = "jdbc:sqlite:" + firewatch.dataDir().resolve("firewatch.db");
            String journal = "jdbc:sqlite:" + firewatch.dataDir().resolve("journal.db");
            // SQLite has one write lock per file: holding it stalls the consumer's transaction, while the
            // journal, a file of its own, keeps taking events. (Under busy_timeout, 10 s: the storm takes ~1 s.)
            stormThrough(firewatch, journal, () -> {
                Connection holder = DriverManager.getConnection(main);
                try (Statement statement = holder.createStatement()) {
                    statement.execute("BEGIN IMMEDIATE");
                }
                return () -> {
                    try (holder;
                            Statement statement = holder.createStatement()) {
                        statement.execute("ROLLBACK");
                    }
                };
            });
        }
    }

    @Test
    void onPostgresqlWithTheAlertTableLockedByAnotherSession() throws Exception {
        String url = PostgresDatabases.create();
        try (TestFirewatch firewatch = TestFirewatch.start(
                dir,
                TestFirewatch.BASE_CONFIG + STORM_CONFIG + "store:\n  url: " + url + "\n",
                Clock.systemUTC(),
                Map.of())) {
            // The alert stages' first statement reads alert_alert, so they wait on this lock for as long as it
            // is held; intake writes only intake_journal and goes on.
            stormThrough(firewatch, url, () -> {
                Connection holder = DriverManager.getConnection(url);
                holder.setAutoCommit(false);
                try (Statement statement = holder.createStatement()) {
                    statement.execute("LOCK TABLE alert_alert IN ACCESS EXCLUSIVE MODE");
                }
                return () -> {
                    try (holder) {
                        holder.rollback();
                    }
                };
            });
        } finally {
            PostgresDatabases.drop(url);
        }
    }

    /** Holds the alert stages back until closed. */
    interface Stall extends AutoCloseable {
        @Override
        void close() throws SQLException;
    }

    @FunctionalInterface
    interface Staller {
        Stall stall() throws SQLException;
    }

    private static void stormThrough(TestFirewatch firewatch, String journalUrl, Staller staller) throws Exception {
        TestHttp sender = firewatch.http();
        TestHttp viewer = firewatch.http().withKey(firewatch.key(Role.VIEWER));
        // Used once before the stall, so its last-used time is not written while the main store is held.
        assertThat(viewer.getJson("/api/v1/digests").path("digests")).isEmpty();
        int acknowledged = 0;
        List<String> admittedWarnings = new ArrayList<>();
        List<String> foldedWarnings = new ArrayList<>();
        String foldedAnswer;
        JsonNode batchAnswer;

        Stall stall = staller.stall();
        try {
            int sent = 0;
            String lastAnswer = null;
            while (foldedWarnings.size() < FOLDED_WARNINGS && sent < 200) {
                String key = "disk-" + sent;
                HttpResponse<String> answer =
                        sender.postJson("/v2/enqueue", trigger(key, "Disk full on web-" + sent, "warning"));
                assertThat(answer.statusCode())
                        .as("every event is stored, folded or not")
                        .isEqualTo(202);
                acknowledged++;
                JsonNode body = json.readTree(answer.body());
                assertThat(body.path("status").asText()).isEqualTo("success");
                assertThat(body.path("dedup_key").asText()).isEqualTo(key);
                if (body.path("message").asText().equals("Event processed")) {
                    admittedWarnings.add(key);
                } else {
                    foldedWarnings.add(key);
                    lastAnswer = body.path("message").asText();
                }
                sent++;
            }
            foldedAnswer = lastAnswer;

            HttpResponse<String> critical =
                    sender.postJson("/v2/enqueue", trigger("db-down", "Database db-1 does not answer", "critical"));
            assertThat(critical.statusCode()).isEqualTo(202);
            acknowledged++;
            assertThat(json.readTree(critical.body()).path("message").asText())
                    .as("a critical event is never folded")
                    .isEqualTo("Event processed");

            HttpResponse<String> batch = sender.postJson("/api/v1/events", """
                    {"events": [
                      {"dedup_key": "api-5xx", "summary": "API answers 5xx", "severity": "critical"},
                      {"dedup_key": "cache-cold", "summary": "Cache hit rate low", "severity": "warning"},
                      {"action": "resolve", "dedup_key": "disk-0"}]}""", IntakeRoutes.KEY_HEADER, "demo-key");
            assertThat(batch.statusCode()).isEqualTo(202);
            acknowledged += 3;
            batchAnswer = json.readTree(batch.body());

            HttpResponse<String> hooked = sender.postJson(
                    "/api/v1/integrations/webhook/hooks-webhook",
                    "{\"title\": \"Queue slow\", \"level\": \"warning\"}");
            assertThat(hooked.statusCode()).isEqualTo(202);
            acknowledged++;
            assertThat(json.readTree(hooked.body()).path("message").asText())
                    .as("a webhook's answer says it was folded, as the other endpoints' do")
                    .isEqualTo("stored as a trigger for service hooks, folded into the service's storm digest:"
                            + " Firewatch is overloaded; critical events are still processed one by one");

            JsonNode ready = firewatch.http().getJson("/readyz");
            assertThat(ready.path("status").asText())
                    .as("overloaded is not down: ready, and saying so")
                    .isEqualTo("degraded");
            assertThat(ready.path("checks").path("intake").path("detail").asText())
                    .contains("error, warning, info events fold into per-service digests");
        } finally {
            stall.close();
        }

        assertThat(admittedWarnings)
                .as("warnings are processed until the backlog reaches three quarters of the threshold")
                .hasSize(30);
        assertThat(foldedAnswer)
                .isEqualTo("Event accepted and folded into the storm digest of service demo: Firewatch is"
                        + " overloaded; critical events are still processed one by one");
        assertThat(batchAnswer.path("accepted").asInt()).isEqualTo(3);
        assertThat(batchAnswer.path("admitted").asInt())
                .as("the critical event and the resolve")
                .isEqualTo(2);
        assertThat(batchAnswer.path("folded").asInt()).isEqualTo(1);
        assertThat(batchAnswer.path("message").asText())
                .isEqualTo("1 of 3 events were folded into the storm digest of service demo: Firewatch is"
                        + " overloaded; critical events are still processed one by one");

        JsonNode incident = Eventually.within(
                Duration.ofSeconds(30),
                () -> titled(
                        viewer.getJson("/api/v1/incidents?service=demo&limit=1000"), "Database db-1 does not answer"),
                found -> found != null);
        assertThat(incident.path("severity").asText()).isEqualTo("SEV1");
        assertThat(incident.path("state").asText()).isEqualTo("triggered");

        JsonNode digests = Eventually.within(
                Duration.ofSeconds(30),
                () -> viewer.getJson("/api/v1/digests?service=demo"),
                d -> events(d, "warning") == FOLDED_WARNINGS + 1);
        assertThat(events(digests, "critical")).isZero();
        // Samples are the first summaries of each minute's digest; the storm may straddle a minute.
        assertThat(digests.path("digests").findValues("samples").stream()
                        .flatMap(samples -> StreamSupport.stream(samples.spliterator(), false))
                        .map(JsonNode::asText))
                .contains("Disk full on web-30")
                .allSatisfy(
                        sample -> assertThat(foldedSummaries(foldedWarnings)).contains(sample));

        List<String> alertKeys = Eventually.within(
                Duration.ofSeconds(30),
                () -> viewer.getJson("/api/v1/alerts?service=demo&state=firing,resolved&limit=1000")
                        .path("alerts")
                        .findValuesAsText("dedup_key"),
                keys -> keys.contains("api-5xx"));
        assertThat(alertKeys)
                .as("processed events are alerts; folded ones are only counted")
                .containsExactlyInAnyOrderElementsOf(concat(admittedWarnings, List.of("db-down", "api-5xx")))
                .doesNotContainAnyElementsOf(foldedWarnings)
                .doesNotContain("cache-cold");
        JsonNode resolved = viewer.getJson("/api/v1/alerts?service=demo&state=resolved");
        assertThat(resolved.path("alerts").findValuesAsText("dedup_key"))
                .as("a resolve sent during the storm still ends its alert")
                .containsExactly("disk-0");

        int[] journal = journalRows(journalUrl);
        assertThat(journal[0])
                .as("every event that got a 2xx is in the journal")
                .isEqualTo(acknowledged);
        assertThat(journal[1])
                .as("folded rows: demo's warnings and the webhook's")
                .isEqualTo(FOLDED_WARNINGS + 2);

        assertThat(firewatch.http().get("/metrics").body())
                .contains("firewatch_intake_folded_total{service=\"demo\",severity=\"warning\"} 13.0");
        Eventually.within(
                Duration.ofSeconds(30),
                () -> firewatch.http().getJson("/readyz"),
                ready -> ready.path("status").asText().equals("ok"));

        TestHttp person = firewatch.http();
        person.signIn("admin", TestFirewatch.ADMIN_PASSWORD);
        String page = person.get("/alerts").body();
        assertThat(page)
                .as("after the storm the alerts page still says what was folded")
                .contains("Alert storm on demo:")
                .contains("13 events folded into a digest instead of becoming alerts")
                .contains("warning 13")
                .contains("<li>"
                        + digests.path("digests").path(0).path("samples").get(0).asText() + "</li>");
    }

    static String trigger(String dedupKey, String summary, String severity) {
        return """
                {"routing_key": "demo-key", "event_action": "trigger", "dedup_key": "%s",
                 "payload": {"summary": "%s", "source": "web", "severity": "%s"}}""".formatted(dedupKey, summary, severity);
    }

    static JsonNode titled(JsonNode incidents, String title) {
        for (JsonNode incident : incidents.path("incidents")) {
            if (incident.path("title").asText().equals(title)) {
                return incident;
            }
        }
        return null;
    }

    static long events(JsonNode digests, String severity) {
        return StreamSupport.stream(digests.path("digests").spliterator(), false)
                .filter(d -> d.path("severity").asText().equals(severity))
                .mapToLong(d -> d.path("events").asLong())
                .sum();
    }

    static List<String> foldedSummaries(List<String> foldedWarnings) {
        List<String> summaries = new ArrayList<>(foldedWarnings.stream()
                .map(key -> "Disk full on web-" + key.substring("disk-".length()))
                .toList());
        summaries.add("Cache hit rate low");
        return summaries;
    }

    static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** Rows in the journal and how many of them are folded, read straight from the database. */
    static int[] journalRows(String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*), count(folded) FROM intake_journal")) {
            rows.next();
            return new int[] {rows.getInt(1), rows.getInt(2)};
        }
    }
}
