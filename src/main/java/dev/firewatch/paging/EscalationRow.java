package dev.firewatch.paging;

import dev.firewatch.escalation.Urgency;
import java.time.Instant;

/**
 * Where one incident's escalation stands: the next page is step {@code nextStep} of round {@code round} at
 * {@code dueAt} (null: nothing more will page until someone escalates or the incident reopens).
 *
 * @param pages how many pages this escalation made so far; it names the next one in idempotency keys, so a
 *     page handled twice (a crash before its commit, two nodes) is queued once
 * @param snoozeEnd the page at {@code dueAt} is a snooze running out: step 1 once, then nothing more
 */
record EscalationRow(
        String incidentId,
        long incidentNumber,
        String service,
        String policy,
        Urgency.Level level,
        int nextStep,
        int round,
        int pages,
        Instant dueAt,
        boolean snoozeEnd,
        Instant openedAt) {}
