package dev.firewatch.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firewatch.testing.Eventually;
import dev.firewatch.testing.FirewatchProcess;
import dev.firewatch.testing.TestFirewatch;
import dev.firewatch.testing.TestHttp;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

/**
 * A 2xx from intake is a promise that the event is on disk. The server is killed with SIGKILL (no shutdown
 * hook, no last commit) while 32 senders post to it as fast as they can; after a restart on the same
 * data directory every answered event is there and no incident exists twice.
 */
class CrashDurabilityTest {
    /** Each sender waits for its commit, so more senders make bigger group commits in flight at the kill. */
    static final int SENDERS = 32;

    static final int MAX_EVENTS_PER_SENDER = 250;
    static final int ACCEPTED_BEFORE_KILL = 600;
    /** Every fourth event repeats one of a few keys, so dedup and "one incident per alert" are exercised. */
    static final int HOT_KEYS = 4;

    static final int SIGKILL_EXIT = 128 + 9;
    static final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;

    Process process;
    Load load;

    @AfterEach
    void stop() throws InterruptedException {
        if (load != null) {
            load.stop();
        }
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void everyEventAnswered2xxSurvivesASigkillMidLoadAndNoIncidentIsDoubled() throws Exception {
        int port = FirewatchProcess.freePort();
        Path config = dir.resolve("firewatch.yaml");
        Path data = dir.resolve("data");
        Path log = dir.resolve("serve.log");
        Files.writeString(config, TestFirewatch.BASE_CONFIG);
        TestHttp http = new TestHttp("http://127.0.0.1:" + port);
        try {
            long started = System.nanoTime();
            process = FirewatchProcess.serve(config, data, port, log);
            Eventually.within(Duration.ofSeconds(30), () -> FirewatchProcess.ready(http), ready -> ready);
            long ready = System.nanoTime();

            load = new Load(URI.create("http://127.0.0.1:" + port + "/v2/enqueue"));
            load.start();
            Eventually.within(Duration.ofSeconds(20), load.accepted::sum, n -> n >= ACCEPTED_BEFORE_KILL);
            assertThat(load.running())
                    .as("the senders are still sending when the kill comes")
                    .isTrue();
            long killed = System.nanoTime();
            long pid = process.pid();
            process.destroyForcibly();
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue())
                    .as("process %d died of SIGKILL, not of a clean stop", pid)
                    .isEqualTo(SIGKILL_EXIT);
            load.stop();

            // The journal as the kill left it on disk, before a restart could add or repair anything.
            JournalState atKill = journalState(data);
            System.out.printf(
                    "crash test: %d answered 2xx (%d distinct keys), %d cut off by the kill, %d refused while down,"
                            + " other answers %s; on disk at the kill: %d journal rows, %d not yet made alerts%n",
                    load.accepted.sum(),
                    load.acceptedByKey.size(),
                    load.cutOff.sum(),
                    load.refused.sum(),
                    load.otherAnswers(),
                    atKill.rows(),
                    atKill.unprocessed());
            assertThat(load.otherAnswers().keySet())
                    .as("no event was refused as malformed: the load itself is valid")
                    .noneMatch(status -> status >= 400 && status < 500);
            assertThat(load.cutOff.sum())
                    .as("the kill cut off requests in flight")
                    .isPositive();
            assertThat(atKill.rows())
                    .as("journal rows after the kill: every 2xx, plus at most the requests the kill cut off")
                    .isBetween(load.accepted.sum(), load.accepted.sum() + load.cutOff.sum());

            process = FirewatchProcess.serve(config, data, port, log);
            Eventually.within(Duration.ofSeconds(30), () -> FirewatchProcess.ready(http), r -> r);
            long back = System.nanoTime();
            JournalState journal =
                    Eventually.within(Duration.ofSeconds(20), () -> journalState(data), JournalState::caughtUp);
            long caughtUp = System.nanoTime();
            assertThat(journal.rows()).as("journal rows after the restart").isEqualTo(atKill.rows());
            assertThat(journal.setAside())
                    .as("journal rows the consumer set aside")
                    .isZero();

            TestHttp viewer = http.withKey(FirewatchProcess.run(
                            "api-key",
                            "create",
                            "--name",
                            "auditor",
                            "--role",
                            "viewer",
                            "--config",
                            config.toString(),
                            "--data",
                            data.toString())
                    .strip());
            List<JsonNode> alerts = listAll(viewer, "/api/v1/alerts", "alerts");
            List<JsonNode> incidents = listAll(viewer, "/api/v1/incidents", "incidents");
            System.out.printf(
                    "crash test: %d alerts, %d incidents; ready after %.1f s, killed after %.1f s of load,"
                            + " ready again after %.1f s, consumer caught up after %.1f s more, %.1f s in all%n",
                    alerts.size(),
                    incidents.size(),
                    seconds(ready - started),
                    seconds(killed - ready),
                    seconds(back - killed),
                    seconds(caughtUp - back),
                    seconds(System.nanoTime() - started));

            Map<String, JsonNode> alertByKey = new HashMap<>();
            for (JsonNode alert : alerts) {
                assertThat(alertByKey.put(alert.path("dedup_key").asText(), alert))
                        .as("a second alert for dedup key %s", alert.path("dedup_key"))
                        .isNull();
            }
            for (var answered : new TreeMap<>(load.acceptedByKey).entrySet()) {
                JsonNode alert = alertByKey.get(answered.getKey());
                assertThat(alert)
                        .as("the alert for %s, answered 2xx", answered.getKey())
                        .isNotNull();
                assertThat(alert.path("count").asLong())
                        .as(
                                "the count of %s, answered 2xx %d times",
                                answered.getKey(), answered.getValue().sum())
                        .isGreaterThanOrEqualTo(answered.getValue().sum());
            }
            assertThat(alerts.stream().mapToLong(a -> a.path("count").asLong()).sum())
                    .as("every journal row counted once on its alert: none lost, none applied twice")
                    .isEqualTo(journal.rows());

            Set<String> incidentIds = new HashSet<>();
            Set<String> titles = new HashSet<>();
            for (JsonNode incident : incidents) {
                incidentIds.add(incident.path("id").asText());
                assertThat(titles.add(incident.path("title").asText()))
                        .as("a second incident titled %s", incident.path("title"))
                        .isTrue();
                assertThat(incident.path("alert_count").asLong())
                        .as("alerts of incident %s", incident.path("title"))
                        .isEqualTo(1);
            }
            assertThat(incidents).as("one incident per alert").hasSameSizeAs(alerts);
            Set<String> homes = new HashSet<>();
            for (JsonNode alert : alerts) {
                String home = alert.path("incident_id").asText();
                assertThat(incidentIds)
                        .as("the incident of %s", alert.path("dedup_key"))
                        .contains(home);
                assertThat(homes.add(home))
                        .as("incident %s shared by a second alert", home)
                        .isTrue();
            }
        } catch (AssertionError | RuntimeException e) {
            System.out.println("--- serve.log, last lines ---\n" + tail(log, 60));
            throw e;
        }
    }

    /** How far the journal and its consumer have got, read-only from the data file, as an operator would with sqlite3. */
    record JournalState(long rows, String last, String cursor, long unprocessed, long setAside) {
        boolean caughtUp() {
            return last == null || last.equals(cursor);
        }
    }

    /** Attaches the journal's file; attached databases open with the connection's flags, here read-only. */
    private static Statement attached(Statement statement, String journal) throws SQLException {
        statement.execute("ATTACH DATABASE '" + journal + "' AS journal");
        return statement;
    }

    static JournalState journalState(Path data) {
        SQLiteConfig readOnly = new SQLiteConfig();
        readOnly.setReadOnly(true);
        readOnly.setBusyTimeout(5_000);
        String url = "jdbc:sqlite:" + data.resolve("firewatch.db").toAbsolutePath();
        // The journal has a file of its own on SQLite (journal.db); attached, the query sees both as one.
        String journal = data.resolve("journal.db").toAbsolutePath().toString().replace("'", "''");
        try (Connection connection = readOnly.createConnection(url);
                Statement statement = connection.createStatement();
                ResultSet row = attached(statement, journal)
                        .executeQuery("SELECT (SELECT count(*) FROM intake_journal),"
                                + " (SELECT max(id) FROM intake_journal),"
                                + " (SELECT position FROM intake_cursor WHERE consumer = 'alerts'),"
                                + " (SELECT count(*) FROM intake_journal WHERE id >"
                                + "   coalesce((SELECT position FROM intake_cursor WHERE consumer = 'alerts'), '')),"
                                + " (SELECT count(*) FROM intake_failed)")) {
            row.next();
            return new JournalState(row.getLong(1), row.getString(2), row.getString(3), row.getLong(4), row.getLong(5));
        } catch (SQLException e) {
            throw new AssertionError("cannot read the journal: " + e.getMessage(), e);
        }
    }

    /** Every page of a listing, following next_cursor; pages smaller than the load, so paging is crossed. */
    static List<JsonNode> listAll(TestHttp viewer, String path, String field) throws IOException {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        do {
            HttpResponse<String> page = viewer.get(path + "?limit=200"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
            assertThat(page.statusCode()).as("GET %s", path).isEqualTo(200);
            JsonNode body = json.readTree(page.body());
            body.path(field).forEach(all::add);
            cursor = body.path("next_cursor").isTextual()
                    ? body.path("next_cursor").asText()
                    : null;
        } while (cursor != null);
        return all;
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }

    static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /**
     * Senders posting Events API v2 triggers back to back, each keeping count of how its requests ended:
     * answered 2xx (by dedup key), answered otherwise, cut off (the connection broke after it was made) or
     * refused (nothing listening).
     */
    static final class Load {
        final URI enqueue;
        final HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        final LongAdder accepted = new LongAdder();
        final Map<String, LongAdder> acceptedByKey = new ConcurrentHashMap<>();
        final Map<Integer, LongAdder> answeredOtherwise = new ConcurrentHashMap<>();
        final LongAdder cutOff = new LongAdder();
        final LongAdder refused = new LongAdder();
        final List<Thread> senders = new ArrayList<>();
        volatile boolean stopping;

        Load(URI enqueue) {
            this.enqueue = enqueue;
        }

        void start() {
            for (int s = 0; s < SENDERS; s++) {
                int sender = s;
                senders.add(Thread.ofVirtual().name("sender-" + s).start(() -> send(sender)));
            }
        }

        boolean running() {
            return senders.stream().anyMatch(Thread::isAlive);
        }

        private void send(int sender) {
            for (int n = 0; n < MAX_EVENTS_PER_SENDER && !stopping; n++) {
                String key = n % 4 == 0 ? "hot-" + (n / 4) % HOT_KEYS : "k-" + sender + "-" + n;
                String body = """
                        {"routing_key": "demo-key", "event_action": "trigger", "dedup_key": "%s",
                         "payload": {"summary": "Crash test %s", "source": "sender-%d", "severity": "error"}}""".formatted(key, key, sender);
                HttpRequest request = HttpRequest.newBuilder(enqueue)
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build();
                try {
                    int status = client.send(request, HttpResponse.BodyHandlers.discarding())
                            .statusCode();
                    if (status / 100 == 2) {
                        accepted.increment();
                        acceptedByKey.computeIfAbsent(key, k -> new LongAdder()).increment();
                    } else {
                        answeredOtherwise
                                .computeIfAbsent(status, k -> new LongAdder())
                                .increment();
                    }
                } catch (ConnectException nothingListening) {
                    refused.increment();
                } catch (IOException brokenOff) {
                    cutOff.increment();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        Map<Integer, Long> otherAnswers() {
            Map<Integer, Long> answers = new TreeMap<>();
            answeredOtherwise.forEach((status, count) -> answers.put(status, count.sum()));
            return answers;
        }

        /** Stops the senders and waits for them, so the counts are final. */
        void stop() throws InterruptedException {
            if (stopping) {
                return;
            }
            stopping = true;
            for (Thread sender : senders) {
                if (!sender.join(Duration.ofSeconds(15))) {
                    sender.interrupt();
                }
            }
            client.close();
        }
    }
}
