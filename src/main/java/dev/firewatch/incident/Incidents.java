package dev.firewatch.incident;

import dev.firewatch.store.Ids;
import dev.firewatch.store.Keyset;
import dev.firewatch.store.Statements;
import dev.firewatch.store.Store;
import dev.firewatch.store.Times;
import dev.firewatch.store.Vendor;
import dev.firewatch.web.Format;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Incidents: opened when an alert needs a home, acknowledged and resolved by people or by their alerts.
 * Every change is a timeline row written in the same transaction as the change.
 */
public final class Incidents {
    private static final String COLUMNS = "id, number, title, service, severity, state, created_at,"
            + " acknowledged_at, acknowledged_by, resolved_at, resolved_by, snoozed_until, alert_count, open_alerts,"
            + " version";
    /** Snoozes last from a minute to a day: longer is not a snooze but leaving the incident alone. */
    public static final Duration SHORTEST_SNOOZE = Duration.ofMinutes(1);

    public static final Duration LONGEST_SNOOZE = Duration.ofHours(24);

    /** A move that the lifecycle does not allow, e.g. acknowledging a resolved incident. */
    public static final class IllegalMove extends RuntimeException {
        private static final long serialVersionUID = 1L;

        IllegalMove(String message) {
            super(message);
        }
    }

    /** An incident with what its page and API do not show: for moves, and for saying who did what. */
    private record Row(Incident incident, long openAlerts, long version, String acknowledgedBy, String resolvedBy) {}

    private final Store store;
    private final Ids ids;
    private final Clock clock;
    /** The severity ladder's rung names, most severe first. */
    private final List<String> severities;

    private final String publicUrl;
    private final Assignees assignees;
    private final IncidentEvents events;
    private final IncidentBus bus;

    public Incidents(
            Store store, Ids ids, Clock clock, List<String> severities, String publicUrl, Assignees assignees) {
        this.store = store;
        this.ids = ids;
        this.clock = clock;
        this.severities = List.copyOf(severities);
        this.publicUrl = publicUrl;
        this.assignees = assignees;
        this.events = new IncidentEvents(ids, store.vendor());
        this.bus = new IncidentBus(store, events, this);
    }

    /** Where features that act on incidents subscribe to what happens to them. */
    public IncidentBus bus() {
        return bus;
    }

    /** The users an incident can be handed to, sorted, for the page's form. */
    public List<String> assignees() {
        return assignees.names().get().stream().sorted().toList();
    }

    // --- called by the alert stages, inside their transaction

    /**
     * Gives a firing alert its home: the open incident of its service and group key, or a new one titled
     * after the alert. Returns the incident's id.
     *
     * @param regression the alert had resolved and fires again: an acknowledged incident it joins goes back to
     *     triggered, so its responders are paged again (acknowledging is not silencing)
     */
    public String attach(
            Statements sql,
            String service,
            String groupKey,
            String alertSummary,
            String severity,
            Instant at,
            boolean regression) {
        Optional<Row> open = sql.first(
                "SELECT " + COLUMNS + " FROM incident_incident"
                        + " WHERE service = ? AND group_key = ? AND state <> 'RESOLVED' ORDER BY id DESC LIMIT 1",
                this::row,
                service,
                groupKey);
        if (open.isPresent()) {
            Incident incident = open.get().incident();
            String worse = worse(incident.severity(), severity);
            sql.update(
                    "UPDATE incident_incident SET alert_count = alert_count + 1, open_alerts = open_alerts + 1,"
                            + " severity = ?, version = version + 1 WHERE id = ?",
                    worse,
                    incident.id());
            note(sql, incident.id(), at, "alert", "Alert joined: " + alertSummary, null);
            if (regression && incident.state() == IncidentState.ACKNOWLEDGED) {
                Row current = rowById(sql, incident.id()).orElseThrow();
                move(
                        sql,
                        current,
                        IncidentState.TRIGGERED,
                        at,
                        "integration",
                        "Back to triggered: " + alertSummary + " is firing again after it resolved");
            }
            if (!worse.equals(incident.severity())) {
                note(sql, incident.id(), at, "severity", "Severity raised to " + worse + " by a new alert", null);
                events.publish(
                        sql,
                        new IncidentEvent.SeverityChanged(
                                incident.id(), incident.number(), incident.severity(), worse, null, at));
            }
            return incident.id();
        }
        String id = ids.next();
        long number = open(sql, id, service, groupKey, alertSummary, severity, at);
        note(sql, id, at, "triggered", "Incident opened by alert: " + alertSummary + " (" + severity + ")", null);
        events.publish(sql, new IncidentEvent.Opened(id, number, service, alertSummary, severity, at));
        return id;
    }

    /**
     * Inserts a new incident under the next number and returns the number. On PostgreSQL the number is taken and the
     * row inserted in one statement (one round trip instead of two); SQLite cannot update inside a WITH, and its
     * statements cost no round trip. Without a counter row the number is 0 either way.
     */
    private long open(
            Statements sql, String id, String service, String groupKey, String title, String severity, Instant at) {
        if (store.vendor() == Vendor.POSTGRESQL) {
            return sql.first(
                            "WITH counter AS (UPDATE incident_counter SET value = value + 1 WHERE name = 'incident'"
                                    + " RETURNING value)"
                                    + " INSERT INTO incident_incident (id, number, service, group_key, title, severity,"
                                    + " state, created_at, alert_count, open_alerts, version)"
                                    + " SELECT ?, COALESCE((SELECT value FROM counter), 0), ?, ?, ?, ?, 'TRIGGERED', ?,"
                                    + " 1, 1, 0 RETURNING number",
                            rs -> rs.getLong(1),
                            id,
                            service,
                            groupKey,
                            title,
                            severity,
                            at.toEpochMilli())
                    .orElseThrow();
        }
        long number = sql.first(
                        "UPDATE incident_counter SET value = value + 1 WHERE name = 'incident' RETURNING value",
                        rs -> rs.getLong(1))
                .orElse(0L);
        sql.update(
                "INSERT INTO incident_incident (id, number, service, group_key, title, severity, state, created_at,"
                        + " alert_count, open_alerts, version) VALUES (?, ?, ?, ?, ?, ?, 'TRIGGERED', ?, 1, 1, 0)",
                id,
                number,
                service,
                groupKey,
                title,
                severity,
                at.toEpochMilli());
        return number;
    }

    /** The open incident of a service, when it has one: the root cause its dependents' alerts join. */
    public Optional<Incident> openOn(Statements sql, String service) {
        return sql.first(
                        "SELECT " + COLUMNS + " FROM incident_incident WHERE service = ? AND state <> 'RESOLVED'"
                                + " ORDER BY id LIMIT 1",
                        this::row,
                        service)
                .map(Row::incident);
    }

    /**
     * An alert of a dependent service joins the root's incident as a symptom: counted and on its timeline,
     * so forty failing children become one page that names the root.
     */
    public void attachSymptom(Statements sql, String incidentId, String service, String alertSummary, Instant at) {
        sql.update(
                "UPDATE incident_incident SET alert_count = alert_count + 1, open_alerts = open_alerts + 1,"
                        + " version = version + 1 WHERE id = ?",
                incidentId);
        note(
                sql,
                incidentId,
                at,
                "symptom",
                "Symptom on " + service + ", which depends on this: " + alertSummary,
                null);
    }

    /** One of the incident's alerts resolved; the incident resolves with its last open alert. */
    public void alertResolved(Statements sql, String incidentId, String alertSummary, Instant at) {
        Row row = rowById(sql, incidentId).orElse(null);
        if (row == null || !row.incident().state().open()) {
            return;
        }
        long open = Math.max(0, row.openAlerts() - 1);
        sql.update(
                "UPDATE incident_incident SET open_alerts = ?, version = version + 1 WHERE id = ?", open, incidentId);
        note(sql, incidentId, at, "alert", "Alert resolved: " + alertSummary, null);
        if (open == 0) {
            Row current = rowById(sql, incidentId).orElseThrow();
            move(sql, current, IncidentState.RESOLVED, at, "integration", "Resolved: all its alerts have resolved");
        }
    }

    /** The sender acknowledged (Events API v2 {@code acknowledge}). */
    public void acknowledgedBySource(Statements sql, String incidentId, Instant at) {
        rowById(sql, incidentId)
                .filter(row -> row.incident().state() == IncidentState.TRIGGERED)
                .ifPresent(row ->
                        move(sql, row, IncidentState.ACKNOWLEDGED, at, "integration", "Acknowledged by the sender"));
    }

    /** The incident as it stands in the caller's transaction. */
    public Optional<Incident> current(Statements sql, String incidentId) {
        return rowById(sql, incidentId).map(Row::incident);
    }

    /** {@link #current} as a read to send with another ({@link Statements#both}); no row when it is gone. */
    public Statements.Query<Incident> currentQuery(String incidentId) {
        return new Statements.Query<>(
                "SELECT " + COLUMNS + " FROM incident_incident WHERE id = ?", rs -> row(rs).incident(), incidentId);
    }

    /**
     * Whether the incident is still open. Asked for every repeat of an alert that has an incident, so it reads the
     * one column it needs: the whole row (fifteen columns, each found by name) was a sixth of the journal consumer's
     * time with repeated keys (intake profile, session 7).
     */
    public boolean isOpen(Statements sql, String incidentId) {
        return sql.first("SELECT state FROM incident_incident WHERE id = ?", rs -> rs.getString(1), incidentId)
                .map(state -> IncidentState.valueOf(state).open())
                .orElse(false);
    }

    /** The more severe of two rungs; a name the ladder no longer has ranks below every rung. */
    private String worse(String a, String b) {
        return rank(a) <= rank(b) ? a : b;
    }

    private int rank(String name) {
        int rank = severities.indexOf(name);
        return rank < 0 ? severities.size() : rank;
    }

    // --- called by people, through the API and pages

    public Incident acknowledge(String idOrNumber, String actor) {
        return act(idOrNumber, actor, IncidentState.ACKNOWLEDGED, "Acknowledged by " + actor);
    }

    public Incident resolve(String idOrNumber, String actor) {
        return act(idOrNumber, actor, IncidentState.RESOLVED, "Resolved by " + actor);
    }

    /** A responder sets the severity by hand; the timeline says from what to what, and who. */
    public Incident changeSeverity(String idOrNumber, String severity, String actor) {
        if (!severities.contains(severity)) {
            throw new IllegalArgumentException("severity must be one of " + severities + ", not \"" + severity + "\"");
        }
        return write(sql -> {
            Row row = find(sql, idOrNumber);
            String before = row.incident().severity();
            if (!before.equals(severity)) {
                sql.update(
                        "UPDATE incident_incident SET severity = ?, version = version + 1 WHERE id = ?",
                        severity,
                        row.incident().id());
                Instant at = clock.instant();
                note(
                        sql,
                        row.incident().id(),
                        at,
                        "severity",
                        "Severity changed from " + before + " to " + severity + " by " + actor,
                        actor);
                events.publish(
                        sql,
                        new IncidentEvent.SeverityChanged(
                                row.incident().id(), row.incident().number(), before, severity, actor, at));
            }
            return rowById(sql, row.incident().id()).orElseThrow().incident();
        });
    }

    /** Records the request to escalate; paging acts on it once escalation policies exist. */
    public Incident escalate(String idOrNumber, String actor) {
        return write(sql -> {
            Row row = find(sql, idOrNumber);
            if (!row.incident().state().open()) {
                throw new IllegalMove(
                        "incident #" + row.incident().number() + " is resolved; there is nobody to escalate to");
            }
            Instant at = clock.instant();
            note(sql, row.incident().id(), at, "escalated", "Escalated by " + actor, actor);
            events.publish(
                    sql,
                    new IncidentEvent.EscalationRequested(
                            row.incident().id(), row.incident().number(), actor, at));
            return rowById(sql, row.incident().id()).orElseThrow().incident();
        });
    }

    /**
     * Back to triggered: whoever acknowledged cannot take it after all, and escalation starts again. Asked of
     * a triggered incident it does nothing; a resolved one is refused, since that would reopen it.
     */
    public Incident unacknowledge(String idOrNumber, String actor) {
        return write(sql -> {
            Row row = find(sql, idOrNumber);
            switch (row.incident().state()) {
                case TRIGGERED -> {
                    return row.incident(); // nothing to take back
                }
                case RESOLVED ->
                    throw new IllegalMove("incident #" + row.incident().number()
                            + " is resolved; only an acknowledged incident can be un-acknowledged");
                case ACKNOWLEDGED ->
                    move(sql, row, IncidentState.TRIGGERED, clock.instant(), actor, "Un-acknowledged by " + actor);
            }
            return rowById(sql, row.incident().id()).orElseThrow().incident();
        });
    }

    /**
     * Acknowledged until now + {@code length}; then paging pages the first step once more unless someone
     * responded meanwhile. A triggered incident is acknowledged first (and that is published first); snoozing
     * a snoozed incident sets a new end.
     *
     * @throws IllegalArgumentException when {@code length} is under a minute or over a day
     */
    public Incident snooze(String idOrNumber, Duration length, String actor) {
        if (length.compareTo(SHORTEST_SNOOZE) < 0 || length.compareTo(LONGEST_SNOOZE) > 0) {
            throw new IllegalArgumentException("a snooze lasts from 1 minute to 24 hours"
                    + (length.isNegative() || length.isZero() ? "" : ", not " + describe(length))
                    + "; to stop paging for longer, resolve the incident or silence its alerts");
        }
        return write(sql -> {
            Row row = find(sql, idOrNumber);
            if (!row.incident().state().open()) {
                throw new IllegalMove(
                        "incident #" + row.incident().number() + " is resolved; there is nothing to snooze");
            }
            Instant at = clock.instant();
            Instant until = at.plus(length);
            if (row.incident().state() == IncidentState.TRIGGERED) {
                move(sql, row, IncidentState.ACKNOWLEDGED, at, actor, "Acknowledged by " + actor);
            }
            String id = row.incident().id();
            sql.update(
                    "UPDATE incident_incident SET snoozed_until = ?, version = version + 1 WHERE id = ?",
                    until.toEpochMilli(),
                    id);
            note(
                    sql,
                    id,
                    at,
                    "snoozed",
                    "Snoozed for " + describe(length) + " by " + actor + ", until " + Format.when(until),
                    actor);
            events.publish(sql, new IncidentEvent.Snoozed(id, row.incident().number(), actor, until, at));
            return rowById(sql, id).orElseThrow().incident();
        });
    }

    /**
     * Hands the incident to {@code user}, who is paged at once. An acknowledged incident goes back to
     * triggered, since it is now the new person's to acknowledge; only {@code Reassigned} is published, not
     * {@code Reopened}: paging reaches the new person, it does not start the escalation over.
     *
     * @throws Assignees.UnknownUser when the config declares no such user
     */
    public Incident reassign(String idOrNumber, String user, String actor) {
        String to = assignees.check(user);
        return write(sql -> {
            Row row = find(sql, idOrNumber);
            if (!row.incident().state().open()) {
                throw new IllegalMove(
                        "incident #" + row.incident().number() + " is resolved; only an open incident is reassigned");
            }
            Instant at = clock.instant();
            if (row.incident().state() == IncidentState.ACKNOWLEDGED) {
                changeState(sql, row, IncidentState.TRIGGERED, at, actor);
            }
            String id = row.incident().id();
            note(sql, id, at, "reassigned", "Reassigned to " + to + " by " + actor, actor);
            events.publish(sql, new IncidentEvent.Reassigned(id, row.incident().number(), actor, to, at));
            return rowById(sql, id).orElseThrow().incident();
        });
    }

    // --- called for one-click links, whose token names the incident, the action and the person

    /**
     * What a link would find, for the confirm page; changes nothing, so a mail scanner that follows every link
     * acts on none.
     */
    LinkOutcome preview(LinkToken link) {
        return store.read(h -> {
            try (Statements sql = Statements.over(h)) {
                Optional<LinkOutcome> used = usedBefore(sql, link);
                if (used.isPresent()) {
                    return used.get();
                }
                Row row = linked(sql, link);
                return link.action().actsOn(row.incident().state())
                        ? new LinkOutcome.Ready(row.incident())
                        : nothingToDo(row);
            }
        });
    }

    /**
     * Acts for a link, once. The use is recorded, under the token's hash, in the transaction that acts; a
     * second use (or a second request racing the first: the insert waits for it) changes nothing and says what
     * the first did. A link that finds nothing to do records nothing.
     */
    LinkOutcome byLink(LinkToken link) {
        return write(sql -> {
            Optional<LinkOutcome> used = usedBefore(sql, link);
            if (used.isPresent()) {
                return used.get();
            }
            Row row = linked(sql, link);
            if (!link.action().actsOn(row.incident().state())) {
                return nothingToDo(row);
            }
            Instant at = clock.instant();
            int recorded = sql.update(
                    "INSERT INTO incident_link_use (token_hash, incident_id, action, actor, used_at)"
                            + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (token_hash) DO NOTHING",
                    link.hash(),
                    link.incidentId(),
                    link.action().code(),
                    link.actor(),
                    at.toEpochMilli());
            if (recorded == 0) {
                return usedBefore(sql, link).orElseThrow();
            }
            String actor = link.actor();
            move(sql, row, link.action().target(), at, actor, link.action().done() + " by " + actor);
            return new LinkOutcome.Done(
                    rowById(sql, row.incident().id()).orElseThrow().incident(), actor, at);
        });
    }

    private Optional<LinkOutcome> usedBefore(Statements sql, LinkToken link) {
        record Use(String actor, Instant at) {}
        return sql.first(
                        "SELECT actor, used_at FROM incident_link_use WHERE token_hash = ?",
                        rs -> new Use(rs.getString("actor"), Times.instant(rs, "used_at")),
                        link.hash())
                .map(use -> new LinkOutcome.UsedBefore(linked(sql, link).incident(), use.actor(), use.at()));
    }

    private Row linked(Statements sql, LinkToken link) {
        return rowById(sql, link.incidentId())
                .orElseThrow(() -> new java.util.NoSuchElementException("no incident #" + link.number()));
    }

    /** Who put the incident where it is, and when: the acknowledgement, or the resolve. */
    private static LinkOutcome nothingToDo(Row row) {
        Incident incident = row.incident();
        return incident.state() == IncidentState.RESOLVED
                ? new LinkOutcome.NothingToDo(incident, row.resolvedBy(), incident.resolvedAt())
                : new LinkOutcome.NothingToDo(incident, row.acknowledgedBy(), incident.acknowledgedAt());
    }

    /** "30m", "2h", "1h30m", "45s": the way people write it. */
    private static String describe(Duration length) {
        StringBuilder text = new StringBuilder();
        if (length.toHours() > 0) {
            text.append(length.toHours()).append('h');
        }
        if (length.toMinutesPart() > 0) {
            text.append(length.toMinutesPart()).append('m');
        }
        if (length.toSecondsPart() > 0 || text.isEmpty()) {
            text.append(length.toSecondsPart()).append('s');
        }
        return text.toString();
    }

    private Incident act(String idOrNumber, String actor, IncidentState target, String text) {
        return write(sql -> {
            Row row = find(sql, idOrNumber);
            IncidentState state = row.incident().state();
            if (state == target) {
                return row.incident(); // asked twice: nothing more to do
            }
            if (!state.canMoveTo(target)) {
                throw new IllegalMove("incident #" + row.incident().number() + " is " + state.wireName()
                        + "; it cannot be " + target.wireName());
            }
            move(sql, row, target, clock.instant(), actor, text);
            return rowById(sql, row.incident().id()).orElseThrow().incident();
        });
    }

    private <T> T write(java.util.function.Function<Statements, T> work) {
        T result = store.write(tx -> {
            try (Statements sql = Statements.over(tx)) {
                return work.apply(sql);
            }
        });
        bus.wake();
        return result;
    }

    /** The state change, its timeline line and its event, together. */
    private void move(Statements sql, Row row, IncidentState target, Instant at, String actor, String text) {
        changeState(sql, row, target, at, actor);
        String id = row.incident().id();
        note(sql, id, at, target.wireName(), text, actor);
        long number = row.incident().number();
        events.publish(
                sql,
                switch (target) {
                    case ACKNOWLEDGED -> new IncidentEvent.Acknowledged(id, number, actor, at);
                    case RESOLVED -> new IncidentEvent.Resolved(id, number, actor, at);
                    case TRIGGERED -> new IncidentEvent.Reopened(id, number, actor, at);
                });
    }

    /**
     * Only the state and its rung's who and when, guarded by the version read with the row. Any move ends a
     * snooze: a snooze is a kind of acknowledgement, and the incident is no longer acknowledged as it was.
     */
    private void changeState(Statements sql, Row row, IncidentState target, Instant at, String actor) {
        String id = row.incident().id();
        String guard = ", snoozed_until = NULL, version = version + 1 WHERE id = ? AND version = ?";
        int changed =
                switch (target) {
                    case ACKNOWLEDGED ->
                        sql.update(
                                "UPDATE incident_incident SET state = ?, acknowledged_at = ?, acknowledged_by = ?"
                                        + guard,
                                target.name(),
                                at.toEpochMilli(),
                                actor,
                                id,
                                row.version());
                    case RESOLVED ->
                        sql.update(
                                "UPDATE incident_incident SET state = ?, resolved_at = ?, resolved_by = ?" + guard,
                                target.name(),
                                at.toEpochMilli(),
                                actor,
                                id,
                                row.version());
                    case TRIGGERED ->
                        sql.update(
                                "UPDATE incident_incident SET state = ?, acknowledged_at = NULL, acknowledged_by = NULL,"
                                        + " resolved_at = NULL, resolved_by = NULL" + guard,
                                target.name(),
                                id,
                                row.version());
                };
        if (changed == 0) {
            throw new IllegalMove("incident #" + row.incident().number() + " changed at the same moment; try again");
        }
    }

    /** A bus listener gave up on an event: said on the incident's timeline, where a responder looks. */
    void noteListenerFailure(Statements sql, IncidentEvent event, String listener, String error) {
        note(
                sql,
                event.incidentId(),
                clock.instant(),
                "listener",
                listener + " could not act on this incident's "
                        + event.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT)
                        + " event after three tries: " + error,
                null);
    }

    // --- reading

    /**
     * Newest first, below {@code before} when it is set. One index range of {@code (state, id)} per state asked
     * for, merged in id order, so the open incidents stay a page away however many resolved ones are stored;
     * every state is one range over the primary key.
     */
    public List<Incident> list(Set<IncidentState> states, String service, String before, int limit) {
        List<String> ranges = states.containsAll(EnumSet.allOf(IncidentState.class))
                ? List.of("")
                : states.stream().map(s -> " AND state = '" + s.name() + "'").toList();
        String where = (service == null ? "" : " AND service = :service") + (before == null ? "" : " AND id < :before");
        return store.read(h -> {
            List<List<Incident>> perRange = new ArrayList<>();
            for (String range : ranges) {
                perRange.add(h.createQuery("SELECT " + COLUMNS + " FROM incident_incident WHERE 1 = 1" + range + where
                                + " ORDER BY id DESC LIMIT :limit")
                        .bind("service", service)
                        .bind("before", before)
                        .bind("limit", limit)
                        .map((rs, ctx) -> row(rs).incident())
                        .list());
            }
            return Keyset.merge(perRange, Incident::id, limit);
        });
    }

    public Optional<Incident> find(String idOrNumber) {
        return store.read(h -> {
            try (Statements sql = Statements.over(h)) {
                return lookup(sql, idOrNumber).map(Row::incident);
            }
        });
    }

    /** What happened to an incident, newest first, at most {@code limit} entries below {@code before}. */
    public List<TimelineEntry> timeline(String incidentId, String before, int limit) {
        return store.read(h -> h.createQuery("SELECT id, at, kind, text, actor FROM incident_timeline"
                        + " WHERE incident_id = :id" + (before == null ? "" : " AND id < :before")
                        + " ORDER BY id DESC LIMIT :limit")
                .bind("id", incidentId)
                .bind("before", before)
                .bind("limit", limit)
                .map((rs, ctx) -> new TimelineEntry(
                        rs.getString("id"),
                        Times.instant(rs, "at"),
                        rs.getString("kind"),
                        rs.getString("text"),
                        rs.getString("actor")))
                .list());
    }

    private Row find(Statements sql, String idOrNumber) {
        return lookup(sql, idOrNumber)
                .orElseThrow(() -> new java.util.NoSuchElementException("no incident with id or number " + idOrNumber));
    }

    private Optional<Row> lookup(Statements sql, String idOrNumber) {
        if (idOrNumber.matches("\\d{1,18}")) {
            return sql.first(
                    "SELECT " + COLUMNS + " FROM incident_incident WHERE number = ?",
                    this::row,
                    Long.parseLong(idOrNumber));
        }
        return rowById(sql, idOrNumber);
    }

    private Optional<Row> rowById(Statements sql, String id) {
        return sql.first("SELECT " + COLUMNS + " FROM incident_incident WHERE id = ?", this::row, id);
    }

    /**
     * Adds a line to an incident's timeline in the caller's transaction: how paging and notifications say what
     * they did (who was paged, each delivery and its outcome) where a responder looks.
     */
    public void note(Statements sql, String incidentId, Instant at, String kind, String text, String actor) {
        // Nothing reads the timeline inside a write: the line goes with the transaction's other lines in one batch.
        sql.later(
                "INSERT INTO incident_timeline (id, incident_id, at, kind, text, actor) VALUES (?, ?, ?, ?, ?, ?)",
                ids.next(),
                incidentId,
                at.toEpochMilli(),
                kind,
                text,
                actor);
    }

    private Row row(ResultSet rs) throws SQLException {
        long number = rs.getLong("number");
        IncidentState state = IncidentState.valueOf(rs.getString("state"));
        Instant snoozedUntil = Times.instantOrNull(rs, "snoozed_until");
        boolean snoozed =
                state == IncidentState.ACKNOWLEDGED && snoozedUntil != null && snoozedUntil.isAfter(clock.instant());
        Incident incident = new Incident(
                rs.getString("id"),
                number,
                rs.getString("title"),
                rs.getString("service"),
                rs.getString("severity"),
                state,
                Times.instant(rs, "created_at"),
                Times.instantOrNull(rs, "acknowledged_at"),
                Times.instantOrNull(rs, "resolved_at"),
                rs.getLong("alert_count"),
                publicUrl + "/incidents/" + number,
                snoozed ? snoozedUntil : null);
        return new Row(
                incident,
                rs.getLong("open_alerts"),
                rs.getLong("version"),
                rs.getString("acknowledged_by"),
                rs.getString("resolved_by"));
    }
}
