package dev.firewatch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Prometheus Alertmanager as a real process for one test: its own config and storage in the test's
 * directory, its API on a free loopback port, clustering off, its log in a file that a failing test prints.
 * Closing it stops the process, however the test ended.
 */
public final class RealAlertmanager implements AutoCloseable {
    public static final String BINARY = "/usr/bin/prometheus-alertmanager";

    /** A test's steps, which may throw anything a test throws. */
    @FunctionalInterface
    public interface Steps {
        void run() throws Exception;
    }

    private final Process process;
    private final Path log;
    private final String base;

    private RealAlertmanager(Process process, Path log, String base) {
        this.process = process;
        this.log = log;
        this.base = base;
    }

    /** Starts Alertmanager with {@code configYaml} as its config file and waits until it says it is ready. */
    public static RealAlertmanager start(Path dir, String configYaml) {
        Outside.requireAlertmanager();
        RealAlertmanager alertmanager;
        try {
            Path home = Files.createDirectories(dir.resolve("alertmanager"));
            Path config = Files.writeString(home.resolve("alertmanager.yml"), configYaml);
            Path log = home.resolve("alertmanager.log");
            String address = "127.0.0.1:" + freeLoopbackPort();
            Process process = new ProcessBuilder(
                            BINARY,
                            "--config.file=" + config,
                            "--storage.path=" + Files.createDirectories(home.resolve("data")),
                            "--web.listen-address=" + address,
                            "--cluster.listen-address=",
                            "--log.level=debug")
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            alertmanager = new RealAlertmanager(process, log, "http://" + address);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            alertmanager.whileRunning(() -> Eventually.within(Duration.ofSeconds(20), alertmanager::ready, r -> r));
        } catch (Exception | AssertionError e) {
            alertmanager.close();
            throw new AssertionError("Alertmanager did not become ready", e);
        }
        return alertmanager;
    }

    /** Alertmanager's own API, {@code /api/v2/...}. */
    public TestHttp http() {
        return new TestHttp(base);
    }

    /** {@code POST /api/v2/alerts} with a JSON list of alerts, as Prometheus sends them; fails unless accepted. */
    public void postAlerts(String alertsJson) {
        HttpResponse<String> answer = http().postJson("/api/v2/alerts", alertsJson);
        if (answer.statusCode() != 200) {
            throw new AssertionError("Alertmanager refused the alerts: " + answer.statusCode() + " " + answer.body()
                    + "\n" + alertsJson);
        }
    }

    /**
     * Runs the steps; when one fails, the failure carries Alertmanager's log, which says what it sent where and what
     * it was answered.
     */
    public void whileRunning(Steps steps) throws Exception {
        try {
            steps.run();
        } catch (Exception | AssertionError failure) {
            failure.addSuppressed(new AssertionError("Alertmanager's log, " + log + ":\n" + log()));
            throw failure;
        }
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(could not read the log: " + e + ")";
        }
    }

    private boolean ready() {
        if (!process.isAlive()) {
            throw new AssertionError("Alertmanager exited with status " + process.exitValue());
        }
        try {
            return http().get("/-/ready").statusCode() == 200;
        } catch (UncheckedIOException notListeningYet) {
            return false;
        }
    }

    /** Stops the process: politely first, then for certain. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
