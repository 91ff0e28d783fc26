package dev.firewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firewatch.testing.TestFirewatch;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandsTest {
    @Test
    void checkConfigAcceptsTheShippedExample() {
        Cli cli = Cli.run("check-config", "firewatch.yaml");
        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out()).contains("firewatch.yaml: ok (2 services, 1 channel, 1 user, 1 monitor)");
    }

    @Test
    void checkConfigPrintsFiveLocatedErrorsForFiveMistakesAndFails(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, """
                server:
                  prot: 8080
                users:
                  - name: ada
                    role: admn
                channels:
                  - name: pager
                    type: webhook
                    url: https://hooks.example.com/firewatch
                services:
                  - name: api
                    integration_key: api-key
                    channels: [pagr]
                  - name: api
                    integration_key: other-key
                store:
                  url: mysql://db/firewatch
                """);
        Cli cli = Cli.run("check-config", file.toString());
        assertThat(cli.exitCode()).isEqualTo(1);
        String name = file.toString();
        assertThat(cli.out().lines().filter(l -> l.matches(java.util.regex.Pattern.quote(name) + ":\\d+:\\d+: .*")))
                .hasSize(5)
                .anySatisfy(l -> assertThat(l).startsWith(name + ":2:3:").contains("did you mean \"port\""))
                .anySatisfy(l -> assertThat(l).startsWith(name + ":5:11:").contains("did you mean \"admin\""))
                .anySatisfy(l -> assertThat(l).startsWith(name + ":13:16:").contains("did you mean \"pager\""))
                .anySatisfy(l -> assertThat(l).startsWith(name + ":14:11:").contains("the first is on line 11"))
                .anySatisfy(l -> assertThat(l).startsWith(name + ":17:8:").contains("jdbc:postgresql"));
        assertThat(cli.out()).contains(name + ": 5 errors");
    }

    @Test
    void versionNamesFirewatchAndJava() {
        Cli cli = Cli.run("version");
        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out()).startsWith("firewatch ").contains("(Java ");
    }

    @Test
    void apiKeyCreatePrintsOnlyTheKeyAndItWorksOnTheRunningServer(@TempDir Path dir) {
        try (TestFirewatch firewatch = TestFirewatch.start(dir)) {
            Cli cli = Cli.run(
                    "api-key",
                    "create",
                    "--name",
                    "ops-script",
                    "--role",
                    "responder",
                    "--config",
                    firewatch.configFile().toString(),
                    "--data",
                    firewatch.dataDir().toString());
            assertThat(cli.exitCode()).isZero();
            assertThat(cli.out()).matches("fw_[a-z0-9]{8}_[a-z0-9]{32}\\R");
            String key = cli.out().strip();
            var me = firewatch.http().withKey(key).get("/api/v1/me");
            assertThat(me.statusCode()).isEqualTo(200);
            assertThat(me.body()).contains("responder");

            Cli list = Cli.run(
                    "api-key",
                    "list",
                    "--output",
                    "json",
                    "--config",
                    firewatch.configFile().toString(),
                    "--data",
                    firewatch.dataDir().toString());
            assertThat(list.out())
                    .startsWith("{\"api_keys\":[")
                    .contains("ops-script")
                    .doesNotContain(key);

            Cli revoke = Cli.run(
                    "api-key",
                    "revoke",
                    key.substring(0, 11),
                    "--config",
                    firewatch.configFile().toString(),
                    "--data",
                    firewatch.dataDir().toString());
            assertThat(revoke.exitCode()).isZero();
            assertThat(firewatch.http().withKey(key).get("/api/v1/me").statusCode())
                    .isEqualTo(401);
        }
    }

    @Test
    void apiKeyCreateRefusesAnUnknownRoleByName() {
        Cli cli = Cli.run("api-key", "create", "--name", "x", "--role", "root");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.out()).isEmpty();
        assertThat(cli.err()).contains("viewer, responder or admin");
    }

    @Test
    void resetPasswordPrintsANewPasswordThatSignsIn(@TempDir Path dir) {
        try (TestFirewatch firewatch = TestFirewatch.start(dir)) {
            Cli cli = Cli.run(
                    "users",
                    "reset-password",
                    "rita",
                    "--config",
                    firewatch.configFile().toString(),
                    "--data",
                    firewatch.dataDir().toString());
            assertThat(cli.exitCode()).isZero();
            assertThat(firewatch.http().signIn("rita", cli.out().strip()).statusCode())
                    .isEqualTo(303);
        }
    }

    @Test
    void aCommandOnABrokenConfigPrintsItsErrorsAndExits2(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, "server:\n  prot: 8080\n");
        Cli cli = Cli.run(
                "incidents",
                "--config",
                file.toString(),
                "--data",
                dir.resolve("data").toString());
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.out()).isEmpty();
        assertThat(cli.err()).contains(file + ":2:3:").contains("did you mean \"port\"");
    }
}
