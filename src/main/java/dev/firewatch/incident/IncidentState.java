package dev.firewatch.incident;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** An incident's lifecycle. Moves come from the table below; any other move is refused. */
public enum IncidentState {
    TRIGGERED,
    ACKNOWLEDGED,
    RESOLVED;

    private static final Map<IncidentState, Set<IncidentState>> MOVES = Map.of(
            TRIGGERED, Set.of(ACKNOWLEDGED, RESOLVED),
            ACKNOWLEDGED, Set.of(TRIGGERED, RESOLVED),
            RESOLVED, Set.of(TRIGGERED));

    public boolean canMoveTo(IncidentState next) {
        return MOVES.get(this).contains(next);
    }

    public boolean open() {
        return this != RESOLVED;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<IncidentState> parse(String text) {
        for (IncidentState state : values()) {
            if (state.wireName().equals(text)) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }
}
