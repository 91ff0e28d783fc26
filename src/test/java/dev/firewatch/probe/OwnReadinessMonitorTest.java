package dev.firewatch.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firewatch.auth.Role;
import dev.firewatch.testing.Eventually;
import dev.firewatch.testing.MutableClock;
import dev.firewatch.testing.TestFirewatch;
import dev.firewatch.testing.TestHttp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN §3: the shipped example watches Firewatch's own /readyz. Its URL is a path alone, so it reaches this server
 * on whatever port it listens (tests pick a free one), and the example's conditions look inside the answer.
 */
class OwnReadinessMonitorTest {
    @Test
    void theExampleConfigsMonitorChecksThisServersOwnReadiness(@TempDir Path dir) throws IOException {
        String example = Files.readString(Path.of("firewatch.yaml"));
        MutableClock clock = MutableClock.at("2026-11-23T03:00:00Z");
        try (TestFirewatch firewatch = TestFirewatch.start(dir, example, clock, Map.of())) {
            TestHttp viewer = firewatch.http().withKey(firewatch.key(Role.VIEWER));

            clock.advance(Duration.ofSeconds(31)); // one whole interval: its first slot has come
            JsonNode monitor = Eventually.within(
                    Duration.ofSeconds(10),
                    () -> viewer.getJson("/api/v1/monitors/firewatch-ready"),
                    m -> !m.path("last_result").isMissingNode()
                            && !m.path("last_result").isNull());

            assertThat(monitor.path("service").asText()).isEqualTo("firewatch");
            assertThat(monitor.path("last_result").path("passed").asBoolean())
                    .as("last result: %s", monitor.path("last_result"))
                    .isTrue();
            assertThat(monitor.path("state").asText()).isIn("up", "pending");
            assertThat(viewer.get("/monitors/firewatch-ready").body())
                    .as("what it checks, in words")
                    .contains("GET /readyz of this Firewatch");
        }
    }
}
