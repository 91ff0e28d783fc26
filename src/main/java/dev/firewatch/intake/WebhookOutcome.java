package dev.firewatch.intake;

import dev.firewatch.alert.Signal;
import java.util.List;

/** What one webhook request amounts to, before anything is stored. */
public sealed interface WebhookOutcome permits WebhookOutcome.Mapped, WebhookOutcome.Ignored, WebhookOutcome.Rejected {

    /**
     * The body became a signal.
     *
     * @param identity the dedup key the alert has: the mapped one, or the fingerprint of its labels
     * @param notes one sentence per rule that fell back to its default, so whoever sets up the sender sees why
     */
    record Mapped(Signal signal, String identity, List<String> notes) implements WebhookOutcome {
        public Mapped {
            notes = List.copyOf(notes);
        }
    }

    /** The body is fine but means nothing to the mapping (an event kind {@code action_map} does not list). */
    record Ignored(String reason) implements WebhookOutcome {}

    /** The body is not JSON; nothing of it may be kept. */
    record Rejected(List<FieldError> errors) implements WebhookOutcome {
        public Rejected {
            errors = List.copyOf(errors);
        }
    }
}
