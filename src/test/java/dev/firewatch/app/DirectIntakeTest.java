package dev.firewatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firewatch.testing.TestFirewatch;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The endpoints that take alerts are served straight from Jetty for a body of known length, and by Javalin for
 * anything else (a chunked body, say). A sender must not be able to tell which: same status, same JSON.
 */
class DirectIntakeTest {
    static final String TRIGGER =
            "{\"routing_key\": \"demo-key\", \"event_action\": \"trigger\", \"dedup_key\": \"%s\","
                    + " \"payload\": {\"summary\": \"db down\", \"source\": \"db-1\", \"severity\": \"critical\"}}";

    @TempDir
    static Path dir;

    static TestFirewatch firewatch;
    static final HttpClient client = HttpClient.newHttpClient();
    static final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() {
        firewatch = TestFirewatch.start(
                dir,
                TestFirewatch.BASE_CONFIG.replace("  host: 127.0.0.1\n", "  host: 127.0.0.1\n  max_body: 16KiB\n"),
                Clock.systemUTC(),
                Map.of());
    }

    @AfterAll
    static void stop() {
        firewatch.close();
        client.close();
    }

    static Stream<Arguments> requests() {
        return Stream.of(
                Arguments.of("an Events API v2 trigger", "/v2/enqueue", Map.of(), TRIGGER.formatted("direct-1")),
                Arguments.of("the same with a trailing slash", "/v2/enqueue/", Map.of(), TRIGGER.formatted("direct-2")),
                Arguments.of(
                        "an event with a field missing", "/v2/enqueue", Map.of(), "{\"routing_key\": \"demo-key\"}"),
                Arguments.of(
                        "an unknown routing key",
                        "/v2/enqueue",
                        Map.of(),
                        TRIGGER.formatted("x").replace("demo-key", "nope")),
                Arguments.of("JSON cut off", "/v2/enqueue", Map.of(), "{\"routing_key\": "),
                Arguments.of(
                        "a native event",
                        "/api/v1/events",
                        Map.of("X-Integration-Key", "demo-key"),
                        "{\"summary\": \"disk full\", \"severity\": \"warning\", \"dedup_key\": \"disk\"}"),
                Arguments.of("a native event without its key", "/api/v1/events", Map.of(), "{}"),
                Arguments.of(
                        "an Alertmanager group",
                        "/api/v1/integrations/alertmanager/demo-key",
                        Map.of(),
                        "{\"version\": \"4\", \"status\": \"firing\", \"alerts\": [{\"status\": \"firing\","
                                + " \"labels\": {\"alertname\": \"DiskFull\"}, \"startsAt\": \"2026-12-07T03:00:00Z\"}]}"),
                Arguments.of(
                        "an Alertmanager group for an unknown key",
                        "/api/v1/integrations/alertmanager/nokey",
                        Map.of(),
                        "{\"version\": \"4\", \"alerts\": []}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void aBodyOfKnownLengthAndAChunkedOneGetTheSameAnswer(
            String sentence, String path, Map<String, String> headers, String body) throws Exception {
        HttpResponse<String> direct = post(path, headers, HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> chunked = post(path, headers, chunked(body));

        assertThat(direct.statusCode()).isEqualTo(chunked.statusCode());
        assertThat(direct.headers().firstValue("Content-Type"))
                .isEqualTo(chunked.headers().firstValue("Content-Type"));
        assertThat(json.readTree(withoutGeneratedKey(direct.body())))
                .isEqualTo(json.readTree(withoutGeneratedKey(chunked.body())));
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413EitherWay() throws Exception {
        String large = TRIGGER.formatted("x".repeat(20_000));

        assertThat(post("/v2/enqueue", Map.of(), HttpRequest.BodyPublishers.ofString(large))
                        .statusCode())
                .isEqualTo(413);
        assertThat(post("/v2/enqueue", Map.of(), chunked(large)).statusCode()).isEqualTo(413);
    }

    @Test
    void requestsServedStraightFromJettyAreCountedUnderTheirRoute() throws Exception {
        post("/api/v1/integrations/alertmanager/nokey", Map.of(), HttpRequest.BodyPublishers.ofString("{}"));

        String metrics = firewatch.http().get("/metrics").body();

        assertThat(metrics)
                .contains("http_server_requests_seconds_count{method=\"POST\","
                        + "route=\"/api/v1/integrations/alertmanager/{key}\",status=\"404\"}");
    }

    @Test
    void aBodyThatComesAfterItsHeadIsWaitedFor() throws Exception {
        byte[] body = TRIGGER.formatted("slow-sender").getBytes(StandardCharsets.UTF_8);
        try (java.net.Socket socket =
                new java.net.Socket("127.0.0.1", URI.create(firewatch.base()).getPort())) {
            socket.setSoTimeout(10_000);
            var out = socket.getOutputStream();
            out.write(("POST /v2/enqueue HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                            + body.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(200);
            out.write(body, 0, 10);
            out.flush();
            Thread.sleep(200);
            out.write(body, 10, body.length - 10);
            out.flush();

            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(answer).startsWith("HTTP/1.1 202").contains("\"dedup_key\":\"slow-sender\"");
        }
    }

    /** A body whose length is not known in advance, so it is sent in chunks. */
    private static HttpRequest.BodyPublisher chunked(String body) {
        return HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static HttpResponse<String> post(String path, Map<String, String> headers, HttpRequest.BodyPublisher body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(firewatch.base() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(body);
        headers.forEach(request::header);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Dedup keys made for a trigger without one differ per request; nothing else may. */
    private static String withoutGeneratedKey(String body) {
        return body.replaceAll("\"dedup_key\":\"[0-9a-f]{32}\"", "\"dedup_key\":\"made\"");
    }
}
