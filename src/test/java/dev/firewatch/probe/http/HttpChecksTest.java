package dev.firewatch.probe.http;

import static dev.firewatch.probe.TestMonitors.monitor;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.firewatch.probe.Checks;
import dev.firewatch.probe.ProbeSpec;
import dev.firewatch.probe.SelfSignedCertificate;
import dev.firewatch.testing.MutableClock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTP(S) checks against real servers on loopback: what passes, what fails, and what each failure says. */
class HttpChecksTest {
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    @TempDir
    static Path keys;

    static HttpServer target;
    static HttpsServer secure;

    private final Checks checks = new Checks(new MutableClock(NOW));

    @BeforeAll
    static void startTargets() throws Exception {
        target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        target.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        target.createContext("/health", exchange -> answer(exchange, 200, "text/plain", "ok"));
        target.createContext(
                "/ready", exchange -> answer(exchange, 503, "application/json", "{\"database\":\"error\"}"));
        target.createContext("/old", exchange -> {
            exchange.getResponseHeaders().add("Location", "/health");
            answer(exchange, 301, "text/plain", "moved");
        });
        target.createContext("/slow", exchange -> {
            pause(Duration.ofMillis(300));
            answer(exchange, 200, "text/plain", "late");
        });
        target.createContext("/hang", exchange -> {
            pause(Duration.ofSeconds(5));
            answer(exchange, 200, "text/plain", "too late");
        });
        target.createContext("/big", exchange -> answer(exchange, 200, "text/plain", "x".repeat(1024 * 1024)));
        target.createContext("/echo", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String said = "{\"method\":\"" + exchange.getRequestMethod() + "\",\"token\":\""
                    + exchange.getRequestHeaders().getFirst("X-Token") + "\",\"agent\":\""
                    + exchange.getRequestHeaders().getFirst("User-Agent") + "\",\"body\":" + body + "}";
            answer(exchange, 200, "application/json", said);
        });
        target.start();

        var certificate = SelfSignedCertificate.make(keys, 3, "dns:localhost,ip:127.0.0.1");
        secure = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        secure.setHttpsConfigurator(new HttpsConfigurator(certificate.serverContext()));
        secure.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        secure.createContext("/health", exchange -> answer(exchange, 200, "text/plain", "ok"));
        secure.start();
    }

    @AfterAll
    static void stopTargets() {
        target.stop(0);
        secure.stop(0);
    }

    @Test
    void aHealthEndpointThatAnswers200Passes() {
        var result = checks.check(monitor(get("/health"), "[STATUS] == 200"));

        assertThat(result.passed()).isTrue();
        assertThat(result.reached()).isTrue();
        assertThat(result.failure()).isEmpty();
        assertThat(result.at()).isEqualTo(NOW);
        assertThat(result.evidence()).contains("HTTP 200, body: ok");
    }

    @Test
    void aReadyEndpointWhoseDatabaseIsDownFailsWithTheValueItSaw() {
        var result = checks.check(monitor(get("/ready"), "[BODY].database == \"ok\""));

        assertThat(result.passed()).isFalse();
        assertThat(result.reached()).isTrue();
        assertThat(result.failure()).contains("[BODY].database (\"error\") == \"ok\"");
        assertThat(result.evidence()).contains("HTTP 503, body: {\"database\":\"error\"}");
    }

    @Test
    void theFirstConditionThatFailsIsTheOneNamed() {
        var result = checks.check(monitor(get("/ready"), "[STATUS] < 600", "[STATUS] == 200", "[BODY].database == ok"));

        assertThat(result.failure()).contains("[STATUS] (503) == 200");
    }

    @Test
    void withoutConditionsAnyTwoHundredPassesAndAnythingElseFails() {
        assertThat(checks.check(monitor(get("/health"))).passed()).isTrue();

        var result = checks.check(monitor(get("/ready")));

        assertThat(result.passed()).isFalse();
        assertThat(result.failure()).contains("[STATUS] (503) <= 299");
    }

    @Test
    void aClosedPortFailsAsUnreached() throws IOException {
        int closed;
        try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        var probe = new ProbeSpec.Http(
                URI.create("http://127.0.0.1:" + closed + "/health"), "GET", Map.of(), Optional.empty(), true, true);

        var result = checks.check(monitor(probe, "[STATUS] == 200"));

        assertThat(result.passed()).isFalse();
        assertThat(result.reached()).isFalse();
        assertThat(result.failure()).contains("connection refused by 127.0.0.1:" + closed);
        assertThat(result.evidence()).isEmpty();
    }

    @Test
    void aSlowTargetsResponseTimeShows() {
        var result = checks.check(monitor(get("/slow"), "[RESPONSE_TIME] < 100"));

        assertThat(result.responseTime()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(result.passed()).isFalse();
        assertThat(result.failure().orElseThrow()).matches("\\[RESPONSE_TIME] \\(\\d{3,4}ms\\) < 100");
    }

    @Test
    void aTargetThatDoesNotAnswerInTimeFailsAfterTheTimeoutAsReached() {
        var result = checks.check(monitor(get("/hang"), Duration.ofMillis(500), "[STATUS] == 200"));

        assertThat(result.passed()).isFalse();
        assertThat(result.reached()).isTrue();
        assertThat(result.failure()).contains("no answer from 127.0.0.1:" + port() + " within 500ms");
        assertThat(result.responseTime()).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aRedirectIsFollowedOrShownAsItCame() {
        var followed = checks.check(monitor(get("/old"), "[STATUS] == 200"));
        var shown = checks.check(monitor(
                new ProbeSpec.Http(url("/old"), "GET", Map.of(), Optional.empty(), false, true),
                "[STATUS] == 301",
                "[HEADER].location == /health"));

        assertThat(followed.passed()).isTrue();
        assertThat(shown.passed()).as(shown.failure().orElse("")).isTrue();
    }

    @Test
    void sendsTheMethodHeadersAndBody() {
        var probe = new ProbeSpec.Http(
                url("/echo"), "POST", Map.of("X-Token", "t0ken"), Optional.of("{\"ping\":true}"), true, true);

        var result = checks.check(monitor(
                probe,
                "[HEADER].Content-Type contains application/json",
                "[BODY].method == POST",
                "[BODY].token == t0ken",
                "[BODY].agent matches ^Firewatch",
                "[BODY].body.ping == true"));

        assertThat(result.passed()).as(result.failure().orElse("")).isTrue();
    }

    @Test
    void readsOnlyTheFirst64KibOfTheBody() {
        var observed = new HttpProbe().observe(get("/big"), Duration.ofSeconds(5), NOW);

        assertThat(observed.body().orElseThrow()).hasSize(HttpProbe.BODY_LIMIT);
    }

    @Test
    void evidenceIsCutToAShortExcerpt() {
        var result = checks.check(monitor(get("/big"), "[BODY] contains needle"));

        assertThat(result.evidence().orElseThrow())
                .hasSize(300)
                .startsWith("HTTP 200, body: xxx")
                .endsWith("…");
    }

    @Test
    void withVerificationOffASelfSignedCertificateIsStillRead() {
        var checks = new Checks(Clock.systemUTC());
        var probe = new ProbeSpec.Http(
                URI.create("https://localhost:" + secure.getAddress().getPort() + "/health"),
                "GET",
                Map.of(),
                Optional.empty(),
                true,
                false);

        var result =
                checks.check(monitor(probe, "[STATUS] == 200", "[CERT_MATCHES_HOST] == true", "[CERT_EXPIRY] > 14d"));

        assertThat(result.passed()).isFalse();
        assertThat(result.failure()).contains("[CERT_EXPIRY] (2d 23h) > 14d");
    }

    @Test
    void withVerificationOnASelfSignedCertificateIsNotTrusted() {
        var probe = new ProbeSpec.Http(
                URI.create("https://localhost:" + secure.getAddress().getPort() + "/health"),
                "GET",
                Map.of(),
                Optional.empty(),
                true,
                true);

        var result = checks.check(monitor(probe, "[STATUS] == 200"));

        assertThat(result.passed()).isFalse();
        assertThat(result.reached()).isTrue();
        assertThat(result.failure().orElseThrow())
                .startsWith(
                        "the certificate of localhost:" + secure.getAddress().getPort() + " is not trusted");
    }

    private static ProbeSpec.Http get(String path) {
        return new ProbeSpec.Http(url(path), "GET", Map.of(), Optional.empty(), true, true);
    }

    private static URI url(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    private static int port() {
        return target.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        } catch (IOException clientGone) {
            // the probe stopped reading (a bounded body, a timeout): that is its right
        }
        exchange.close();
    }

    /** The target's own slowness, which is what these tests measure; no test waits on it for a deadline. */
    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
