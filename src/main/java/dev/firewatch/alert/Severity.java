package dev.firewatch.alert;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** An alert keeps its source's severity (DESIGN §3.1); incidents map it onto the SEV ladder. */
public enum Severity {
    CRITICAL,
    ERROR,
    WARNING,
    INFO;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Severity> parse(String text) {
        for (Severity severity : values()) {
            if (severity.wireName().equals(text)) {
                return Optional.of(severity);
            }
        }
        return Optional.empty();
    }

    /** True when this is at least as severe as {@code other}. */
    public boolean atLeast(Severity other) {
        return compareTo(other) <= 0;
    }
}
