package dev.firewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firewatch.auth.Role;
import dev.firewatch.testing.TestFirewatch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code logs rules} prints what {@code GET /api/v1/logs/rules} returns, or a table for people. */
class LogCommandsTest {
    static final String CONFIG = TestFirewatch.BASE_CONFIG + """
            log_rules:
              - name: nightly-backup
                service: demo
                sequence: {start: starting nightly-backup, expect: nightly-backup done, within: 10m}
            """;

    @Test
    void logRulesFromTheCommandLineWhileTheServerRuns(@TempDir Path dir) throws Exception {
        try (TestFirewatch firewatch = TestFirewatch.start(dir, CONFIG, Clock.systemUTC(), Map.of())) {
            firewatch
                    .http()
                    .post(
                            "/api/v1/logs",
                            "text/plain",
                            "starting nightly-backup of /srv\n".getBytes(StandardCharsets.UTF_8),
                            "X-Integration-Key",
                            "demo-key");
            String[] store = {
                "--config",
                firewatch.configFile().toString(),
                "--data",
                firewatch.dataDir().toString()
            };

            JsonNode fromCli = new ObjectMapper()
                    .readTree(Cli.run("logs", "rules", "--output", "json", store[0], store[1], store[2], store[3])
                            .out());
            JsonNode fromApi =
                    firewatch.http().withKey(firewatch.key(Role.VIEWER)).getJson("/api/v1/logs/rules");
            Cli table = Cli.run("logs", "rules", store[0], store[1], store[2], store[3]);

            assertThat(fromCli).as("the CLI prints what the API returns").isEqualTo(fromApi);
            assertThat(fromCli.path("rules")
                            .path(0)
                            .path("recent_matches")
                            .path(0)
                            .path("line")
                            .asText())
                    .isEqualTo("starting nightly-backup of /srv");
            assertThat(table.out().lines().findFirst().orElseThrow())
                    .contains("NAME")
                    .contains("STATE");
            assertThat(table.out())
                    .contains("nightly-backup")
                    .contains("sequence")
                    .contains("1 start(s) waiting");
        }
    }
}
