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

/** Overrides from the shell, while the server runs, and who is on call as the API says it. */
class OnCallCommandsTest {
    /** A weekly rotation from Monday 6 January 2020; Monday 7 January 2030 is alice's week. */
    static final String CONFIG = TestFirewatch.withResponders("alice", "bob") + """
            schedules:
              - name: primary
                layers:
                  - name: weekly
                    users: [alice, bob]
                    rotation: weekly
                    start: 2020-01-06T09:00
            """;

    @Test
    void anOverrideAddedListedAndRemovedFromTheShellChangesWhoIsOnCall(@TempDir Path dir) throws Exception {
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
            String id = added.out().strip();
            Cli during = run(store, "oncall", "primary", "--at", "2030-01-07T13:00:00Z");
            assertThat(during.out())
                    .contains("bob", "2030-01-07T12:00:00.000Z", "2030-01-07T14:00:00.000Z", "override " + id);
            Cli json = run(store, "oncall", "primary", "--at", "2030-01-07T13:00:00Z", "--output", "json");
            var api = firewatch
                    .http()
                    .withKey(firewatch.key(Role.VIEWER))
                    .getJson("/api/v1/schedules/primary/oncall?at=2030-01-07T13:00:00Z");
            assertThat(new ObjectMapper().readTree(json.out()).path("on_call").get(0))
                    .as("the CLI prints the API's answer")
                    .isEqualTo(api);
            assertThat(run(store, "override", "list").out()).contains(id, "bob", "alice at the dentist");

            Cli removed = run(store, "override", "remove", id);

            assertThat(removed.out()).contains("removed " + id);
            assertThat(run(store, "oncall", "--at", "2030-01-07T13:00:00Z").out())
                    .contains("alice", "layer weekly");
            assertThat(run(store, "override", "remove", id).err()).contains("no override with id " + id);
        }
    }

    @Test
    void anOverrideForAViewerIsRefusedAndAPersonsShiftsAreListed(@TempDir Path dir) {
        try (TestFirewatch firewatch = TestFirewatch.start(dir, CONFIG, Clock.systemUTC(), Map.of())) {
            String[] store = store(firewatch);

            Cli refused = run(store, "override", "add", "--schedule", "primary", "--user", "vera", "--for", "2h");
            Cli shifts = run(store, "shifts", "--user", "alice", "--from", "2030-01-07T00:00:00Z", "--for", "14d");
            Cli noLength = run(store, "override", "add", "--schedule", "primary", "--user", "bob");

            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.err()).contains("override refused: vera is a viewer");
            assertThat(shifts.out().lines().skip(1))
                    .singleElement()
                    .asString()
                    .matches("primary +alice +2030-01-07T09:00:00.000Z +2030-01-14T09:00:00.000Z +layer weekly");
            assertThat(noLength.exitCode()).isEqualTo(2);
            assertThat(noLength.err()).contains("say how long");
        }
    }

    @Test
    void checkConfigWarnsAboutAScheduleThatLeavesNobodyOnCallAndStillPasses(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("firewatch.yaml");
        Files.writeString(file, CONFIG + """
                  - name: office
                    timezone: Europe/Berlin
                    layers:
                      - users: [alice]
                        rotation: weekly
                        start: 2020-01-06T00:00
                        restrictions:
                          - days: [mon, tue, wed, thu, fri]
                            from: "09:00"
                            to: "18:00"
                """);

        Cli cli = Cli.run("check-config", file.toString());

        assertThat(cli.exitCode()).as(cli.out()).isZero();
        assertThat(cli.out().lines().filter(l -> l.startsWith("warning:")))
                .singleElement()
                .asString()
                .startsWith("warning: " + file + ":25:5: schedule office has nobody on call ")
                .containsPattern(
                        "\\d+ times in the next 4 weeks \\(\\d+h(\\d+m)? in all\\), first from \\w{3} \\d+ \\w{3}"
                                + " \\d\\d:\\d\\d to \\w{3} \\d+ \\w{3} 09:00 Europe/Berlin; a page then reaches nobody");
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
