package dev.firewatch.escalation;

/** What an incident's opening sets off: the policy's steps, a post to one channel and no page, or nothing. */
public sealed interface Urgency permits Urgency.Page, Urgency.Post, Urgency.Quiet {
    /**
     * Run the policy's steps. The level picks which of each person's notification rules apply: high wakes
     * people (push at once, email after a while), low reaches them without waking them (email only, say).
     */
    record Page(Level level) implements Urgency {
        public Page() {
            this(Level.HIGH);
        }
    }

    record Post(String channel) implements Urgency {}

    record Quiet() implements Urgency {}

    enum Level {
        HIGH,
        LOW;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
