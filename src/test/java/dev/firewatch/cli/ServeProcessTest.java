package dev.firewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firewatch.testing.Eventually;
import dev.firewatch.testing.TestFirewatch;
import dev.firewatch.testing.TestHttp;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code firewatch serve} as its own process, sent real signals, as an init system or an operator would. */
class ServeProcessTest {
    @TempDir
    Path dir;

    Process process;

    @AfterEach
    void kill() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    @Test
    void reloadsOnHangupStopsOnTermAndStartsAgainAfterKillOnTheSameDataAndPort() throws Exception {
        int port = freePort();
        Path config = dir.resolve("firewatch.yaml");
        Path data = dir.resolve("data");
        Files.writeString(config, TestFirewatch.BASE_CONFIG);
        Path log = dir.resolve("serve.log");
        TestHttp http = new TestHttp("http://127.0.0.1:" + port);

        process = serve(config, data, port, log);
        Eventually.within(Duration.ofSeconds(30), () -> ready(http), r -> r);
        assertThat(Files.readString(log)).contains("listening on http://127.0.0.1:" + port);
        Cli key = Cli.run(
                "api-key",
                "create",
                "--name",
                "ops",
                "--role",
                "admin",
                "--config",
                config.toString(),
                "--data",
                data.toString());
        TestHttp admin = http.withKey(key.out().strip());

        Files.writeString(
                config, TestFirewatch.BASE_CONFIG + "  - name: payments\n    integration_key: payments-key\n");
        new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).start().waitFor();
        try {
            Eventually.within(Duration.ofSeconds(30), () -> admin.get("/").body(), body -> body.contains("payments"));
        } catch (AssertionError notReloaded) {
            // Keep what the server said, to tell an ignored signal from a rejected or slow reload.
            throw new AssertionError(
                    "no reload after SIGHUP; the server's log:\n" + Files.readString(log), notReloaded);
        }

        process.destroy(); // SIGTERM
        assertThat(process.waitFor(10, TimeUnit.SECONDS))
                .as("stopped within 10 s of SIGTERM")
                .isTrue();

        process = serve(config, data, port, log);
        Eventually.within(Duration.ofSeconds(30), () -> ready(http), r -> r);
        process.destroyForcibly(); // SIGKILL: no shutdown hook, no clean close
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();

        process = serve(config, data, port, log);
        Eventually.within(Duration.ofSeconds(30), () -> ready(http), r -> r);
        assertThat(admin.get("/api/v1/me").statusCode())
                .as("the key made before the kill still works")
                .isEqualTo(200);
    }

    private static boolean ready(TestHttp http) {
        try {
            return http.get("/readyz").statusCode() == 200;
        } catch (RuntimeException notYetListening) {
            return false;
        }
    }

    private static Process serve(Path config, Path data, int port, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // env puts SIGHUP back to its default: a test run started under nohup would pass "ignore" on to the server,
        // and the JVM never handles a signal that it was started ignoring.
        ProcessBuilder builder = new ProcessBuilder(List.of(
                "env",
                "--default-signal=HUP",
                java,
                "-Xmx256m",
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.firewatch.cli.Main",
                "serve",
                "--config",
                config.toString(),
                "--data",
                data.toString(),
                "--port",
                Integer.toString(port)));
        builder.environment().put("FIREWATCH_ADMIN_PASSWORD", TestFirewatch.ADMIN_PASSWORD);
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return builder.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
