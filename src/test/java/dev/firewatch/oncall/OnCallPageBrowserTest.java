package dev.firewatch.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firewatch.testing.Chromium;
import dev.firewatch.testing.TestFirewatch;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A responder in a real browser takes over the next four hours of a schedule from the form, as it comes. */
class OnCallPageBrowserTest {
    @Test
    void theTimelineDrawsAndTheOverrideFormWorksWithItsDefaultTimes(@TempDir Path dir) {
        try (TestFirewatch firewatch = OnCallPageTest.start(dir)) {
            firewatch.setPassword("rita", "rita-password-1");
            ChromeDriver browser = Chromium.start(dir.resolve("profile"));
            try {
                // The form posts and the page loads anew: an element read during the swap is stale, so look again.
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
                wait.ignoring(StaleElementReferenceException.class);
                browser.get(firewatch.base() + "/oncall");
                browser.findElement(By.name("username")).sendKeys("rita");
                browser.findElement(By.name("password")).sendKeys("rita-password-1");
                browser.findElement(By.cssSelector("form button[type=submit]")).click();
                wait.until(d -> d.findElement(By.id("schedule-primary")).isDisplayed());

                WebElement primary = browser.findElement(By.id("schedule-primary"));
                WebElement timeline = primary.findElement(By.cssSelector("svg.timeline"));
                assertThat(timeline.getRect().getWidth())
                        .as("the timeline spans the card")
                        .isGreaterThan(500);
                assertThat(primary.findElements(By.cssSelector("svg.timeline rect")))
                        .hasSizeGreaterThan(3);
                primary.findElement(By.tagName("summary")).click();
                new Select(primary.findElement(By.name("user"))).selectByVisibleText("bob");
                primary.findElement(By.name("reason")).sendKeys("swap with alice");
                primary.findElement(By.xpath(".//button[text()='Override']")).click();

                wait.until(d -> d.findElement(By.id("schedule-primary"))
                        .getText()
                        .contains("On call now: bob until Wed 3 Jun 16:00"));
                assertThat(browser.findElement(By.id("schedule-primary")).getText())
                        .contains("swap with alice")
                        .contains("user:rita");
                Chromium.screenshot(browser, "oncall");
            } finally {
                browser.quit();
            }
        }
    }
}
