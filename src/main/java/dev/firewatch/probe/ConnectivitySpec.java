package dev.firewatch.probe;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code connectivity:}: a few canaries Firewatch connects to (plain TCP) to tell "they are down" from "we are cut
 * off". While most of them cannot be reached, monitor checks that could not reach their target count as unknown
 * (not toward down, not paged), and one alert about Firewatch's own network goes to {@code service}.
 *
 * @param canaries what to connect to; at least one
 * @param interval how often they are checked (a failing monitor also asks again when the last answer is older
 *     than this)
 * @param timeout how long one connect may take
 * @param service where the alert about Firewatch's own network goes: the {@code service} key, or else the first
 *     service of the config; empty when the config has no services
 */
public record ConnectivitySpec(List<Canary> canaries, Duration interval, Duration timeout, Optional<String> service) {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

    public ConnectivitySpec {
        canaries = List.copyOf(canaries);
    }

    /**
     * One canary.
     *
     * @param target as written: {@code 1.1.1.1:53} or {@code https://example.com}
     */
    public record Canary(String target, String host, int port) {}
}
