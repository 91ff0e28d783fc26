package dev.firewatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firewatch.testing.Chromium;
import dev.firewatch.testing.TestFirewatch;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A responder watches alerts arrive without reloading, and silences one from its row. */
class AlertsPageBrowserTest {
    static String alert(String name, String instance, String summary) {
        return """
                {"version": "4", "status": "firing", "receiver": "fw", "groupLabels": {}, "commonLabels": {},
                 "commonAnnotations": {}, "externalURL": "http://am", "groupKey": "g", "truncatedAlerts": 0,
                 "alerts": [{"status": "firing", "labels": {"alertname": "%s", "instance": "%s"},
                             "annotations": {"summary": "%s"}, "startsAt": "2026-11-23T03:00:00Z",
                             "endsAt": "0001-01-01T00:00:00Z", "generatorURL": "", "fingerprint": "f"}]}""".formatted(name, instance, summary);
    }

    @Test
    void newAlertsAppearWithoutAReloadAndSilencingOneFillsItsMatchersIn(@TempDir Path dir) {
        try (TestFirewatch firewatch = TestFirewatch.start(dir)) {
            firewatch.setPassword("rita", "rita-password-1");
            firewatch
                    .http()
                    .postJson(
                            "/api/v1/integrations/alertmanager/demo-key",
                            alert("DiskFull", "web-1", "Disk full on web-1"));
            ChromeDriver browser = Chromium.start(dir.resolve("profile"));
            try {
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
                // htmx swaps the table in place every few seconds: an element read during a swap is stale, so look
                // again.
                wait.ignoring(StaleElementReferenceException.class);
                wait.ignoring(StaleElementReferenceException.class);
                browser.get(firewatch.base() + "/alerts");
                browser.findElement(By.name("username")).sendKeys("rita");
                browser.findElement(By.name("password")).sendKeys("rita-password-1");
                browser.findElement(By.cssSelector("form button[type=submit]")).click();
                wait.until(d -> d.findElement(By.id("alerts")).getText().contains("Disk full on web-1"));

                firewatch
                        .http()
                        .postJson(
                                "/api/v1/integrations/alertmanager/demo-key",
                                alert("CpuHigh", "web-2", "CPU high on web-2"));
                wait.until(d -> d.findElement(By.id("alerts")).getText().contains("CPU high on web-2"));
                Chromium.screenshot(browser, "alerts");

                browser.get(firewatch.base() + "/silences/new?matchers="
                        + java.net.URLEncoder.encode(
                                "alertname=\"DiskFull\", instance=\"web-1\"", java.nio.charset.StandardCharsets.UTF_8));
                assertThat(browser.findElement(By.name("matchers")).getAttribute("value"))
                        .isEqualTo("alertname=\"DiskFull\", instance=\"web-1\"");
                assertThat(browser.findElement(By.name("comment")).getAttribute("required"))
                        .as("the browser asks for a reason before the form is sent")
                        .isNotNull();
                browser.findElement(By.name("comment")).sendKeys("replacing the disk");
                browser.findElement(By.xpath("//button[text()='Silence']")).click();
                wait.until(d -> d.getCurrentUrl().endsWith("/silences"));
                assertThat(browser.findElement(By.id("silences")).getText())
                        .contains("alertname=\"DiskFull\"")
                        .contains("active")
                        .contains("replacing the disk")
                        .contains("user:rita");
            } finally {
                browser.quit();
            }
        }
    }
}
