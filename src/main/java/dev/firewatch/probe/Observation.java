package dev.firewatch.probe;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one check saw, before conditions judge it. Each kind fills what it has; conditions over a placeholder the
 * kind does not fill fail with a message saying so.
 *
 * @param error why the check could not complete (refused, timed out, TLS failure, SQL error), when it could not
 * @param reached false when the target could not be reached at all (no connection); the connectivity check uses
 *     it to tell "they are down" from "we are cut off"
 * @param status the HTTP status
 * @param headers HTTP headers, names in lower case
 * @param body the response body (HTTP) or the resolved addresses (DNS), cut to a bounded size
 * @param certificateExpiry when the served certificate expires (HTTPS, TLS)
 * @param certificateMatchesHost whether the certificate names the host (TLS)
 * @param result the first column of the first row (SQL)
 */
public record Observation(
        Instant at,
        Duration responseTime,
        Optional<String> error,
        boolean reached,
        Optional<Integer> status,
        Map<String, List<String>> headers,
        Optional<String> body,
        Optional<Instant> certificateExpiry,
        Optional<Boolean> certificateMatchesHost,
        Optional<Object> result) {
    /** A check that could not even start, for {@code error}. */
    public static Observation failed(Instant at, String error, boolean reached) {
        return new Observation(
                at,
                Duration.ZERO,
                Optional.of(error),
                reached,
                Optional.empty(),
                Map.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }
}
