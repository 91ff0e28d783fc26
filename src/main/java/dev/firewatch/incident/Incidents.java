package dev.firewatch.incident;

import dev.firewatch.store.Ids;
import dev.firewatch.store.Store;
import dev.firewatch.store.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * Incidents: opened when an alert needs a home, acknowledged and resolved by people or by their alerts.
 * Every change is a timeline row written in the same transaction as the change.
 */
public final class Incidents {
    private static final String COLUMNS = "id, number, title, service, severity, state, created_at,"
            + " acknowledged_at, resolved_at, alert_count, open_alerts, version";

    /** A move that the lifecycle does not allow, e.g. acknowledging a resolved incident. */
    public static final class IllegalMove extends RuntimeException {
        private static final long serialVersionUID = 1L;

        IllegalMove(String message) {
            super(message);
        }
    }

    private record Row(Incident incident, long openAlerts, long version) {}

    private final Store store;
    private final Ids ids;
    private final Clock clock;
    /** The severity ladder's rung names, most severe first. */
    private final List<String> severities;

    private final String publicUrl;

    public Incidents(Store store, Ids ids, Clock clock, List<String> severities, String publicUrl) {
        this.store = store;
        this.ids = ids;
        this.clock = clock;
        this.severities = List.copyOf(severities);
        this.publicUrl = publicUrl;
    }

    // --- called by the alert stages, inside their transaction

    /**
     * Gives a firing alert its home: the open incident of its service and group key, or a new one titled
     * after the alert. Returns the incident's id.
     */
    public String attach(Handle tx, String service, String groupKey, String alertSummary, String severity, Instant at) {
        Optional<Row> open = tx.createQuery("SELECT " + COLUMNS + " FROM incident_incident"
                        + " WHERE service = :service AND group_key = :key AND state <> 'RESOLVED'"
                        + " ORDER BY id DESC LIMIT 1")
                .bind("service", service)
                .bind("key", groupKey)
                .map((rs, ctx) -> row(rs))
                .findOne();
        if (open.isPresent()) {
            Incident incident = open.get().incident();
            String worse = worse(incident.severity(), severity);
            tx.createUpdate(
                            "UPDATE incident_incident SET alert_count = alert_count + 1,"
                                    + " open_alerts = open_alerts + 1, severity = :severity, version = version + 1 WHERE id = :id")
                    .bind("severity", worse)
                    .bind("id", incident.id())
                    .execute();
            note(tx, incident.id(), at, "alert", "Alert joined: " + alertSummary, null);
            if (!worse.equals(incident.severity())) {
                note(tx, incident.id(), at, "severity", "Severity raised to " + worse + " by a new alert", null);
            }
            return incident.id();
        }
        long number = tx.createUpdate("UPDATE incident_counter SET value = value + 1 WHERE name = 'incident'")
                                .execute()
                        == 1
                ? tx.createQuery("SELECT value FROM incident_counter WHERE name = 'incident'")
                        .mapTo(Long.class)
                        .one()
                : 0;
        String id = ids.next();
        tx.createUpdate(
                        "INSERT INTO incident_incident (id, number, service, group_key, title, severity, state, created_at,"
                                + " alert_count, open_alerts, version)"
                                + " VALUES (:id, :number, :service, :key, :title, :severity, 'TRIGGERED', :at, 1, 1, 0)")
                .bind("id", id)
                .bind("number", number)
                .bind("service", service)
                .bind("key", groupKey)
                .bind("title", alertSummary)
                .bind("severity", severity)
                .bind("at", at.toEpochMilli())
                .execute();
        note(tx, id, at, "triggered", "Incident opened by alert: " + alertSummary + " (" + severity + ")", null);
        return id;
    }

    /** The open incident of a service, when it has one: the root cause its dependents' alerts join. */
    public Optional<Incident> openOn(Handle tx, String service) {
        return tx.createQuery("SELECT " + COLUMNS + " FROM incident_incident WHERE service = :service"
                        + " AND state <> 'RESOLVED' ORDER BY id LIMIT 1")
                .bind("service", service)
                .map((rs, ctx) -> row(rs).incident())
                .findOne();
    }

    /**
     * An alert of a dependent service joins the root's incident as a symptom: counted and on its timeline,
     * so forty failing children become one page that names the root.
     */
    public void attachSymptom(Handle tx, String incidentId, String service, String alertSummary, Instant at) {
        tx.createUpdate("UPDATE incident_incident SET alert_count = alert_count + 1, open_alerts = open_alerts + 1,"
                        + " version = version + 1 WHERE id = :id")
                .bind("id", incidentId)
                .execute();
        note(tx, incidentId, at, "symptom", "Symptom on " + service + ", which depends on this: " + alertSummary, null);
    }

    /** One of the incident's alerts resolved; the incident resolves with its last open alert. */
    public void alertResolved(Handle tx, String incidentId, String alertSummary, Instant at) {
        Row row = rowById(tx, incidentId).orElse(null);
        if (row == null || !row.incident().state().open()) {
            return;
        }
        long open = Math.max(0, row.openAlerts() - 1);
        tx.createUpdate("UPDATE incident_incident SET open_alerts = :open, version = version + 1 WHERE id = :id")
                .bind("open", open)
                .bind("id", incidentId)
                .execute();
        note(tx, incidentId, at, "alert", "Alert resolved: " + alertSummary, null);
        if (open == 0) {
            Row current = rowById(tx, incidentId).orElseThrow();
            move(tx, current, IncidentState.RESOLVED, at, "integration", "Resolved: all its alerts have resolved");
        }
    }

    /** The sender acknowledged (Events API v2 {@code acknowledge}). */
    public void acknowledgedBySource(Handle tx, String incidentId, Instant at) {
        rowById(tx, incidentId)
                .filter(row -> row.incident().state() == IncidentState.TRIGGERED)
                .ifPresent(row ->
                        move(tx, row, IncidentState.ACKNOWLEDGED, at, "integration", "Acknowledged by the sender"));
    }

    public boolean isOpen(Handle tx, String incidentId) {
        return rowById(tx, incidentId).map(row -> row.incident().state().open()).orElse(false);
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
        return store.write(tx -> {
            Row row = find(tx, idOrNumber);
            String before = row.incident().severity();
            if (!before.equals(severity)) {
                tx.createUpdate(
                                "UPDATE incident_incident SET severity = :severity, version = version + 1 WHERE id = :id")
                        .bind("severity", severity)
                        .bind("id", row.incident().id())
                        .execute();
                note(
                        tx,
                        row.incident().id(),
                        clock.instant(),
                        "severity",
                        "Severity changed from " + before + " to " + severity + " by " + actor,
                        actor);
            }
            return rowById(tx, row.incident().id()).orElseThrow().incident();
        });
    }

    /** Records the request to escalate; paging acts on it once escalation policies exist. */
    public Incident escalate(String idOrNumber, String actor) {
        return store.write(tx -> {
            Row row = find(tx, idOrNumber);
            if (!row.incident().state().open()) {
                throw new IllegalMove(
                        "incident #" + row.incident().number() + " is resolved; there is nobody to escalate to");
            }
            note(tx, row.incident().id(), clock.instant(), "escalated", "Escalated by " + actor, actor);
            return rowById(tx, row.incident().id()).orElseThrow().incident();
        });
    }

    private Incident act(String idOrNumber, String actor, IncidentState target, String text) {
        return store.write(tx -> {
            Row row = find(tx, idOrNumber);
            IncidentState state = row.incident().state();
            if (state == target) {
                return row.incident(); // asked twice: nothing more to do
            }
            if (!state.canMoveTo(target)) {
                throw new IllegalMove("incident #" + row.incident().number() + " is " + state.wireName()
                        + "; it cannot be " + target.wireName());
            }
            move(tx, row, target, clock.instant(), actor, text);
            return rowById(tx, row.incident().id()).orElseThrow().incident();
        });
    }

    private void move(Handle tx, Row row, IncidentState target, Instant at, String actor, String text) {
        String stamp =
                switch (target) {
                    case ACKNOWLEDGED -> ", acknowledged_at = :at, acknowledged_by = :actor";
                    case RESOLVED -> ", resolved_at = :at, resolved_by = :actor";
                    case TRIGGERED ->
                        ", acknowledged_at = NULL, acknowledged_by = NULL, resolved_at = NULL, resolved_by = NULL";
                };
        int changed = tx.createUpdate("UPDATE incident_incident SET state = :state" + stamp
                        + ", version = version + 1 WHERE id = :id AND version = :version")
                .bind("state", target.name())
                .bind("at", at.toEpochMilli())
                .bind("actor", actor)
                .bind("id", row.incident().id())
                .bind("version", row.version())
                .execute();
        if (changed == 0) {
            throw new IllegalMove("incident #" + row.incident().number() + " changed at the same moment; try again");
        }
        note(tx, row.incident().id(), at, target.wireName(), text, actor);
    }

    // --- reading

    public List<Incident> list(Set<IncidentState> states, String service, String before, int limit) {
        String where = " WHERE state IN ("
                + states.stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(",")) + ")"
                + (service == null ? "" : " AND service = :service") + (before == null ? "" : " AND id < :before");
        return store.read(h -> {
            var query = h.createQuery(
                            "SELECT " + COLUMNS + " FROM incident_incident" + where + " ORDER BY id DESC LIMIT :limit")
                    .bind("limit", limit);
            if (service != null) {
                query.bind("service", service);
            }
            if (before != null) {
                query.bind("before", before);
            }
            return query.map((rs, ctx) -> row(rs).incident()).list();
        });
    }

    public Optional<Incident> find(String idOrNumber) {
        return store.read(h -> lookup(h, idOrNumber).map(Row::incident));
    }

    public List<TimelineEntry> timeline(String incidentId) {
        return store.read(h -> h.createQuery(
                        "SELECT at, kind, text, actor FROM incident_timeline WHERE incident_id = :id ORDER BY id")
                .bind("id", incidentId)
                .map((rs, ctx) -> new TimelineEntry(
                        Times.instant(rs, "at"), rs.getString("kind"), rs.getString("text"), rs.getString("actor")))
                .list());
    }

    private Row find(Handle tx, String idOrNumber) {
        return lookup(tx, idOrNumber)
                .orElseThrow(() -> new java.util.NoSuchElementException("no incident with id or number " + idOrNumber));
    }

    private Optional<Row> lookup(Handle h, String idOrNumber) {
        if (idOrNumber.matches("\\d{1,18}")) {
            return h.createQuery("SELECT " + COLUMNS + " FROM incident_incident WHERE number = :n")
                    .bind("n", Long.parseLong(idOrNumber))
                    .map((rs, ctx) -> row(rs))
                    .findOne();
        }
        return rowById(h, idOrNumber);
    }

    private Optional<Row> rowById(Handle h, String id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM incident_incident WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> row(rs))
                .findOne();
    }

    private void note(Handle tx, String incidentId, Instant at, String kind, String text, String actor) {
        tx.createUpdate("INSERT INTO incident_timeline (id, incident_id, at, kind, text, actor)"
                        + " VALUES (:id, :incident, :at, :kind, :text, :actor)")
                .bind("id", ids.next())
                .bind("incident", incidentId)
                .bind("at", at.toEpochMilli())
                .bind("kind", kind)
                .bind("text", text)
                .bind("actor", actor)
                .execute();
    }

    private Row row(ResultSet rs) throws SQLException {
        long number = rs.getLong("number");
        Incident incident = new Incident(
                rs.getString("id"),
                number,
                rs.getString("title"),
                rs.getString("service"),
                rs.getString("severity"),
                IncidentState.valueOf(rs.getString("state")),
                Times.instant(rs, "created_at"),
                Times.instantOrNull(rs, "acknowledged_at"),
                Times.instantOrNull(rs, "resolved_at"),
                rs.getLong("alert_count"),
                publicUrl + "/incidents/" + number);
        return new Row(incident, rs.getLong("open_alerts"), rs.getLong("version"));
    }
}
