package dev.firewatch.escalation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * When each step of a policy pages for one incident, given how responders have answered so far. Pure: the
 * scheduler asks {@link #due} at its clock's instant and {@link #next} for the row's {@code due_at}.
 *
 * <p>Step 1 pages at the opening; each step waits its {@code wait} before the next; after the last step's wait
 * the policy starts again from step 1, {@code repeat} more times. A page is cancelled by any response at or
 * before its instant: an acknowledgement ends escalation for good. A snooze is an acknowledgement that runs out:
 * at its end step 1 pages once more, unless a later response came first; the rounds do not resume, so whoever
 * snoozed owns the incident until they escalate it by hand.
 */
public record Escalation(EscalationPolicySpec policy, Instant openedAt, List<Response> responses) {
    public Escalation {
        responses =
                responses.stream().sorted(Comparator.comparing(Response::at)).toList();
    }

    /** Every page this incident gets if nobody answers beyond {@code responses}, in time order. */
    public List<Page> pages() {
        List<Page> pages = new ArrayList<>();
        Optional<Instant> firstResponse = responses.stream().map(Response::at).findFirst();
        Instant at = openedAt;
        for (int round = 0; round <= policy.repeat(); round++) {
            for (int step = 0; step < policy.steps().size(); step++) {
                if (answeredBy(firstResponse, at)) {
                    return withSnoozes(pages);
                }
                pages.add(new Page(at, step, round, Page.Cause.ESCALATION));
                at = at.plus(policy.steps().get(step).waitAfter());
            }
        }
        return withSnoozes(pages);
    }

    /** The pages whose time has come by {@code at} and that are not in {@code done}, oldest first. */
    public List<Page> due(Instant at, Collection<Page> done) {
        return pages().stream()
                .filter(page -> !page.at().isAfter(at))
                .filter(page -> !done.contains(page))
                .toList();
    }

    /** The instant of the first page strictly after {@code after}; empty when nothing more will page. */
    public Optional<Instant> next(Instant after) {
        return pages().stream().map(Page::at).filter(at -> at.isAfter(after)).findFirst();
    }

    private static boolean answeredBy(Optional<Instant> response, Instant page) {
        return response.filter(at -> !at.isAfter(page)).isPresent();
    }

    /** A snooze re-pages at its end only if it is still the latest response then. */
    private List<Page> withSnoozes(List<Page> escalating) {
        List<Page> pages = new ArrayList<>(escalating);
        for (int i = 0; i < responses.size(); i++) {
            if (responses.get(i) instanceof Response.Snoozed snooze) {
                Optional<Instant> later = i + 1 < responses.size()
                        ? Optional.of(responses.get(i + 1).at())
                        : Optional.empty();
                if (!answeredBy(later, snooze.until())) {
                    pages.add(new Page(snooze.until(), 0, 0, Page.Cause.SNOOZE_ENDED));
                }
            }
        }
        pages.sort(Comparator.comparing(Page::at));
        return List.copyOf(pages);
    }
}
