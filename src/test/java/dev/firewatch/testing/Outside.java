package dev.firewatch.testing;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Parts outside the JVM that some tests need. On a developer's machine without them those tests skip with
 * a message saying what to install; with {@code CI=true} they fail instead, because CI must run them all.
 */
public final class Outside {
    public static final String POSTGRES_URL =
            System.getProperty("firewatch.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    private Outside() {}

    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** PostgreSQL on 127.0.0.1:5432, or skip/fail. */
    public static void requirePostgres() {
        require(
                reachable("127.0.0.1", 5432),
                "PostgreSQL is not reachable on 127.0.0.1:5432; start it (e.g. `pg_ctlcluster 15 main start`)"
                        + " to run the PostgreSQL store tests");
    }

    /** Debian's Chromium and its driver, or skip/fail. */
    public static void requireChromium() {
        require(
                Files.isExecutable(Path.of("/usr/bin/chromium"))
                        && Files.isExecutable(Path.of("/usr/bin/chromedriver")),
                "Chromium is not installed; `apt-get install -y chromium chromium-driver` to run the browser tests");
    }

    /** Prometheus's promtool, to check /metrics the way Prometheus's own tooling does. */
    public static void requirePromtool() {
        require(
                Files.isExecutable(Path.of("/usr/bin/promtool")),
                "promtool is not installed; `apt-get install -y --no-install-recommends prometheus` to check /metrics");
    }

    /** Debian's Prometheus Alertmanager, to check that Firewatch takes what the real one sends. */
    public static void requireAlertmanager() {
        require(
                Files.isExecutable(Path.of(RealAlertmanager.BINARY)),
                "Prometheus Alertmanager is not installed; `apt-get install -y --no-install-recommends"
                        + " prometheus-alertmanager` to run the Alertmanager compatibility tests");
    }

    private static void require(boolean present, String message) {
        if (present) {
            return;
        }
        if (inCi()) {
            Assertions.fail("CI=true and a required part is missing: " + message);
        }
        Assumptions.abort(message);
    }

    private static boolean reachable(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
