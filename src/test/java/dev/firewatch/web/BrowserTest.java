package dev.firewatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firewatch.testing.Chromium;
import dev.firewatch.testing.TestFirewatch;
import dev.firewatch.testing.TestHttp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A person in a real browser: sign in, make an API key, see it once, revoke it, and the API refuses it. */
class BrowserTest {
    @Test
    void anAdminMakesAKeySeesItOnceRevokesItAndTheApiThenRefusesIt(@TempDir Path dir) {
        try (TestFirewatch firewatch = TestFirewatch.start(dir)) {
            ChromeDriver browser = Chromium.start(dir.resolve("profile"));
            try {
                browser.get(firewatch.base() + "/settings/api-keys");
                assertThat(browser.getCurrentUrl()).contains("/login?next=");
                browser.findElement(By.name("username")).sendKeys("admin");
                browser.findElement(By.name("password")).sendKeys(TestFirewatch.ADMIN_PASSWORD);
                browser.findElement(By.cssSelector("form button[type=submit]")).click();
                // The click returns when the form is sent, not always when the next page has loaded.
                new WebDriverWait(browser, Duration.ofSeconds(10))
                        .until(page -> page.getCurrentUrl().endsWith("/settings/api-keys"));
                assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("API keys");

                browser.findElement(By.name("name")).sendKeys("status-script");
                new Select(browser.findElement(By.name("role"))).selectByValue("viewer");
                browser.findElement(By.xpath("//button[text()='Create key']")).click();

                String secret =
                        browser.findElement(By.id("new-key-secret")).getText().strip();
                assertThat(secret).matches("fw_[a-z0-9]{8}_[a-z0-9]{32}");
                String prefix = secret.substring(0, 11);
                Chromium.screenshot(browser, "api-key-created");
                assertThat(rowsFor(browser, prefix)).hasSize(1);
                assertThat(rowsFor(browser, prefix).getFirst().getText())
                        .contains("status-script", "viewer", "active")
                        .doesNotContain(secret);

                TestHttp api = firewatch.http().withKey(secret);
                assertThat(api.get("/api/v1/me").statusCode()).isEqualTo(200);

                browser.get(firewatch.base() + "/settings/api-keys");
                assertThat(browser.getPageSource()).as("shown once only").doesNotContain(secret);
                assertThat(rowsFor(browser, prefix)).hasSize(1);

                rowsFor(browser, prefix)
                        .getFirst()
                        .findElement(By.xpath(".//button[text()='Revoke']"))
                        .click();
                // The form posts and the page reloads: wait for the new page, not the one being replaced.
                new WebDriverWait(browser, Duration.ofSeconds(10))
                        .ignoring(StaleElementReferenceException.class)
                        .until(d ->
                                rowsFor(browser, prefix).getFirst().getText().contains("revoked"));
                assertThat(api.get("/api/v1/me").statusCode()).isEqualTo(401);

                browser.get(firewatch.base() + "/");
                assertThat(browser.findElement(By.id("readiness")).getText()).contains("database", "ok");
                Chromium.screenshot(browser, "dashboard");
            } finally {
                browser.quit();
            }
        }
    }

    private static List<WebElement> rowsFor(ChromeDriver browser, String prefix) {
        return browser.findElements(By.cssSelector("#api-keys tr[data-prefix='" + prefix + "']"));
    }
}
