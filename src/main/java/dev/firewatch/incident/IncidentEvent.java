package dev.firewatch.incident;

import java.time.Instant;

/**
 * What happened to an incident, published on the incident bus in the same transaction as the change, for the
 * features that act on incidents (paging, status page, postmortems) to listen to (DESIGN §1).
 */
public sealed interface IncidentEvent
        permits IncidentEvent.Opened,
                IncidentEvent.Acknowledged,
                IncidentEvent.Resolved,
                IncidentEvent.Reopened,
                IncidentEvent.SeverityChanged,
                IncidentEvent.EscalationRequested,
                IncidentEvent.Snoozed,
                IncidentEvent.Reassigned {
    String incidentId();

    long number();

    Instant at();

    /** Opened by its first paging alert. */
    record Opened(String incidentId, long number, String service, String title, String severity, Instant at)
            implements IncidentEvent {}

    /** Someone owns it: a person, or the sender through the Events API v2 ({@code actor} "integration"). */
    record Acknowledged(String incidentId, long number, String actor, Instant at) implements IncidentEvent {}

    /** Over: by a person, or because its last alert resolved ({@code actor} "integration"). */
    record Resolved(String incidentId, long number, String actor, Instant at) implements IncidentEvent {}

    /** Back to triggered after an acknowledgement. */
    record Reopened(String incidentId, long number, String actor, Instant at) implements IncidentEvent {}

    /** By a responder, or raised by a new alert ({@code actor} null). */
    record SeverityChanged(String incidentId, long number, String from, String to, String actor, Instant at)
            implements IncidentEvent {}

    /** A responder asked for the next escalation step. */
    record EscalationRequested(String incidentId, long number, String actor, Instant at) implements IncidentEvent {}

    /**
     * Acknowledged until {@code until}: escalation stops, and at {@code until} the first step is paged once more
     * unless someone responded meanwhile. Published after the {@link Acknowledged} it implies, if any.
     */
    record Snoozed(String incidentId, long number, String actor, Instant until, Instant at) implements IncidentEvent {}

    /** Handed to the user {@code to}, who is paged at once. */
    record Reassigned(String incidentId, long number, String actor, String to, Instant at) implements IncidentEvent {}
}
