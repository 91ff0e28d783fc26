package dev.firewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firewatch.auth.Role;
import dev.firewatch.testing.TestFirewatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pre-flight from the shell: a dry run beside a running server, and check-config's dead ends. */
class PageCommandsTest {
    /**
     * alice and bob take a week each on primary from Monday 6 January 2020, so Monday 7 January 2030 begins alice's
     * week; a SEV1 on api pages primary, then bob and the ops channel, three rounds an hour apart. A SEV3 notifies
     * nobody.
     */
    static final String CONFIG = """
            server:
              host: 127.0.0.1
            users:
              - name: admin
                role: admin
              - name: alice
                role: responder
                contact_methods:
                  - {name: phone, type: ntfy, url: "https://ntfy.sh", topic: alice-pages}
                  - {name: mail, type: email, to: alice@example.com}
                notification_rules:
                  high: [{method: phone}, {method: mail, after: 2m}]
              - name: bob
                role: responder
                email: bob@example.com
            notify:
              smtp: {host: smtp.example.com, from: firewatch@example.com}
            channels:
              - {name: ops, type: slack, url: "https://hooks.slack.example/ops"}
            services:
              - {name: api, integration_key: api-key}
            schedules:
              - name: primary
                layers:
                  - name: weekly
                    users: [alice, bob]
                    rotation: weekly
                    start: 2020-01-06T09:00
            escalation_policies:
              - name: critical
                services: [api]
                repeat: 2
                steps:
                  - schedules: [primary]
                    wait: 5m
                  - users: [bob]
                    channels: [ops]
                    wait: 55m
                urgency:
                  - severities: [SEV3]
                    action: none
            """;

    @Test
    void aDryRunBesideTheServerCountsAnOverrideFromTheStoreAndItsJsonIsTheApis(@TempDir Path dir) throws Exception {
        try (TestFirewatch firewatch = TestFirewatch.start(dir, CONFIG, Clock.systemUTC(), Map.of())) {
            String[] store = store(firewatch);
            Cli added = run(
                    store,
                    "override",
                    "add",
                    "--schedule",
                    "primary",
                    "--user",
                    "bob",
                    "--from",
                    "2030-01-07T12:00:00Z",
                    "--for",
                    "2h",
                    "--reason",
                    "alice at the dentist");
            assertThat(added.exitCode()).as(added.err()).isZero();

            Cli dryRun =
                    run(store, "page", "dry-run", "--service", "api", "--severity", "SEV1", "--at", "2030-01-07T13:30");

            assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
            assertThat(dryRun.out())
                    .contains(
                            "Dry run: a SEV1 incident on api, opened Mon 7 Jan 2030 13:30 UTC (2030-01-07T13:30:00.000Z)",
                            "Policy:  critical (" + firewatch.configFile() + ":30:5), 2 steps, a round takes 1h,"
                                    + " repeated 2 more times",
                            "step 1 at +0m, Mon 7 Jan 13:30 (then waits 5m)\n"
                                    + "  schedule primary → bob (override by "
                                    + AlertCommands.actor().name()
                                    + ", until Mon 7 Jan 14:00)\n",
                            """
                                +0m     Mon 7 Jan 13:30  email (email)
                            step 2 at +5m, Mon 7 Jan 13:35 (then waits 55m)
                              user bob
                                +5m     Mon 7 Jan 13:35  email (email)
                              channel ops
                                +5m     Mon 7 Jan 13:35  ops (slack)
                            Then again every 1h, 2 more times, the last round at +2h (Mon 7 Jan 15:30).
                            Who is reached changes:
                              from round 2 (+1h, Mon 7 Jan 14:30): step 1 reaches alice (was bob)
                            """,
                            "Dead ends: none",
                            "Step 1 reaches bob (exit code 0).");
            Cli json = run(
                    store,
                    "page",
                    "dry-run",
                    "--service",
                    "api",
                    "--severity",
                    "SEV1",
                    "--at",
                    "2030-01-07T13:30:00Z",
                    "--output",
                    "json");
            var api = firewatch
                    .http()
                    .withKey(firewatch.key(Role.VIEWER))
                    .getJson("/api/v1/paging/dry-run?service=api&severity=SEV1&at=2030-01-07T13:30:00Z");
            assertThat(new ObjectMapper().readTree(json.out()))
                    .as("the CLI prints the API's answer")
                    .isEqualTo(api);
            assertThat(api.path("rounds")
                            .get(0)
                            .path("steps")
                            .get(0)
                            .path("recipients")
                            .get(0)
                            .path("person")
                            .asText())
                    .isEqualTo("bob");
        }
    }

    @Test
    void anIncidentThatPagesNobodyExitsOneAndABadSeverityTwo(@TempDir Path dir) {
        try (TestFirewatch firewatch = TestFirewatch.start(dir, CONFIG, Clock.systemUTC(), Map.of())) {
            String[] store = store(firewatch);

            Cli quiet =
                    run(store, "page", "dry-run", "--service", "api", "--severity", "SEV3", "--at", "2030-01-07T13:30");
            Cli unknown = run(store, "page", "dry-run", "--service", "api", "--severity", "SEV9");

            assertThat(quiet.exitCode()).isEqualTo(1);
            assertThat(quiet.out())
                    .contains("Urgency: none (notifies no one)")
                    .contains("DEAD END [notifies_nobody] the urgency of a SEV3 incident opened Mon 7 Jan 2030 13:30"
                            + " UTC is none")
                    .endsWith("Nobody is reached at step 1 (exit code 1).\n");
            assertThat(unknown.exitCode()).isEqualTo(2);
            assertThat(unknown.err()).contains("--severity: no severity named \"SEV9\"; severities: SEV1, SEV2, SEV3");
        }
    }

    @Test
    void checkConfigWarnsAboutEveryDeadEndThatHoldsAtEveryInstantAndStillPasses(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("firewatch.yaml");
        Files.writeString(
                file,
                CONFIG.replace("    email: bob@example.com\n", "")
                        .replace("  - {name: api, integration_key: api-key}\n", """
                          - {name: api, integration_key: api-key}
                          - {name: web, integration_key: web-key, channels: [ops]}
                        """));

        Cli cli = Cli.run("check-config", file.toString());

        assertThat(cli.exitCode()).as(cli.out()).isZero();
        assertThat(cli.out().lines().filter(l -> l.startsWith("warning:")))
                .containsExactly(
                        "warning: " + file + ":30:5: escalation policy critical, step 1 asks schedule primary, which"
                                + " puts bob on call, who has no contact methods and no email address; give them"
                                + " contact_methods or an email; while bob is on call the schedule reaches nobody",
                        "warning: " + file + ":30:5: escalation policy critical, step 2 pages bob, who has no contact"
                                + " methods and no email address; give them contact_methods or an email",
                        "warning: " + file + ": service web has channels (ops) but no escalation policy: its incidents"
                                + " page nobody; name it under services: of a policy in escalation_policies:");
    }

    private static String[] store(TestFirewatch firewatch) {
        return new String[] {
            "--config",
            firewatch.configFile().toString(),
            "--data",
            firewatch.dataDir().toString()
        };
    }

    private static Cli run(String[] store, String... args) {
        return Cli.run(Stream.concat(Stream.of(args), Stream.of(store)).toArray(String[]::new));
    }
}
