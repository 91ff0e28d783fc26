package dev.firewatch.logwatch;

/** What an evaluation decided about a rule's alert, with the words that say why. */
sealed interface Change permits Change.Fired, Change.Cleared {
    String text();

    /** The condition began: a trigger whose summary is {@code text}. */
    record Fired(String text) implements Change {}

    /** The condition is over: a resolve, for the reason in {@code text}. */
    record Cleared(String text) implements Change {}
}
