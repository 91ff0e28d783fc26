package dev.firewatch.notify;

/** What a notification is about ({@link Notification#event()}), in the words every channel uses for it. */
enum Happening {
    TRIGGERED("incident.triggered", "triggered"),
    ACKNOWLEDGED("incident.acknowledged", "acknowledged"),
    ESCALATED("incident.escalated", "escalated"),
    RESOLVED("incident.resolved", "resolved"),
    REOPENED("incident.reopened", "reopened"),
    TEST("test", "test");

    private final String event;
    private final String word;

    Happening(String event, String word) {
        this.event = event;
        this.word = word;
    }

    /**
     * An event this build does not know (one added later) reads as a trigger: saying too much about an incident
     * is better than dropping the page.
     */
    static Happening of(String event) {
        for (Happening happening : values()) {
            if (happening.event.equals(event)) {
                return happening;
            }
        }
        return TRIGGERED;
    }

    /** {@code triggered}, {@code resolved}: for the {event} placeholder. */
    String word() {
        return word;
    }

    /** {@code Resolved}: the word that starts a subject or a headline. */
    String capitalized() {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    /** Whether the people paged may still act on the incident, so acknowledge and resolve links make sense. */
    boolean open() {
        return this != RESOLVED && this != TEST;
    }
}
