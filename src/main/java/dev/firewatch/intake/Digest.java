package dev.firewatch.intake;

import dev.firewatch.alert.Severity;
import java.time.Instant;
import java.util.List;

/**
 * The events of one service and severity that admission folded in one minute, as the API shows them.
 *
 * @param minute the start of the minute they were received in
 * @param samples the summaries of the first few, so a person sees what the storm is about
 */
public record Digest(
        String id,
        String service,
        Severity severity,
        Instant minute,
        long events,
        Instant firstAt,
        Instant lastAt,
        List<String> samples) {}
