package dev.firewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firewatch.auth.Role;
import dev.firewatch.testing.Eventually;
import dev.firewatch.testing.TestFirewatch;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI speaks the API's JSON with --output json, and tables for people otherwise (DESIGN §3.1). */
class IncidentCommandsTest {
    static final String CONFIG = TestFirewatch.BASE_CONFIG + """
              - name: database
                integration_key: database-key
            routes:
              tree:
                - match: {team: db}
                  service: database
                  severity: SEV1
            """;

    @Test
    void incidentsAlertsAckAndResolveFromTheCommandLineWhileTheServerRuns(@TempDir Path dir) throws Exception {
        ObjectMapper json = new ObjectMapper();
        try (TestFirewatch firewatch = TestFirewatch.start(dir, CONFIG, Clock.systemUTC(), Map.of())) {
            String[] store = {
                "--config",
                firewatch.configFile().toString(),
                "--data",
                firewatch.dataDir().toString()
            };
            firewatch.http().postJson("/v2/enqueue", """
                    {"routing_key": "demo-key", "event_action": "trigger", "dedup_key": "cli-1",
                     "payload": {"summary": "Checkout errors over 5%", "source": "shop", "severity": "critical"}}""");
            JsonNode fromCli = Eventually.within(
                    Duration.ofSeconds(5),
                    () -> {
                        try {
                            return json.readTree(Cli.run(concat(new String[] {"incidents", "--output", "json"}, store))
                                    .out());
                        } catch (Exception e) {
                            throw new AssertionError(e);
                        }
                    },
                    body -> body.path("incidents").size() == 1);
            JsonNode fromApi = json.readTree(firewatch
                    .http()
                    .withKey(firewatch.key(Role.VIEWER))
                    .get("/api/v1/incidents?state=triggered,acknowledged")
                    .body());
            assertThat(fromCli).as("the CLI prints what the API returns").isEqualTo(fromApi);

            Cli table = Cli.run(concat(new String[] {"incidents"}, store));
            assertThat(table.out().lines().findFirst().orElseThrow())
                    .startsWith("#")
                    .contains("STATE")
                    .contains("TITLE");
            assertThat(table.out())
                    .contains("Checkout errors over 5%")
                    .contains("triggered")
                    .contains("SEV1");

            String number = fromCli.path("incidents").path(0).path("number").asText();
            Cli ack = Cli.run(concat(new String[] {"ack", number}, store));
            assertThat(ack.exitCode()).isZero();
            assertThat(ack.out()).contains("#" + number).contains("acknowledged");
            Cli resolve = Cli.run(concat(new String[] {"resolve", number, "--output", "json"}, store));
            assertThat(json.readTree(resolve.out()).path("state").asText()).isEqualTo("resolved");
            Cli missing = Cli.run(concat(new String[] {"ack", "9999"}, store));
            assertThat(missing.exitCode()).isEqualTo(1);
            assertThat(missing.err()).contains("no incident with id or number 9999");

            Cli alerts = Cli.run(concat(new String[] {"alerts", "--state", "firing,resolved"}, store));
            assertThat(alerts.out()).contains("Checkout errors over 5%").contains("critical");
            assertThat(Cli.run(concat(new String[] {"alerts", "--state", "burning"}, store))
                            .err())
                    .contains("firing, resolved");
        }
    }

    @Test
    void unackSnoozeAndReassignFromTheCommandLinePrintWhatTheApiReturns(@TempDir Path dir) throws Exception {
        ObjectMapper json = new ObjectMapper();
        String config = TestFirewatch.withResponders("alice", "bob");
        try (TestFirewatch firewatch = TestFirewatch.start(dir, config, Clock.systemUTC(), Map.of())) {
            String[] store = {
                "--config",
                firewatch.configFile().toString(),
                "--data",
                firewatch.dataDir().toString()
            };
            var viewer = firewatch.http().withKey(firewatch.key(Role.VIEWER));
            firewatch.http().postJson("/v2/enqueue", """
                    {"routing_key": "demo-key", "event_action": "trigger", "dedup_key": "cli-2",
                     "payload": {"summary": "Queue is backing up", "source": "mq", "severity": "error"}}""");
            String number = viewer.awaitElement("/api/v1/incidents", "incidents", "title", "Queue is backing up")
                    .path("number")
                    .asText();

            Cli snoozed = Cli.run(concat(new String[] {"snooze", number, "--for", "1h30m", "--output", "json"}, store));
            assertThat(snoozed.exitCode()).as(snoozed.err()).isZero();
            JsonNode fromCli = json.readTree(snoozed.out());
            assertThat(fromCli.path("state").asText()).isEqualTo("acknowledged");
            assertThat(fromCli.path("snoozed_until").isTextual()).isTrue();
            JsonNode fromApi = viewer.getJson("/api/v1/incidents/" + number);
            assertThat(fromCli.path("snoozed_until")).isEqualTo(fromApi.path("snoozed_until"));
            assertThat(fromApi.path("timeline").findValuesAsText("text"))
                    .anyMatch(line -> line.matches("Snoozed for 1h30m by cli:\\S+, until .*"));

            Cli unacked = Cli.run(concat(new String[] {"unack", number}, store));
            assertThat(unacked.exitCode()).isZero();
            assertThat(unacked.out())
                    .contains("#" + number)
                    .contains("triggered")
                    .doesNotContain("snoozed");

            Cli reassigned =
                    Cli.run(concat(new String[] {"reassign", number, "--to", "bob", "--output", "json"}, store));
            assertThat(reassigned.exitCode()).isZero();
            assertThat(json.readTree(reassigned.out()).path("state").asText()).isEqualTo("triggered");
            assertThat(viewer.getJson("/api/v1/incidents/" + number)
                            .path("timeline")
                            .findValuesAsText("text"))
                    .anyMatch(line -> line.matches("Un-acknowledged by cli:\\S+"))
                    .anyMatch(line -> line.matches("Reassigned to bob by cli:\\S+"));

            Cli typo = Cli.run(concat(new String[] {"reassign", number, "--to", "bbo"}, store));
            assertThat(typo.exitCode()).isEqualTo(2);
            assertThat(typo.err()).contains("is named \"bbo\"; did you mean \"bob\"?");
            Cli tooLong = Cli.run(concat(new String[] {"snooze", number, "--for", "2d"}, store));
            assertThat(tooLong.exitCode()).isEqualTo(2);
            assertThat(tooLong.err()).contains("from 1 minute to 24 hours");
            Cli noUnit = Cli.run(concat(new String[] {"snooze", number, "--for", "30"}, store));
            assertThat(noUnit.exitCode()).isEqualTo(2);
            assertThat(noUnit.err()).contains("--for takes a number and a unit");
            assertThat(viewer.getJson("/api/v1/incidents/" + number)
                            .path("state")
                            .asText())
                    .isEqualTo("triggered");
        }
    }

    @Test
    void silencesAreMadeListedAndExpiredFromTheCommandLine(@TempDir Path dir) throws Exception {
        ObjectMapper json = new ObjectMapper();
        try (TestFirewatch firewatch = TestFirewatch.start(dir)) {
            String[] store = {
                "--config",
                firewatch.configFile().toString(),
                "--data",
                firewatch.dataDir().toString()
            };
            Cli added = Cli.run(concat(
                    new String[] {
                        "silence",
                        "add",
                        "--matchers",
                        "alertname=\"DiskFull\"",
                        "--for",
                        "2h",
                        "--comment",
                        "replacing disk"
                    },
                    store));
            assertThat(added.exitCode()).isZero();
            String id = added.out().strip();
            JsonNode listed = json.readTree(Cli.run(concat(new String[] {"silence", "list", "--output", "json"}, store))
                    .out());
            assertThat(listed.path("silences").path(0).path("id").asText()).isEqualTo(id);
            assertThat(listed.path("silences").path(0).path("state").asText()).isEqualTo("active");
            assertThat(listed.path("silences").path(0).path("created_by").asText())
                    .startsWith("cli:");

            Cli refused = Cli.run(concat(
                    new String[] {
                        "silence", "add", "--matchers", "alertname=~\".*\"", "--for", "1h", "--comment", "everything"
                    },
                    store));
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.err()).contains("silence refused").contains("mute nearly everything");

            assertThat(Cli.run(concat(new String[] {"silence", "expire", id}, store))
                            .out())
                    .startsWith("expired " + id);
            assertThat(Cli.run(concat(new String[] {"silence", "list"}, store)).out())
                    .contains("expired");
        }
    }

    @Test
    void routeTestSaysWhereAnAlertWouldGoAndWhy(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("firewatch.yaml");
        java.nio.file.Files.writeString(config, CONFIG);
        Cli cli = Cli.run(
                "route",
                "test",
                "--labels",
                "alertname=Lag,team=db",
                "--config",
                config.toString(),
                "--data",
                dir.resolve("data").toString());
        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out()).contains("database").contains("SEV1");
        Cli fallback = Cli.run(
                "route",
                "test",
                "--labels",
                "alertname=Lag,team=web",
                "--config",
                config.toString(),
                "--data",
                dir.resolve("data").toString());
        assertThat(fallback.out()).contains("demo");
        Cli bad = Cli.run("route", "test", "--labels", "team=\"db", "--config", config.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--labels, at column");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
