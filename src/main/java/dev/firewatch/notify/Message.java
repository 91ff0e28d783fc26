package dev.firewatch.notify;

/**
 * The words of one notification for one channel: the channel's own {@code title} and {@code text} templates
 * where its config has them, else the defaults every channel shares, so a page reads the same in Slack, in a mail
 * and on a phone.
 *
 * @param title what the message is about: a Slack header, a mail's subject, an ntfy title
 * @param text a sentence or two: Slack's fallback text, a mail's first paragraph, the ntfy body
 */
record Message(Happening happening, String title, String text) {
    static final String DEFAULT_TITLE = "#{incident.number} {incident.severity} {incident.service}: {incident.title}";
    static final String DEFAULT_TEXT =
            "{incident.title} (#{incident.number}, {incident.severity}, service" + " {incident.service})";
    static final String TEST_TITLE = "Test notification from Firewatch";
    static final String TEST_TEXT = "This is a test from Firewatch for {recipient}. Nothing is wrong: a real page"
            + " says what happened to which incident, with links to acknowledge and resolve it.";

    static Message of(Notification notification, ChannelSpec channel) {
        Happening happening = Happening.of(notification.event());
        boolean test = happening == Happening.TEST;
        String title =
                written(channel, "title", test ? TEST_TITLE : DEFAULT_TITLE).render(notification);
        String text = channel.setting("text").isBlank()
                ? (test ? "" : happening.capitalized() + ": ")
                        + MessageTemplate.lenient(test ? TEST_TEXT : DEFAULT_TEXT)
                                .render(notification)
                : MessageTemplate.lenient(channel.setting("text")).render(notification);
        return new Message(happening, title, text);
    }

    private static MessageTemplate written(ChannelSpec channel, String setting, String fallback) {
        String written = channel.setting(setting);
        return MessageTemplate.lenient(written.isBlank() ? fallback : written);
    }

    /**
     * The title with what happened in front of it ({@code Resolved #42 SEV1 demo: …}), so a follow-up never reads
     * like a new page, whatever the channel's title template says. A page (and a test) is the title alone.
     */
    String headline() {
        return happening == Happening.TRIGGERED || happening == Happening.TEST
                ? title
                : happening.capitalized() + " " + title;
    }
}
