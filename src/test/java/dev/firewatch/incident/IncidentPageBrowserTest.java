package dev.firewatch.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firewatch.auth.Role;
import dev.firewatch.testing.Chromium;
import dev.firewatch.testing.TestFirewatch;
import dev.firewatch.testing.TestHttp;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** In a real browser: a responder snoozes from the incident page, then resolves from a one-click link. */
class IncidentPageBrowserTest {
    @Test
    void aResponderSnoozesFromThePageAndResolvesFromALink(@TempDir Path dir) {
        try (TestFirewatch firewatch =
                TestFirewatch.start(dir, TestFirewatch.withResponders("alice", "bob"), Clock.systemUTC(), Map.of())) {
            firewatch.setPassword("rita", "rita-password-1");
            TestHttp viewer = firewatch.http().withKey(firewatch.key(Role.VIEWER));
            JsonNode incident = IncidentActionsTest.open(firewatch, viewer, "db-8");
            String number = incident.path("number").asText();
            ChromeDriver browser = Chromium.start(dir.resolve("profile"));
            try {
                // Each form posts and the page loads anew: an element read during the load is stale, so look again.
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
                wait.ignoring(StaleElementReferenceException.class);
                browser.get(firewatch.base() + "/incidents/" + number);
                browser.findElement(By.name("username")).sendKeys("rita");
                browser.findElement(By.name("password")).sendKeys("rita-password-1");
                browser.findElement(By.cssSelector("form button[type=submit]")).click();
                wait.until(d -> d.findElement(By.id("snooze")).isDisplayed());

                new Select(browser.findElement(By.cssSelector("#snooze select[name=duration]"))).selectByValue("2h");
                browser.findElement(By.xpath("//form[@id='snooze']//button[text()='Snooze']"))
                        .click();
                wait.until(d -> d.findElement(By.id("incident-state")).getText().equals("acknowledged"));
                assertThat(browser.findElement(By.id("snoozed")).getText()).startsWith("Snoozed until");
                assertThat(browser.findElement(By.id("timeline")).getText()).contains("Snoozed for 2h by user:rita");
                assertThat(browser.findElements(By.xpath("//button[text()='Un-acknowledge']")))
                        .hasSize(1);
                Chromium.screenshot(browser, "incident-snoozed");

                ActionLinks.Links links = firewatch
                        .app()
                        .actionLinks()
                        .links(
                                incident.path("id").asText(),
                                incident.path("number").asLong(),
                                "rita");
                browser.get(firewatch.base() + ActionLinksTest.path(links.resolve()));
                assertThat(browser.findElement(By.id("heading")).getText())
                        .isEqualTo("Resolve incident #" + number + " — Database db-8 does not answer?");
                assertThat(viewer.getJson("/api/v1/incidents/" + number)
                                .path("state")
                                .asText())
                        .as("opening the link changed nothing")
                        .isEqualTo("acknowledged");
                browser.findElement(By.id("confirm")).click();
                wait.until(d -> d.findElement(By.id("heading")).getText().startsWith("Resolved incident"));
                assertThat(browser.findElement(By.id("message")).getText()).startsWith("Resolved by rita via link");
                Chromium.screenshot(browser, "incident-resolved-by-link");
                assertThat(viewer.getJson("/api/v1/incidents/" + number)
                                .path("state")
                                .asText())
                        .isEqualTo("resolved");
            } finally {
                browser.quit();
            }
        }
    }
}
