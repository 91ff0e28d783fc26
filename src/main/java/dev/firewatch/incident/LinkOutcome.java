package dev.firewatch.incident;

import java.time.Instant;

/** What a one-click link comes to, for the page that answers it. */
sealed interface LinkOutcome {
    Incident incident();

    /** Not used yet and there is something to do: the confirm page offers the button. */
    record Ready(Incident incident) implements LinkOutcome {}

    /** This use did what the link says. */
    record Done(Incident incident, String actor, Instant at) implements LinkOutcome {}

    /** The link was used before; this use changed nothing. */
    record UsedBefore(Incident incident, String actor, Instant at) implements LinkOutcome {}

    /**
     * Nothing to do: the incident already is where the link would take it, or resolved, by {@code by} at
     * {@code at}.
     */
    record NothingToDo(Incident incident, String by, Instant at) implements LinkOutcome {}
}
