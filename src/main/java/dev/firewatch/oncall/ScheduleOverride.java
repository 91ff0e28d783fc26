package dev.firewatch.oncall;

import java.time.Instant;

/**
 * Someone takes over a schedule from {@code start} (included) to {@code end} (not included), whoever the
 * layers put on call then, gaps included. Of two overrides at the same time, the one made later wins.
 */
public record ScheduleOverride(
        String id,
        String schedule,
        String user,
        Instant start,
        Instant end,
        String reason,
        String createdBy,
        Instant createdAt) {
    public ScheduleOverride {
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("an override must end (" + end + ") after it starts (" + start + ")");
        }
    }

    Span span() {
        return new Span(start, end);
    }
}
