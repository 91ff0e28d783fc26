package dev.firewatch.notify;

import java.util.Map;
import java.util.Set;

/**
 * A place notifications can go. The type decides which settings it needs; the channel's own package
 * (added by the paging work) turns the settings into a sender.
 *
 * @param enabled false when a required setting came out empty from an unset {@code ${VAR:-}}: the channel
 *     is declared but switched off, so an example config can offer a channel that only works once its
 *     environment variable is set
 */
public record ChannelSpec(String name, String type, Map<String, String> settings, boolean enabled) {
    /** Channel types and the settings each one requires. */
    public static final Map<String, Set<String>> REQUIRED_SETTINGS = Map.of(
            "webhook", Set.of("url"),
            "slack", Set.of("url"),
            "email", Set.of("to"),
            "ntfy", Set.of("url", "topic"));

    /** Settings each type may have besides the required ones. */
    public static final Map<String, Set<String>> OPTIONAL_SETTINGS = Map.of(
            "webhook", Set.of("secret"),
            "slack", Set.of(),
            "email", Set.of("from"),
            "ntfy", Set.of("token"));
}
