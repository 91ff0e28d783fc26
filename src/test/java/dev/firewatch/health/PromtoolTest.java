package dev.firewatch.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firewatch.testing.Outside;
import dev.firewatch.testing.TestFirewatch;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DESIGN §3.1: /metrics passes `promtool check metrics`, so Prometheus and its linters take it as it is. */
class PromtoolTest {
    @Test
    void metricsPassPromtoolCheckMetrics(@TempDir Path dir) throws Exception {
        Outside.requirePromtool();
        try (TestFirewatch firewatch = TestFirewatch.start(dir)) {
            firewatch.http().get("/healthz");
            firewatch.http().get("/no/such/page");
            String metrics = firewatch.http().get("/metrics").body();

            Process promtool = new ProcessBuilder("/usr/bin/promtool", "check", "metrics")
                    .redirectErrorStream(true)
                    .start();
            promtool.getOutputStream().write(metrics.getBytes(StandardCharsets.UTF_8));
            promtool.getOutputStream().close();
            String said = read(promtool.getInputStream());
            assertThat(promtool.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(said).as("promtool's findings").isEmpty();
            assertThat(promtool.exitValue()).isZero();
        }
    }

    private static String read(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
