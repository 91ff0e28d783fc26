package dev.firewatch.auth;

import java.time.Duration;

/** How long sessions live and how fast a caller may knock. */
public record AuthSpec(Duration sessionTtl, int loginAttemptsPerMinute, int apiRequestsPerMinute) {
    public static final AuthSpec DEFAULTS = new AuthSpec(Duration.ofHours(12), 10, 600);
}
