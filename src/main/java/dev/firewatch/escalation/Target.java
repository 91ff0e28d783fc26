package dev.firewatch.escalation;

/** Whom one escalation step notifies: a person, whoever a schedule has on call at that instant, or a channel. */
public sealed interface Target permits Target.User, Target.Schedule, Target.Channel {
    /** The name as declared under {@code users:}, {@code schedules:} or {@code channels:}. */
    String name();

    record User(String name) implements Target {}

    /** Resolved when the step pages, not when the incident opens: a handoff in between pages the new person. */
    record Schedule(String name) implements Target {}

    record Channel(String name) implements Target {}
}
