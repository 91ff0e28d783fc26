package dev.firewatch.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The feed is read by calendar apps that are strict about RFC 5545; this reads it back the way they do. */
class ICalendarTest {
    private static final Instant NOW = Instant.parse("2026-06-03T10:00:00Z");

    @Test
    void anEventComesBackWithItsUtcTimesAndTextAsWritten() {
        String reason = "Alice, at the dentist; back at 15:00 \\ call bob\nif needed";
        String text = ICalendar.of(
                "On call: primary",
                List.of(new ICalendar.Event(
                        "abc@firewatch",
                        Instant.parse("2026-06-03T11:00:00Z"),
                        Instant.parse("2026-06-03T13:00:00Z"),
                        "On call: bob",
                        reason)),
                NOW);

        var events = events(text);

        assertThat(events).hasSize(1);
        assertThat(events.getFirst())
                .containsEntry("UID", "abc@firewatch")
                .containsEntry("DTSTAMP", "20260603T100000Z")
                .containsEntry("DTSTART", "20260603T110000Z")
                .containsEntry("DTEND", "20260603T130000Z")
                .containsEntry("SUMMARY", "On call: bob")
                .containsEntry("DESCRIPTION", reason);
        assertThat(text).startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n").endsWith("END:VCALENDAR\r\n");
    }

    @Test
    void longLinesAreFoldedAt75OctetsWithoutSplittingACharacter() {
        String description = "Bereitschaft für Jürgen während der Übergabe – ".repeat(8) + "🔥 Ende";
        String text = ICalendar.of(
                "On call: primary",
                List.of(new ICalendar.Event("u@firewatch", NOW, NOW.plusSeconds(3600), "On call: jürgen", description)),
                NOW);

        for (String line : text.split("\r\n", -1)) {
            assertThat(line.getBytes(StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(75);
            assertThat(line).doesNotContain("\n").doesNotContain("\r").doesNotContain("\uFFFD");
        }
        assertThat(events(text).getFirst()).containsEntry("DESCRIPTION", description);
    }

    /**
     * Every VEVENT's properties, unfolded and unescaped: a strict reading that fails on a line not ended by CRLF, a
     * folded line longer than 75 octets, or an escape RFC 5545 does not have.
     */
    static List<Map<String, String>> events(String text) {
        assertThat(text).endsWith("\r\n");
        for (String physical : text.split("\r\n")) {
            assertThat(physical.getBytes(StandardCharsets.UTF_8).length)
                    .as("octets in %s", physical)
                    .isLessThanOrEqualTo(75);
        }
        String unfolded = text.replace("\r\n ", "").replace("\r\n\t", "");
        List<Map<String, String>> events = new ArrayList<>();
        Map<String, String> event = null;
        for (String line : unfolded.split("\r\n")) {
            if (line.equals("BEGIN:VEVENT")) {
                event = new LinkedHashMap<>();
            } else if (line.equals("END:VEVENT")) {
                events.add(event);
                event = null;
            } else if (event != null) {
                int colon = line.indexOf(':');
                event.put(line.substring(0, colon), unescape(line.substring(colon + 1)));
            }
        }
        return events;
    }

    private static String unescape(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\\') {
                assertThat(c).as("an unescaped , or ; in %s", value).isNotIn(',', ';');
                out.append(c);
                continue;
            }
            char next = value.charAt(++i);
            out.append(
                    switch (next) {
                        case 'n', 'N' -> '\n';
                        case '\\', ',', ';' -> next;
                        default -> throw new AssertionError("\\" + next + " is not an iCalendar escape in " + value);
                    });
        }
        return out.toString();
    }
}
