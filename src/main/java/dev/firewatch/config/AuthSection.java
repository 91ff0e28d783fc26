package dev.firewatch.config;

import dev.firewatch.auth.AuthSpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code auth:} as written and checked; see {@link ServerSection} for the two steps. */
record AuthSection(
        Optional<Duration> sessionTtl,
        Optional<Integer> loginAttemptsPerMinute,
        Optional<Integer> apiRequestsPerMinute) {
    static final List<String> KEYS = List.of("session_ttl", "login_attempts_per_minute", "api_requests_per_minute");
    static final AuthSection ABSENT = new AuthSection(Optional.empty(), Optional.empty(), Optional.empty());
    private static final int MAX_RATE = 1_000_000;

    static AuthSection read(Mapping auth) {
        auth.allowOnly(KEYS);
        return new AuthSection(
                auth.duration("session_ttl"),
                auth.wholeNumber("login_attempts_per_minute", 1, MAX_RATE),
                auth.wholeNumber("api_requests_per_minute", 1, MAX_RATE));
    }

    AuthSpec spec() {
        var defaults = AuthSpec.DEFAULTS;
        return new AuthSpec(
                sessionTtl.orElse(defaults.sessionTtl()),
                loginAttemptsPerMinute.orElse(defaults.loginAttemptsPerMinute()),
                apiRequestsPerMinute.orElse(defaults.apiRequestsPerMinute()));
    }
}
