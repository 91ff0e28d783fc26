package dev.firewatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An operator fixing a config wants every mistake in one run, not one per restart. */
class FiveMistakesTest {

    @Test
    void reportsFiveMistakesAtOnceEachWithItsLine() {
        var file = Path.of("src/test/resources/config/five-mistakes.yaml");

        var result = new ConfigLoader(Map.of()).load(file);

        assertThat(Configs.errors(result))
                .extracting(ConfigProblem::toString)
                .containsExactly(
                        file + ":3:3: unknown key \"prot\" in server; did you mean \"port\"?",
                        file + ":4:13: server.max_body: expected a size of at least 1KiB, like 512KiB, 1MiB, 10MB"
                                + " or a number of bytes, found \"lots\"",
                        file + ":7:11: users[0].role: unknown role \"admn\"; did you mean \"admin\"?",
                        file + ":15:16: services[0].channels[0]: unknown channel \"taem\"; did you mean \"team\"?",
                        file + ":17:22: services[1].integration_key: environment variable WEB_KEY is not set;"
                                + " set it or write ${WEB_KEY:-default}");
        assertThat(result.warnings()).isEmpty();
    }
}
