package dev.firewatch.paging;

import dev.firewatch.escalation.EscalationPolicySpec;
import dev.firewatch.escalation.StepSpec;
import dev.firewatch.escalation.Target;
import dev.firewatch.escalation.Urgency;
import dev.firewatch.incident.IncidentEvent;
import dev.firewatch.incident.Incidents;
import dev.firewatch.store.Poller;
import dev.firewatch.store.Statements;
import dev.firewatch.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Pages the right people until someone owns the incident (DESIGN §1, §5). It listens on the incident bus: an
 * opened incident starts its service's escalation policy, and the first step pages inside the transaction that
 * handles the event; responses rewrite where the escalation stands. A thread pages each later step when its
 * {@code due_at} comes. Every page is queued on the outbox in the same transaction as the step that made it, so
 * a crash neither loses nor doubles one.
 */
public final class Paging implements AutoCloseable {
    private static final int BATCH = 100;

    private final Store store;
    private final Escalations escalations;
    private final Pager pager;
    private final Directory directory;
    private final Incidents incidents;
    private final Clock clock;
    private final Poller poller = new Poller("paging", Duration.ofSeconds(1), this::pageDue);

    /** Pages queued here due at once leave when their transaction commits (the outbox hands them to the sender). */
    public Paging(Store store, Pager pager, Directory directory, Incidents incidents, Clock clock) {
        this.store = store;
        this.escalations = new Escalations(store.vendor());
        this.pager = pager;
        this.directory = directory;
        this.incidents = incidents;
        this.clock = clock;
    }

    /** The incident bus listener's name; its cursor says how far paging got. */
    public static final String LISTENER = "paging";

    public void start() {
        poller.start();
    }

    /** Handles one incident event inside the bus's transaction. */
    public void on(Statements sql, IncidentEvent event) {
        Instant now = clock.instant();
        String id = event.incidentId();
        switch (event) {
            case IncidentEvent.Opened opened -> open(sql, opened, now);
            case IncidentEvent.Acknowledged acknowledged -> {
                escalations.stop(sql, id);
                pager.tellChannels(
                        sql, id, pager.subjectOf(sql, id), "incident.acknowledged", event.at(), subscribers(sql, id));
            }
            case IncidentEvent.Resolved resolved -> {
                escalations.stop(sql, id);
                pager.tellResponders(
                        sql, id, pager.subjectOf(sql, id), "incident.resolved", event.at(), subscribers(sql, id));
            }
            case IncidentEvent.Reopened reopened -> reopen(sql, id, now);
            case IncidentEvent.Snoozed snoozed ->
                escalations.find(sql, id).ifPresent(row -> escalations.schedule(sql, id, 0, 0, snoozed.until(), true));
            case IncidentEvent.EscalationRequested requested -> escalateByHand(sql, id, requested.actor(), now);
            case IncidentEvent.Reassigned reassigned -> reassign(sql, reassigned, now);
            case IncidentEvent.SeverityChanged changed -> {
                // Urgency is decided at the opening; a later change of severity does not start or stop paging.
            }
        }
    }

    private void open(Statements sql, IncidentEvent.Opened opened, Instant now) {
        String id = opened.incidentId();
        Optional<EscalationPolicySpec> policy = directory.policyFor(opened.service());
        List<String> subscribers = directory.subscribers(opened.service());
        if (policy.isEmpty()) {
            incidents.note(
                    sql,
                    id,
                    now,
                    "paging",
                    "Service " + opened.service() + " has no escalation policy: nobody is paged",
                    null);
            pager.tellChannelsAtOpening(
                    sql, id, pager.subjectOf(sql, id), "incident.triggered", opened.at(), subscribers);
            return;
        }
        Urgency urgency = policy.get().urgency(opened.severity(), opened.at());
        switch (urgency) {
            case Urgency.Quiet quiet -> {
                incidents.note(
                        sql,
                        id,
                        now,
                        "paging",
                        opened.severity() + " incidents of " + opened.service()
                                + " notify nobody at this time (urgency rules of "
                                + policy.get().name() + ")",
                        null);
                pager.tellChannelsAtOpening(
                        sql, id, pager.subjectOf(sql, id), "incident.triggered", opened.at(), subscribers);
            }
            case Urgency.Post post -> {
                incidents.note(
                        sql,
                        id,
                        now,
                        "paging",
                        opened.severity() + " incidents of " + opened.service()
                                + " are posted to " + post.channel()
                                + " and page nobody at this time (urgency rules of "
                                + policy.get().name() + ")",
                        null);
                Set<String> channels = new LinkedHashSet<>(subscribers);
                channels.add(post.channel());
                pager.tellChannelsAtOpening(
                        sql, id, pager.subjectOf(sql, id), "incident.triggered", opened.at(), List.copyOf(channels));
                pager.remember(sql, id, List.of(post.channel()), now);
            }
            case Urgency.Page page -> {
                EscalationRow row = new EscalationRow(
                        id,
                        opened.number(),
                        opened.service(),
                        policy.get().name(),
                        page.level(),
                        0,
                        0,
                        0,
                        opened.at(),
                        false,
                        opened.at());
                // Channels that step 1 posts to anyway would hear of the opening twice.
                List<String> alsoTold = new ArrayList<>(subscribers);
                policy.get().steps().getFirst().targets().stream()
                        .filter(Target.Channel.class::isInstance)
                        .forEach(channel -> alsoTold.remove(channel.name()));
                var subject = pager.subjectOf(sql, id);
                pager.tellChannelsAtOpening(sql, id, subject, "incident.triggered", opened.at(), alsoTold);
                // The row is written once, already moved past step 1, instead of inserted here and updated after.
                page(sql, row, now, "incident.triggered", subject, true);
            }
        }
    }

    /**
     * The new assignee is paged at once. If escalation had stopped (someone had acknowledged), it resumes after
     * step 1's wait, so an assignee who never answers does not leave the incident with nobody.
     */
    private void reassign(Statements sql, IncidentEvent.Reassigned reassigned, Instant now) {
        String id = reassigned.incidentId();
        Optional<EscalationRow> row = escalations.find(sql, id);
        Urgency.Level level = row.map(EscalationRow::level).orElse(Urgency.Level.HIGH);
        pager.pagePerson(
                sql,
                id,
                pager.subjectOf(sql, id),
                reassigned.to(),
                " (reassigned by " + reassigned.actor() + ")",
                level,
                "reassigned@" + reassigned.at().toEpochMilli(),
                "incident.triggered",
                now);
        row.filter(r -> r.dueAt() == null)
                .flatMap(r ->
                        directory.policyFor(r.service()).filter(p -> p.name().equals(r.policy())))
                .ifPresent(policy -> escalations.schedule(
                        sql, id, 0, 0, now.plus(policy.steps().getFirst().waitAfter()), false));
    }

    /** A regression or an un-acknowledge: the policy starts again from step 1, now. */
    private void reopen(Statements sql, String id, Instant now) {
        Optional<EscalationRow> row = escalations.find(sql, id);
        if (row.isEmpty()) {
            pager.tellResponders(sql, id, pager.subjectOf(sql, id), "incident.reopened", now, List.of());
            return;
        }
        escalations.schedule(sql, id, 0, 0, now, false);
        page(sql, escalations.find(sql, id).orElseThrow(), now, "incident.reopened");
    }

    private void escalateByHand(Statements sql, String id, String actor, Instant now) {
        Optional<EscalationRow> row = escalations.find(sql, id);
        if (row.isEmpty()) {
            incidents.note(
                    sql,
                    id,
                    now,
                    "paging",
                    "Nothing to escalate to: the service has no escalation policy" + " that pages",
                    actor);
            return;
        }
        escalations.schedule(sql, id, row.get().nextStep(), row.get().round(), now, false);
        page(sql, escalations.find(sql, id).orElseThrow(), now, "incident.escalated");
    }

    /** The scheduler's step: every escalation whose next page is due, a batch per transaction. */
    private void pageDue() {
        while (poller.running()) {
            Instant now = clock.instant();
            int paged = store.write(tx -> {
                try (Statements sql = Statements.over(tx)) {
                    List<EscalationRow> due = escalations.due(sql, now, BATCH);
                    // Step 1 at the opening is the trigger; what the clock pages later is escalation.
                    due.forEach(
                            row -> page(sql, row, now, row.snoozeEnd() ? "incident.triggered" : "incident.escalated"));
                    return due.size();
                }
            });
            if (paged < BATCH) {
                return;
            }
        }
    }

    /** Pages the row's next step and moves the row on: the next step after its wait, or the next round. */
    private void page(Statements sql, EscalationRow row, Instant now, String event) {
        page(sql, row, now, event, null, false);
    }

    /**
     * @param about the incident's message part when the caller already has it for this event, else null
     * @param unwritten the row is not in the store yet (an opening): it is written as this page leaves it
     */
    private void page(
            Statements sql,
            EscalationRow row,
            Instant now,
            String event,
            Supplier<PageMessages.Subject> about,
            boolean unwritten) {
        Optional<EscalationPolicySpec> policy =
                directory.policyFor(row.service()).filter(p -> p.name().equals(row.policy()));
        if (policy.isEmpty()) {
            incidents.note(
                    sql,
                    row.incidentId(),
                    now,
                    "paging",
                    "Escalation stopped: policy " + row.policy() + " no longer escalates " + row.service()
                            + " (the config changed)",
                    null);
            if (unwritten) {
                escalations.start(sql, row);
            }
            escalations.stop(sql, row.incidentId());
            return;
        }
        List<StepSpec> steps = policy.get().steps();
        int index = row.nextStep() % steps.size();
        StepSpec step = steps.get(index);
        String page = "p" + row.pages() + "/s" + (index + 1) + "/r" + (row.round() + 1);
        List<String> reached = new ArrayList<>();
        var subject = about == null ? pager.subjectOf(sql, row.incidentId()) : about;
        for (Target target : step.targets()) {
            switch (target) {
                case Target.User user -> {
                    if (pager.pagePerson(
                            sql, row.incidentId(), subject, user.name(), "", row.level(), page, event, now)) {
                        reached.add(user.name());
                    }
                }
                case Target.Schedule schedule -> {
                    Optional<String> onCall = directory.onCall(schedule.name(), now);
                    if (onCall.isEmpty()) {
                        incidents.note(
                                sql,
                                row.incidentId(),
                                now,
                                "paging",
                                "Schedule " + schedule.name() + " has nobody on call now: nobody paged through it",
                                null);
                    } else if (pager.pagePerson(
                            sql,
                            row.incidentId(),
                            subject,
                            onCall.get(),
                            " (on call for " + schedule.name() + ")",
                            row.level(),
                            page,
                            event,
                            now)) {
                        reached.add(onCall.get() + " (" + schedule.name() + ")");
                    }
                }
                case Target.Channel channel -> {
                    if (pager.pageChannel(sql, row.incidentId(), subject, channel.name(), page, event, now)) {
                        reached.add("channel " + channel.name());
                    }
                }
            }
        }
        boolean lastRound = row.round() >= policy.get().repeat();
        String round = policy.get().repeat() == 0
                ? ""
                : ", round " + (row.round() + 1) + " of " + (policy.get().repeat() + 1);
        incidents.note(
                sql,
                row.incidentId(),
                now,
                "paging",
                "Step " + (index + 1) + " of " + steps.size()
                        + " (" + policy.get().name() + round + ")" + (row.snoozeEnd() ? ", as the snooze ran out" : "")
                        + ": " + (reached.isEmpty() ? "nobody could be paged" : "paging " + String.join(", ", reached)),
                null);
        advance(sql, row, policy.get(), step, index, lastRound, now, unwritten);
    }

    private void advance(
            Statements sql,
            EscalationRow row,
            EscalationPolicySpec policy,
            StepSpec step,
            int index,
            boolean lastRound,
            Instant now,
            boolean unwritten) {
        int nextStep = index + 1;
        int round = row.round();
        if (nextStep == policy.steps().size()) {
            nextStep = 0;
            round++;
        }
        Instant due = null;
        if (!row.snoozeEnd() && !(nextStep == 0 && lastRound)) {
            // From the page's own due time, not from now, so a poll that came late does not push every later
            // step back; but never in the past, so a scheduler that was down pages once, not once per missed step.
            Instant base = row.dueAt() == null ? now : row.dueAt();
            Instant next = base.plus(step.waitAfter());
            due = next.isBefore(now) ? now : next;
        }
        // An opening's row goes in as it stands after this page; if another node wrote it first, that row is moved
        // on as an insert followed by this update would have moved it.
        if (!unwritten || !escalations.startAt(sql, row, nextStep, round, due)) {
            escalations.advance(sql, row, nextStep, round, due);
        }
    }

    private List<String> subscribers(Statements sql, String incidentId) {
        return escalations
                .find(sql, incidentId)
                .map(row -> directory.subscribers(row.service()))
                .orElseGet(() -> incidents
                        .current(sql, incidentId)
                        .map(incident -> directory.subscribers(incident.service()))
                        .orElse(List.of()));
    }

    /** When the next escalation page is due, for the scheduler's health check. */
    public Optional<Instant> nextDue() {
        return store.read(h -> {
            try (Statements sql = Statements.over(h)) {
                return escalations.nextDue(sql);
            }
        });
    }

    @Override
    public void close() {
        poller.close();
    }
}
