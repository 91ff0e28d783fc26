package dev.firewatch.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firewatch.testing.MutableClock;
import dev.firewatch.testing.TestFirewatch;
import dev.firewatch.testing.TestHttp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RateLimitTest {
    static final String CONFIG = TestFirewatch.BASE_CONFIG + """
            auth:
              api_requests_per_minute: 5
              login_attempts_per_minute: 3
            """;

    @Test
    void anApiKeyOverItsRateGets429WithRetryAfterAndIsServedAgainLater(@TempDir Path dir) {
        MutableClock clock = MutableClock.at("2026-11-23T03:00:00Z");
        try (TestFirewatch firewatch = TestFirewatch.start(dir, CONFIG, clock, Map.of())) {
            TestHttp key = firewatch.http().withKey(firewatch.key(Role.VIEWER));
            for (int i = 0; i < 5; i++) {
                assertThat(key.get("/api/v1/me").statusCode()).isEqualTo(200);
            }
            var limited = key.get("/api/v1/me");
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("Retry-After")).hasValue("12");
            assertThat(limited.body()).contains("too many requests");

            TestHttp otherKey = firewatch.http().withKey(firewatch.key(Role.VIEWER));
            assertThat(otherKey.get("/api/v1/me").statusCode())
                    .as("each key has its own budget")
                    .isEqualTo(200);

            clock.advance(Duration.ofSeconds(12));
            assertThat(key.get("/api/v1/me").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void repeatedSignInAttemptsFromOneAddressAreSlowedDown(@TempDir Path dir) {
        MutableClock clock = MutableClock.at("2026-11-23T03:00:00Z");
        try (TestFirewatch firewatch = TestFirewatch.start(dir, CONFIG, clock, Map.of())) {
            TestHttp browser = firewatch.http();
            for (int i = 0; i < 3; i++) {
                assertThat(browser.signIn("admin", "guess-" + i).statusCode()).isEqualTo(401);
            }
            var limited = browser.signIn("admin", TestFirewatch.ADMIN_PASSWORD);
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("Retry-After")).isPresent();
            assertThat(limited.body()).contains("Too many attempts");

            clock.advance(Duration.ofMinutes(1));
            assertThat(browser.signIn("admin", TestFirewatch.ADMIN_PASSWORD).statusCode())
                    .isEqualTo(303);
        }
    }
}
