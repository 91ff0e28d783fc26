package dev.firewatch.intake;

import dev.firewatch.alert.Severity;
import java.time.Instant;

/**
 * A journal row as the consumer reads it, its signal still encoded, and for a folded row not read at all: a folded
 * row is only counted, and reading and decoding every one of them would make a storm's backlog drain at the speed of
 * JSON parsing rather than of the store.
 *
 * @param folded the severity it was folded as under a storm, or null when it goes through the alert stages
 * @param signal the encoded signal; null for a folded row, which is only counted
 */
record JournalRow(String id, Instant receivedAt, String service, Severity folded, String signal) {
    boolean isFolded() {
        return folded != null;
    }
}
