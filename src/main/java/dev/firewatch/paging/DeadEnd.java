package dev.firewatch.paging;

import java.util.Locale;

/**
 * A place where a page stops without reaching anyone, or a part of the config that can never take part in
 * one: what the dry run, the escalation page and check-config warn about.
 *
 * @param step the step it concerns, counting from 1; 0 when it concerns no one step
 * @param subject the service, policy, person, schedule or channel it is about, by name
 * @param origin where the policy (or service) is written, {@code firewatch.yaml:40}; empty when unknown
 * @param message a sentence for people: what stops, and what to change
 */
public record DeadEnd(Kind kind, int step, String subject, String origin, String message) {
    public enum Kind {
        /** The service has no escalation policy: its incidents page nobody. */
        NO_POLICY,
        /** The urgency for that severity then is {@code none}: nobody hears about the incident. */
        NOTIFIES_NOBODY,
        /** The urgency is {@code post}: only a channel hears about it, no one is paged. */
        POST_ONLY,
        /** Every target of a step is a gap, a person who cannot be reached, or a channel that is off. */
        STEP_REACHES_NOBODY,
        /** A person who has no contact method that can send at that urgency. */
        PERSON_UNREACHABLE,
        /** A notification rule whose method can never send (off, or email without a mail server). */
        RULE_NEVER_SENDS,
        /** A schedule with nobody on call at the instant a step asks it. */
        SCHEDULE_GAP,
        /** A channel that is off, named by a step or an urgency rule. */
        CHANNEL_OFF,
        /** A step that no incident can ever run. */
        STEP_UNREACHABLE,
        /** An urgency rule that earlier rules always decide before it. */
        RULE_NEVER_APPLIES;

        /** The name in JSON: {@code schedule_gap}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** {@code firewatch.yaml:40: message}, as check-config prints it. */
    public String located() {
        return origin.isEmpty() ? message : origin + ": " + message;
    }
}
