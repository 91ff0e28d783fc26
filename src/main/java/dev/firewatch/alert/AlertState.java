package dev.firewatch.alert;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** An alert is firing until its source says it resolved. */
public enum AlertState {
    FIRING,
    RESOLVED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AlertState> parse(String text) {
        for (AlertState state : values()) {
            if (state.wireName().equals(text)) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }
}
