package dev.firewatch.escalation;

import java.time.Instant;

/** What a responder did to an incident, as far as escalation cares. */
public sealed interface Response permits Response.Acknowledged, Response.Snoozed {
    Instant at();

    record Acknowledged(Instant at) implements Response {}

    /** Acknowledged at {@code at}, until {@code until}, when step 1 is paged once more. */
    record Snoozed(Instant at, Instant until) implements Response {
        public Snoozed {
            if (!until.isAfter(at)) {
                throw new IllegalArgumentException("a snooze must end after it starts");
            }
        }
    }
}
