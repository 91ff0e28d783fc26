package dev.firewatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firewatch.testing.TestFirewatch;
import dev.firewatch.testing.TestHttp;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssetRoutesTest {
    @Test
    void theStylesheetAndHtmxAreServedFromTheJarToAnyone(@TempDir Path dir) {
        try (TestFirewatch firewatch = TestFirewatch.start(dir)) {
            TestHttp anonymous = firewatch.http();
            var css = anonymous.get("/assets/firewatch.css");
            assertThat(css.statusCode()).isEqualTo(200);
            assertThat(css.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("text/css"));
            assertThat(css.body()).contains("prefers-color-scheme: dark");
            var htmx = anonymous.get("/assets/htmx.min.js");
            assertThat(htmx.statusCode())
                    .as("the htmx webjar path matches the pom's version")
                    .isEqualTo(200);
            assertThat(htmx.body()).contains("htmx");
            assertThat(anonymous.get("/login").body())
                    .contains("/assets/htmx.min.js")
                    .contains("/assets/firewatch.css");
            assertThat(anonymous.get("/assets/passwords.txt").statusCode()).isEqualTo(404);
        }
    }
}
