package dev.firewatch.logwatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firewatch.testing.Chromium;
import dev.firewatch.testing.TestFirewatch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A responder watches a log rule's matching lines arrive on its page without reloading. */
class LogRulesPageBrowserTest {
    static final String CONFIG = TestFirewatch.BASE_CONFIG + """
            log_rules:
              - name: db-errors
                service: demo
                rate: {pattern: OperationalError, more_than: 100, within: 5m}
            """;

    @Test
    void newMatchingLinesAppearWithoutAReload(@TempDir Path dir) {
        try (TestFirewatch firewatch = TestFirewatch.start(dir, CONFIG, Clock.systemUTC(), Map.of())) {
            firewatch.setPassword("rita", "rita-password-1");
            ChromeDriver browser = Chromium.start(dir.resolve("profile"));
            try {
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
                wait.ignoring(StaleElementReferenceException.class);
                browser.get(firewatch.base() + "/logs/rules");
                browser.findElement(By.name("username")).sendKeys("rita");
                browser.findElement(By.name("password")).sendKeys("rita-password-1");
                browser.findElement(By.cssSelector("form button[type=submit]")).click();
                wait.until(d -> d.findElement(By.id("rule-db-errors")).getText().contains("No matching lines yet"));
                assertThat(browser.findElement(By.cssSelector("nav.tabs a.current"))
                                .getText())
                        .isEqualTo("Log rules");

                firewatch
                        .http()
                        .post(
                                "/api/v1/logs",
                                "text/plain",
                                "sqlalchemy OperationalError: database is locked\n".getBytes(StandardCharsets.UTF_8),
                                "X-Integration-Key",
                                "demo-key");

                wait.until(d -> d.findElement(By.id("rule-db-errors"))
                        .getText()
                        .contains("sqlalchemy OperationalError: database is locked"));
                assertThat(browser.findElement(By.id("rule-db-errors")).getText())
                        .contains("1 in the last 5m");
                Chromium.screenshot(browser, "log-rules");
            } finally {
                browser.quit();
            }
        }
    }
}
