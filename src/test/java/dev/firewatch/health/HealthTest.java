package dev.firewatch.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firewatch.testing.TestFirewatch;
import dev.firewatch.testing.TestHttp;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthTest {
    @TempDir
    static Path dir;

    static TestFirewatch firewatch;
    static TestHttp http;

    @BeforeAll
    static void start() {
        firewatch = TestFirewatch.start(dir);
        http = firewatch.http();
    }

    @AfterAll
    static void stop() {
        firewatch.close();
    }

    @Test
    void healthzAnswersWithoutSigningIn() {
        var response = http.get("/healthz");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"ok\"");
    }

    @Test
    void readyzNamesEachDependencyAndRunsARealQuery() throws Exception {
        var response = http.get("/readyz");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).contains("json"));
        JsonNode body = new ObjectMapper().readTree(response.body());
        assertThat(body.path("status").asText()).isEqualTo("ok");
        assertThat(body.path("checks").path("database").path("status").asText()).isEqualTo("ok");
        assertThat(body.path("checks").path("database").path("detail").asText())
                .contains("SQLite")
                .contains("answered in")
                .containsPattern("schema v\\d+");
        assertThat(body.path("checks").path("config").path("status").asText()).isEqualTo("ok");
    }

    @Test
    void metricsSpeakPrometheusWithBuildInfoPoolAndRequestsByRoute() {
        http.get("/healthz");
        http.get("/no/such/page");
        var response = http.get("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        String text = response.body();
        assertThat(text).containsPattern("(?m)^firewatch_build_info\\{.*version=\"[^\"]+\".*} 1");
        assertThat(text).containsPattern("(?m)^jvm_memory_used_bytes\\{");
        assertThat(text).containsPattern("(?m)^hikaricp_connections\\{pool=\"firewatch-writer\"}");
        assertThat(text)
                .containsPattern(
                        "(?m)^http_server_requests_seconds_count\\{.*route=\"/healthz\".*status=\"200\".*} [1-9]");
        assertThat(text)
                .as("unmatched paths share one label value instead of one series per path")
                .containsPattern("(?m)^http_server_requests_seconds_count\\{.*route=\"unmatched\".*status=\"404\"")
                .doesNotContain("/no/such/page");
    }
}
