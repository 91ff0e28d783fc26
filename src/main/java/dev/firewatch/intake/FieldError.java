package dev.firewatch.intake;

/**
 * One thing wrong with a request body.
 *
 * @param field the JSON path of the field, like {@code payload.severity} or {@code events[2].labels.team}; null
 *     when the problem is the body as a whole (not JSON, not UTF-8, too deep)
 * @param message one sentence that names the field, says what was expected and what came, so it can be shown
 *     alone (the Events API v2 answer lists only these sentences)
 */
public record FieldError(String field, String message) {}
