package dev.firewatch.heartbeat;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/**
 * What a ping says: {@code /ping/<uuid>} (or exit code 0) is a success, {@code /start} opens a run,
 * {@code /fail} or a non-zero exit code is a failure.
 */
public enum PingKind {
    START,
    SUCCESS,
    FAIL;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<PingKind> parse(String text) {
        for (PingKind kind : values()) {
            if (kind.wireName().equals(text)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
