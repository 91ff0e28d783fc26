package dev.firewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firewatch.auth.Role;
import dev.firewatch.testing.TestFirewatch;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code firewatch monitors} beside a running server: a table for people, the API's JSON with {@code --output
 * json}. Until the {@code monitors:} section is read from the file, a config lists none.
 */
class MonitorCommandsTest {
    @Test
    void listsMonitorsAsATableAndAsTheApisJson(@TempDir Path dir) {
        try (TestFirewatch firewatch = TestFirewatch.start(dir)) {
            String[] where = {
                "--config",
                firewatch.configFile().toString(),
                "--data",
                firewatch.dataDir().toString()
            };
            Cli table = Cli.run(concat(new String[] {"monitors"}, where));
            assertThat(table.exitCode()).isZero();
            assertThat(table.out()).startsWith("NAME").contains("STATE").contains("UPTIME 24H");

            Cli json = Cli.run(concat(new String[] {"monitors", "--output", "json"}, where));
            assertThat(json.exitCode()).isZero();
            String api = firewatch
                    .http()
                    .withKey(firewatch.key(Role.VIEWER))
                    .get("/api/v1/monitors")
                    .body();
            assertThat(json.out().strip()).isEqualTo(api).isEqualTo("{\"monitors\":[],\"next_cursor\":null}");

            Cli bad = Cli.run(concat(new String[] {"monitors", "--limit", "0"}, where));
            assertThat(bad.exitCode()).isEqualTo(2);
            assertThat(bad.err()).contains("--limit must be from 1 to 1000");
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
