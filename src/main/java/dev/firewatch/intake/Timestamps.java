package dev.firewatch.intake;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;

/**
 * Reads the times senders write. RFC 3339 ({@code 2026-11-23T03:14:15.926Z}, {@code ...+01:00}) and the ISO 8601
 * offsets without a colon that PagerDuty's own examples use ({@code 2015-07-17T08:42:58.315+0000}, {@code +01}).
 * A time without an offset is refused: which zone it meant is a guess. So is a date that does not exist.
 */
final class Timestamps {
    private static final DateTimeFormatter ISO_WITH_OFFSET = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart()
            .appendOffset("+HH:MM:ss", "Z")
            .optionalEnd()
            .optionalStart()
            .appendOffset("+HHMMss", "Z")
            .optionalEnd()
            .optionalStart()
            .appendOffset("+HH", "Z")
            .optionalEnd()
            .toFormatter()
            // Not the default SMART, which reads 30 February as the 28th and 24:00 as the next day.
            .withResolverStyle(ResolverStyle.STRICT);

    private Timestamps() {}

    /** @throws java.time.DateTimeException when the text is not such a time */
    static Instant parse(String text) {
        return OffsetDateTime.parse(text, ISO_WITH_OFFSET).toInstant();
    }
}
