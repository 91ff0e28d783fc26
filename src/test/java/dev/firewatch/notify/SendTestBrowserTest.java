package dev.firewatch.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firewatch.testing.Chromium;
import dev.firewatch.testing.RecordingReceiver;
import dev.firewatch.testing.TestFirewatch;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** An admin in a real browser presses "Send test" beside a channel and reads what Slack said, on the same page. */
class SendTestBrowserTest {
    @Test
    void theButtonSendsATestAndShowsTheAnswerBesideIt(@TempDir Path dir) {
        try (RecordingReceiver slack = RecordingReceiver.start();
                TestFirewatch firewatch = TestFirewatch.start(
                        dir,
                        TestFirewatch.BASE_CONFIG + """
                        channels:
                          - {name: team, type: slack, url: "%s"}
                        """.formatted(slack.url("/services/T1/B1/secret")),
                        Clock.systemUTC(),
                        Map.of())) {
            ChromeDriver browser = Chromium.start(dir.resolve("profile"));
            try {
                browser.get(firewatch.base() + "/login");
                browser.findElement(By.name("username")).sendKeys("admin");
                browser.findElement(By.name("password")).sendKeys(TestFirewatch.ADMIN_PASSWORD);
                browser.findElement(By.cssSelector("form button[type=submit]")).click();
                new WebDriverWait(browser, Duration.ofSeconds(10))
                        .until(page -> page.getCurrentUrl().equals(firewatch.base() + "/"));

                WebElement row = browser.findElement(By.xpath("//table[@id='channels']//tr[td[text()='team']]"));
                row.findElement(By.xpath(".//button[text()='Send test']")).click();
                new WebDriverWait(browser, Duration.ofSeconds(10))
                        .until(page -> !row.findElement(By.className("test-result"))
                                .getText()
                                .isBlank());

                assertThat(row.findElement(By.className("test-result")).getText())
                        .isEqualTo("sent: HTTP 200");
                assertThat(browser.getCurrentUrl())
                        .as("htmx swapped the line in; no page load")
                        .endsWith("/");
                assertThat(slack.take()
                                .json()
                                .path("blocks")
                                .path(0)
                                .path("text")
                                .path("text")
                                .asText())
                        .isEqualTo(":test_tube: Test notification from Firewatch");
                browser.executeScript("arguments[0].scrollIntoView()", row);
                Chromium.screenshot(browser, "dashboard-send-test");
            } finally {
                browser.quit();
            }
        }
    }
}
