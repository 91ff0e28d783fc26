package dev.firewatch.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code firewatch} as a process of its own, started the way {@code bin/firewatch} starts it (with this
 * test run's classpath), for tests that need what only a separate process has: signals, a hard kill, a
 * restart on the same data directory.
 */
public final class FirewatchProcess {
    private FirewatchProcess() {}

    /** {@code firewatch serve} in the background, its output appended to {@code log}. */
    public static Process serve(Path config, Path data, int port, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command(
                "serve", "--config", config.toString(), "--data", data.toString(), "--port", Integer.toString(port)));
        builder.environment().put("FIREWATCH_ADMIN_PASSWORD", TestFirewatch.ADMIN_PASSWORD);
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return builder.start();
    }

    /**
     * Runs one {@code firewatch} command to its end and returns what it printed on stdout, as a shell
     * script would capture it; fails when it exits non-zero or takes over 30 s.
     */
    public static String run(String... args) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command(args));
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process = builder.start();
        try {
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError("firewatch " + String.join(" ", args) + " did not end within 30 s");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("firewatch " + String.join(" ", args) + " exited with " + process.exitValue());
            }
            return new String(out, StandardCharsets.UTF_8);
        } finally {
            process.destroyForcibly();
        }
    }

    /** True once {@code /readyz} answers 200; false while nothing listens yet or a check is not ok. */
    public static boolean ready(TestHttp http) {
        try {
            return http.get("/readyz").statusCode() == 200;
        } catch (RuntimeException notYetListening) {
            return false;
        }
    }

    /** A loopback port nothing listens on right now. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.firewatch.cli.Main"));
        command.addAll(List.of(args));
        return command;
    }
}
