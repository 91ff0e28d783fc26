package dev.firewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firewatch.auth.Role;
import dev.firewatch.testing.TestFirewatch;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code firewatch heartbeats}: the heartbeats as the API lists them, from the shell while the server runs. */
class HeartbeatCommandsTest {
    static final String UUID = "6f1b7c1e-2d3a-4b5c-8d9e-0f1a2b3c4d5e";
    static final String CONFIG = TestFirewatch.BASE_CONFIG + """
            heartbeats:
              - {name: nightly-backup, uuid: %s, service: demo, cron: "0 2 * * *", grace: 1h}
              - {name: queue-worker, uuid: 0b6f3a52-93c4-4d2e-a1f0-2c9e8d7b6a51, service: demo, period: 5m, grace: 2m}
            """.formatted(UUID);

    @Test
    void listsStatusLastPingAndPingUrlAndPrintsTheApisJson(@TempDir Path dir) throws Exception {
        try (TestFirewatch firewatch = TestFirewatch.start(dir, CONFIG, Clock.systemUTC(), Map.of())) {
            firewatch.http().get("/ping/" + UUID);
            String[] store = {
                "--config",
                firewatch.configFile().toString(),
                "--data",
                firewatch.dataDir().toString()
            };

            Cli table = Cli.run(concat(new String[] {"heartbeats"}, store));
            Cli json = Cli.run(concat(new String[] {"heartbeats", "--output", "json"}, store));

            assertThat(table.exitCode()).as(table.err()).isZero();
            assertThat(table.out())
                    .contains("NAME", "STATUS", "PING URL")
                    .contains("nightly-backup", "up", "cron 0 2 * * * (UTC)", "http://127.0.0.1:8080/ping/" + UUID)
                    .contains("queue-worker", "new", "every 5m");
            var api = firewatch.http().withKey(firewatch.key(Role.VIEWER)).getJson("/api/v1/heartbeats");
            assertThat(new ObjectMapper().readTree(json.out()))
                    .as("the CLI prints the API's answer")
                    .isEqualTo(api);
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
