package dev.firewatch.logwatch;

import java.time.Instant;
import java.util.Map;

/**
 * One line a service sent to {@code POST /api/v1/logs}.
 *
 * @param text the message, as the rules' patterns see it
 * @param labels the line's labels (from the request and the line itself), which a rule's {@code match} reads
 * @param loggedAt when the line says it was logged, or null when it did not say; shown with the evidence only,
 *     since rules run on the time the line arrived (a sender's clock or buffering must not move a deadline)
 */
public record LogLine(String text, Map<String, String> labels, Instant loggedAt) {
    /** The longest stretch of a line kept as evidence; a stack trace on one line would otherwise fill the store. */
    static final int EXCERPT = 1000;

    public LogLine {
        labels = Map.copyOf(labels);
    }

    /** The line as evidence keeps it: at most {@value #EXCERPT} characters. */
    String excerpt() {
        return text.length() <= EXCERPT ? text : text.substring(0, EXCERPT) + "…";
    }
}
