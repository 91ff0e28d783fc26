package dev.firewatch.notify;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A place notifications can go. The type decides which settings it needs and which {@link Sender} delivers to
 * it.
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
            "ntfy", Set.of("url", "topic"),
            "teams", Set.of("url"),
            "telegram", Set.of("token", "chat_id"));

    /**
     * Settings each type may have besides the required ones. {@code title} and {@code text} are
     * {@link MessageTemplate}s that replace the channel's default words; a webhook sends JSON of a fixed shape
     * (DESIGN §3.1), so it has none.
     */
    public static final Map<String, Set<String>> OPTIONAL_SETTINGS = Map.of(
            "webhook", Set.of("secret"),
            "slack", Set.of("title", "text"),
            "email", Set.of("from", "title", "text"),
            "ntfy", Set.of("token", "title", "text"),
            "teams", Set.of("title", "text"),
            "telegram", Set.of("api_url", "title", "text"));

    /** The value of a setting, or empty when the channel does not have it. */
    public String setting(String key) {
        return settings.getOrDefault(key, "");
    }

    @Override
    public String toString() {
        // Settings hold secrets (a Slack or Teams URL is its own password, a webhook secret, an ntfy or Telegram
        // token): only their
        // names may reach a log or an error.
        return "ChannelSpec[" + name + ", " + type + (enabled ? "" : ", off") + ", settings "
                + new TreeSet<>(settings.keySet()) + "]";
    }
}
