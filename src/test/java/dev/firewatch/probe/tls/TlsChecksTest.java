package dev.firewatch.probe.tls;

import static dev.firewatch.probe.TestMonitors.monitor;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.firewatch.probe.Checks;
import dev.firewatch.probe.ProbeSpec;
import dev.firewatch.probe.SelfSignedCertificate;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS checks against a real server on loopback whose self-signed certificate expires in three days. */
class TlsChecksTest {
    @TempDir
    static Path keys;

    static HttpsServer server;

    private final Checks checks = new Checks(Clock.systemUTC());

    @BeforeAll
    static void startServer() throws Exception {
        var certificate = SelfSignedCertificate.make(keys, 3, "dns:localhost,dns:*.apps.test,ip:127.0.0.1");
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(certificate.serverContext()));
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
    }

    @Test
    void aCertificateThatExpiresInThreeDaysFailsFourteenDaysOfMargin() {
        var result = checks.check(monitor(tls("localhost"), "[CERT_EXPIRY] > 14d"));

        assertThat(result.passed()).isFalse();
        assertThat(result.reached()).isTrue();
        assertThat(result.failure()).contains("[CERT_EXPIRY] (2d 23h) > 14d");
        assertThat(result.evidence().orElseThrow())
                .startsWith("certificate of localhost expires ")
                .endsWith(", names the host");
    }

    @Test
    void readsTheExpiryOfTheCertificateTheServerSent() {
        Instant before = Instant.now();

        var observed = new TlsProbe().observe(tls("localhost"), Duration.ofSeconds(5), before);

        assertThat(observed.error()).isEmpty();
        assertThat(observed.certificateExpiry().orElseThrow())
                .isBetween(
                        before.plus(Duration.ofDays(3)).minusSeconds(120),
                        before.plus(Duration.ofDays(3)).plusSeconds(5));
    }

    @Test
    void aSelfSignedCertificateIsReadNotJudged() {
        var result = checks.check(monitor(tls("localhost"), "[CERT_EXPIRY] > 1d", "[CERT_MATCHES_HOST] == true"));

        assertThat(result.passed()).as(result.failure().orElse("")).isTrue();
    }

    @Test
    void withoutConditionsACurrentCertificateThatNamesTheServerPasses() {
        assertThat(checks.check(monitor(tls("localhost"))).passed()).isTrue();
    }

    @Test
    void aWildcardNamesOneLabelOnly() {
        assertThat(checks.check(monitor(tls("web.apps.test"), "[CERT_MATCHES_HOST] == true"))
                        .passed())
                .isTrue();
        assertThat(checks.check(monitor(tls("a.web.apps.test"), "[CERT_MATCHES_HOST] == true"))
                        .failure())
                .contains("[CERT_MATCHES_HOST] (false) == true");
    }

    @Test
    void aServerNameTheCertificateDoesNotNameFailsByDefault() {
        var result = checks.check(monitor(tls("api.example.com")));

        assertThat(result.passed()).isFalse();
        assertThat(result.failure()).contains("[CERT_MATCHES_HOST] (false) == true");
        assertThat(result.evidence().orElseThrow()).endsWith(", does not name the host");
    }

    @Test
    void aPortWithoutTlsFailsTheHandshakeAsReached() throws IOException {
        try (var plain = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (var client = plain.accept()) {
                    client.getOutputStream().write("SSH-2.0-OpenSSH_9.2\r\n".getBytes());
                    client.getInputStream().read();
                } catch (IOException ignored) {
                    // the probe hung up
                }
            });
            var probe = new ProbeSpec.Tls("127.0.0.1", plain.getLocalPort(), "localhost");

            var result = checks.check(monitor(probe, Duration.ofSeconds(2), "[CERT_EXPIRY] > 14d"));

            assertThat(result.passed()).isFalse();
            assertThat(result.reached()).isTrue();
            assertThat(result.failure().orElseThrow())
                    .startsWith("TLS handshake with 127.0.0.1:" + plain.getLocalPort() + " failed");
        }
    }

    @Test
    void aClosedPortFailsAsUnreached() throws IOException {
        int closed;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }

        var result = checks.check(monitor(new ProbeSpec.Tls("127.0.0.1", closed, "localhost")));

        assertThat(result.passed()).isFalse();
        assertThat(result.reached()).isFalse();
        assertThat(result.failure()).contains("connection refused by 127.0.0.1:" + closed);
    }

    /** The server on 127.0.0.1, asked for {@code serverName}. */
    private static ProbeSpec.Tls tls(String serverName) {
        return new ProbeSpec.Tls("127.0.0.1", server.getAddress().getPort(), serverName);
    }
}
