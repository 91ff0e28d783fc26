package dev.firewatch.incident;

import java.util.Optional;

/** What a one-click link does; the code is the letter signed into its token. */
enum LinkAction {
    ACKNOWLEDGE("a", "Acknowledge", "Acknowledged", IncidentState.ACKNOWLEDGED),
    RESOLVE("r", "Resolve", "Resolved", IncidentState.RESOLVED);

    private final String code;
    private final String verb;
    private final String done;
    private final IncidentState target;

    LinkAction(String code, String verb, String done, IncidentState target) {
        this.code = code;
        this.verb = verb;
        this.done = done;
        this.target = target;
    }

    String code() {
        return code;
    }

    /** "Acknowledge", for the button. */
    String verb() {
        return verb;
    }

    /** "Acknowledged", for the timeline and the answer. */
    String done() {
        return done;
    }

    IncidentState target() {
        return target;
    }

    /** Whether the link has anything to do: acknowledging needs a triggered incident, resolving an open one. */
    boolean actsOn(IncidentState state) {
        return state.open() && state != target;
    }

    static Optional<LinkAction> ofCode(String code) {
        for (LinkAction action : values()) {
            if (action.code.equals(code)) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }
}
