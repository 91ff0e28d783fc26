package dev.firewatch.escalation;

/** What an incident's opening sets off: the policy's steps, a post to one channel and no page, or nothing. */
public sealed interface Urgency permits Urgency.Page, Urgency.Post, Urgency.Quiet {
    record Page() implements Urgency {}

    record Post(String channel) implements Urgency {}

    record Quiet() implements Urgency {}
}
