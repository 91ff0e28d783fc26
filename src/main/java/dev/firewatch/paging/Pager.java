package dev.firewatch.paging;

import dev.firewatch.escalation.Urgency;
import dev.firewatch.incident.Incidents;
import dev.firewatch.notify.Outbox;
import dev.firewatch.notify.OutboxEntry;
import dev.firewatch.paging.Escalations.Responder;
import dev.firewatch.store.Statements;
import dev.firewatch.store.Vendor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Turns "page alice" or "tell the ops channel" into outbox rows, in the caller's transaction: one row per
 * notification rule of the person (ntfy at once, email after 2 minutes…), each with an idempotency key that names
 * the incident, the page, the recipient and the method, so the same page is never queued twice.
 */
public final class Pager {
    private final Outbox outbox;
    private final Directory directory;
    private final Incidents incidents;
    private final PageMessages messages;
    private final Escalations escalations;

    public Pager(
            Outbox outbox,
            Directory directory,
            Incidents incidents,
            LinkMaker links,
            dev.firewatch.incident.IncidentAlert.NewestOfIncident alerts,
            com.fasterxml.jackson.databind.ObjectMapper json,
            Vendor vendor) {
        this.outbox = outbox;
        this.directory = directory;
        this.incidents = incidents;
        this.messages = new PageMessages(incidents, alerts, links, json);
        this.escalations = new Escalations(vendor);
    }

    /**
     * The incident's part of every message about it, read when the first message needs it and then shared: one
     * event or one step notifies several people and channels, and each used to read the incident and its alerts
     * again. Make one per event or step, never across them, so a message never shows an older state.
     */
    Supplier<PageMessages.Subject> subjectOf(Statements sql, String incidentId) {
        return new Supplier<>() {
            private PageMessages.Subject read;

            @Override
            public PageMessages.Subject get() {
                if (read == null) {
                    read = messages.subject(sql, incidentId);
                }
                return read;
            }
        };
    }

    /**
     * Queues a page to a person through each of their rules for the urgency, and remembers them as a responder.
     * Returns false, after a timeline line saying why, when they cannot be reached at all.
     *
     * @param why shown after their name on the timeline, like " (on call for primary)"
     * @param page names the page in the idempotency key, like {@code p3/s2/r1}
     */
    boolean pagePerson(
            Statements sql,
            String incidentId,
            Supplier<PageMessages.Subject> subject,
            String user,
            String why,
            Urgency.Level level,
            String page,
            String event,
            Instant now) {
        Optional<PersonSpec> person = directory.person(user);
        if (person.isEmpty()) {
            incidents.note(
                    sql, incidentId, now, "paging", user + why + " is not a user in the config: not paged", null);
            return false;
        }
        var rules = person.get().rules(level);
        if (rules.isEmpty()) {
            incidents.note(
                    sql,
                    incidentId,
                    now,
                    "paging",
                    user + why + " has no contact method: not paged"
                            + " (add contact_methods or an email to their entry under users:)",
                    null);
            return false;
        }
        List<String> skipped = new ArrayList<>();
        rules = rules.stream()
                .filter(rule -> {
                    Optional<String> unusable =
                            person.get().method(rule.method()).flatMap(directory::unusable);
                    unusable.ifPresent(reason -> skipped.add(rule.method() + " (" + reason + ")"));
                    return unusable.isEmpty();
                })
                .toList();
        if (!skipped.isEmpty()) {
            incidents.note(
                    sql,
                    incidentId,
                    now,
                    "paging",
                    "Cannot reach " + user + why + " by " + String.join(", ", skipped)
                            + (rules.isEmpty() ? ": not paged" : ""),
                    null);
        }
        if (rules.isEmpty()) {
            return false;
        }
        String payload = messages.payload(subject.get(), event, user);
        for (int i = 0; i < rules.size(); i++) {
            var rule = rules.get(i);
            outbox.enqueue(
                    sql,
                    new OutboxEntry(
                            incidentId + "/" + page + "/user:" + user + "/" + rule.method() + "/" + (i + 1),
                            incidentId,
                            event,
                            OutboxEntry.RecipientKind.USER,
                            user,
                            rule.method(),
                            payload,
                            true,
                            now.plus(rule.after())),
                    now);
        }
        escalations.paged(sql, incidentId, new Responder(Responder.Kind.USER, user), now);
        return true;
    }

    /** Queues a page to a channel and remembers it as a responder; false when the channel cannot be used. */
    boolean pageChannel(
            Statements sql,
            String incidentId,
            Supplier<PageMessages.Subject> subject,
            String channel,
            String page,
            String event,
            Instant now) {
        Optional<String> unusable = unusable(channel);
        if (unusable.isPresent()) {
            incidents.note(
                    sql, incidentId, now, "paging", "Channel " + channel + " not notified: " + unusable.get(), null);
            return false;
        }
        enqueueChannel(
                sql,
                incidentId,
                channel,
                incidentId + "/" + page + "/channel:" + channel,
                event,
                messages.payload(subject.get(), event, channel),
                now);
        escalations.paged(sql, incidentId, new Responder(Responder.Kind.CHANNEL, channel), now);
        return true;
    }

    private Optional<String> unusable(String channel) {
        return directory
                .channel(channel)
                .map(directory::unusable)
                .orElse(Optional.of("there is no channel " + channel + " in the config"));
    }

    void remember(Statements sql, String incidentId, List<String> channels, Instant now) {
        channels.forEach(
                channel -> escalations.paged(sql, incidentId, new Responder(Responder.Kind.CHANNEL, channel), now));
    }

    /**
     * Tells channels what happened (an acknowledgement, say): the channels this incident paged and
     * {@code others}, each once. People are not woken for this.
     */
    void tellChannels(
            Statements sql,
            String incidentId,
            Supplier<PageMessages.Subject> subject,
            String event,
            Instant at,
            List<String> others) {
        Set<String> channels = new LinkedHashSet<>();
        escalations.responders(sql, incidentId).stream()
                .filter(r -> r.kind() == Responder.Kind.CHANNEL)
                .forEach(r -> channels.add(r.name()));
        channels.addAll(others);
        tell(sql, incidentId, subject, event, at, channels);
    }

    /**
     * {@link #tellChannels} for an incident being opened: nothing has paged it yet (its opening is its first event,
     * and its pages come from its events), so only {@code others} are told, without reading its responders.
     */
    void tellChannelsAtOpening(
            Statements sql,
            String incidentId,
            Supplier<PageMessages.Subject> subject,
            String event,
            Instant at,
            List<String> others) {
        tell(sql, incidentId, subject, event, at, new LinkedHashSet<>(others));
    }

    private void tell(
            Statements sql,
            String incidentId,
            Supplier<PageMessages.Subject> subject,
            String event,
            Instant at,
            Set<String> channels) {
        // A channel that is off stays quiet here: its page already said why on the timeline.
        channels.removeIf(channel -> unusable(channel).isPresent());
        for (String channel : channels) {
            enqueueChannel(
                    sql,
                    incidentId,
                    channel,
                    incidentId + "/" + event + "@" + at.toEpochMilli() + "/channel:" + channel,
                    event,
                    messages.payload(subject.get(), event, channel),
                    at);
        }
    }

    /**
     * Tells everyone this incident paged, people too, through the first method of their rules: an acknowledged
     * incident still tells its responders it resolved or came back, since acknowledging is not silencing.
     */
    void tellResponders(
            Statements sql,
            String incidentId,
            Supplier<PageMessages.Subject> subject,
            String event,
            Instant at,
            List<String> otherChannels) {
        List<String> people = new ArrayList<>();
        escalations.responders(sql, incidentId).stream()
                .filter(r -> r.kind() == Responder.Kind.USER)
                .forEach(r -> people.add(r.name()));
        tellChannels(sql, incidentId, subject, event, at, otherChannels);
        if (people.isEmpty()) {
            return;
        }
        for (String user : people) {
            directory
                    .person(user)
                    .flatMap(p -> p.rules(Urgency.Level.HIGH).stream().findFirst())
                    .ifPresent(rule -> outbox.enqueue(
                            sql,
                            new OutboxEntry(
                                    incidentId + "/" + event + "@" + at.toEpochMilli() + "/user:" + user + "/"
                                            + rule.method(),
                                    incidentId,
                                    event,
                                    OutboxEntry.RecipientKind.USER,
                                    user,
                                    rule.method(),
                                    messages.payload(subject.get(), event, user),
                                    false,
                                    at),
                            at));
        }
    }

    private void enqueueChannel(
            Statements sql, String incidentId, String channel, String key, String event, String payload, Instant at) {
        outbox.enqueue(
                sql,
                new OutboxEntry(
                        key,
                        incidentId,
                        event,
                        OutboxEntry.RecipientKind.CHANNEL,
                        channel,
                        channel,
                        payload,
                        false,
                        at),
                at);
    }
}
