package dev.firewatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firewatch.auth.Role;
import dev.firewatch.testing.TestFirewatch;
import dev.firewatch.testing.TestHttp;
import io.javalin.router.Endpoint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input gets a 4xx that says what to fix; nothing crashes a request (TestFirewatch fails on any 5xx). */
class MalformedInputTest {
    @TempDir
    static Path dir;

    static TestFirewatch firewatch;
    static TestHttp admin;

    @BeforeAll
    static void start() {
        firewatch = TestFirewatch.start(
                dir,
                TestFirewatch.BASE_CONFIG.replace("  host: 127.0.0.1\n", "  host: 127.0.0.1\n  max_body: 16KiB\n"),
                Clock.systemUTC(),
                Map.of());
        admin = firewatch.http().withKey(firewatch.key(Role.ADMIN));
    }

    @AfterAll
    static void stop() {
        firewatch.close();
    }

    static Stream<Arguments> badBodies() {
        return Stream.of(
                Arguments.of("JSON cut off in the middle", "{\"name\": ", "not valid JSON"),
                Arguments.of("an array where an object belongs", "[1, 2]", "expected a JSON object"),
                Arguments.of("a number where text belongs", "{\"name\": {\"a\": 1}, \"role\": \"viewer\"}", "name"),
                Arguments.of("an unknown field", "{\"name\": \"x\", \"role\": \"viewer\", \"colour\": 1}", "colour"),
                Arguments.of("a missing field", "{\"role\": \"viewer\"}", "name is required"),
                Arguments.of(
                        "a role that does not exist",
                        "{\"name\": \"x\", \"role\": \"root\"}",
                        "viewer, responder or admin"),
                Arguments.of("an empty body", "", "empty"),
                Arguments.of("null", "null", "null"),
                Arguments.of("bytes that are not UTF-8", "\u00ff\u00fe{", "not valid JSON"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void creatingAKeyFromABadBodyIsRefusedWithAReason(String sentence, String body, String reason) {
        var response = admin.post("/api/v1/api-keys", "application/json", body.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).startsWith("{\"error\":").contains(reason);
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413() {
        byte[] big =
                ("{\"name\": \"" + "x".repeat(20_000) + "\", \"role\": \"viewer\"}").getBytes(StandardCharsets.UTF_8);
        var response = admin.post("/api/v1/api-keys", "application/json", big);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("max_body");
    }

    @Test
    void aLimitOutsideOneToAThousandNamesTheParameter() {
        for (String limit : new String[] {"0", "1001", "ten", "-5"}) {
            var response = admin.get("/api/v1/audit?limit=" + limit);
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).contains("\"field\":\"limit\"").contains("from 1 to 1000");
        }
        assertThat(admin.get("/api/v1/audit?limit=1").statusCode()).isEqualTo(200);
    }

    @Test
    void aMalformedAuthorizationHeaderSaysWhatItShouldBe() {
        var response = firewatch.http().get("/api/v1/me", "Authorization", "Basic YWRtaW46YWRtaW4=");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("Bearer <api key>");
    }

    @Test
    void everyRouteSurvivesGarbageFromAnAdmin() {
        SoftAssertions soft = new SoftAssertions();
        byte[][] garbage = {
            "{\"name\": ".getBytes(StandardCharsets.UTF_8),
            new byte[] {(byte) 0xff, 0x00, 0x7b},
            "name=%zz&_csrf=%".getBytes(StandardCharsets.UTF_8)
        };
        for (Endpoint endpoint : firewatch.endpoints()) {
            String path = endpoint.path.replaceAll("\\{[^}]+}", "not-an-id");
            for (byte[] body : garbage) {
                for (String type : new String[] {"application/json", "application/x-www-form-urlencoded", null}) {
                    var response =
                            switch (endpoint.method.name()) {
                                case "GET" -> admin.get(path + "?limit=x&cursor=%00");
                                default -> admin.post(path, type, body);
                            };
                    soft.assertThat(response.statusCode())
                            .as("%s %s with %s answered %s", endpoint.method, path, type, response.body())
                            .isLessThan(500);
                }
            }
        }
        soft.assertAll();
    }
}
