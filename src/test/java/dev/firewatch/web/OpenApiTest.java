package dev.firewatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firewatch.testing.TestFirewatch;
import io.javalin.router.Endpoint;
import java.nio.file.Path;
import java.util.Locale;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenApiTest {
    @Test
    void theOpenApiDocumentDescribesEveryApiRoute(@TempDir Path dir) throws Exception {
        try (TestFirewatch firewatch = TestFirewatch.start(dir)) {
            var response = firewatch.http().get("/api/v1/openapi.json");
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode document = new ObjectMapper().readTree(response.body());
            assertThat(document.path("openapi").asText()).startsWith("3.1");
            SoftAssertions soft = new SoftAssertions();
            for (Endpoint endpoint : firewatch.endpoints()) {
                if (!endpoint.path.startsWith("/api/v1/")) {
                    continue;
                }
                JsonNode operation = document.path("paths")
                        .path(endpoint.path)
                        .path(endpoint.method.name().toLowerCase(Locale.ROOT));
                soft.assertThat(operation.isMissingNode())
                        .as("%s %s is in the OpenAPI document", endpoint.method, endpoint.path)
                        .isFalse();
            }
            soft.assertAll();
        }
    }
}
