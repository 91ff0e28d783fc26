package dev.firewatch.web;

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

/** Someone watching the heartbeats page sees a job's pings, its failure and its log arrive without reloading. */
class HeartbeatsPageBrowserTest {
    static final String UUID = "6f1b7c1e-2d3a-4b5c-8d9e-0f1a2b3c4d5e";

    @Test
    void pingsShowUpOnTheListAndTheLogWithoutAReload(@TempDir Path dir) {
        String config = TestFirewatch.BASE_CONFIG + """
                heartbeats:
                  - {name: nightly-backup, uuid: %s, service: demo, cron: "0 2 * * *", timezone: Europe/Berlin, grace: 1h}
                """.formatted(UUID);
        try (TestFirewatch firewatch = TestFirewatch.start(dir, config, Clock.systemUTC(), Map.of())) {
            firewatch.setPassword("vera", "vera-password-1");
            ChromeDriver browser = Chromium.start(dir.resolve("profile"));
            try {
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
                wait.ignoring(StaleElementReferenceException.class);
                browser.get(firewatch.base() + "/heartbeats");
                browser.findElement(By.name("username")).sendKeys("vera");
                browser.findElement(By.name("password")).sendKeys("vera-password-1");
                browser.findElement(By.cssSelector("form button[type=submit]")).click();
                wait.until(d -> d.findElement(By.cssSelector("#heartbeats td.status"))
                        .getText()
                        .equals("new"));

                firewatch.http().get("/ping/" + UUID + "/start");
                firewatch.http().get("/ping/" + UUID);
                wait.until(d -> d.findElement(By.cssSelector("#heartbeats td.status"))
                        .getText()
                        .equals("up"));
                Chromium.screenshot(browser, "heartbeats");

                browser.findElement(By.linkText("nightly-backup")).click();
                wait.until(d -> d.findElement(By.id("pings")).getText().contains("success"));
                firewatch
                        .http()
                        .post(
                                "/ping/" + UUID + "/3",
                                "text/plain",
                                "pg_dump: connection refused".getBytes(StandardCharsets.UTF_8));
                wait.until(d -> d.findElement(By.id("pings")).getText().contains("pg_dump: connection refused"));
                wait.until(
                        d -> d.findElement(By.id("heartbeat-status")).getText().contains("failed with exit code 3"));
                Chromium.screenshot(browser, "heartbeat-log");
            } finally {
                browser.quit();
            }
        }
    }
}
