package dev.firewatch.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.firewatch.alert.route.Routing;
import dev.firewatch.alert.silence.Silence;
import dev.firewatch.incident.Incident;
import dev.firewatch.store.Statements;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The alert stages for the signals of one transaction, in order. Statements are prepared once for the whole
 * batch and the current silences read once; everything else is per alert.
 */
public final class AlertBatch implements AutoCloseable {
    private static final String ALERT_COLUMNS = "id, state, summary, incident_id, suppressed_by";

    /** At most this many alerts are looked up by one statement of {@link #lookAhead}. */
    private static final int LOOK_AHEAD_CHUNK = 128;

    private final AlertPipeline stages;
    private final Statements sql;
    private final Suppressions.Holds holds;
    /** The stored alert (or none) of each key {@link #lookAhead} found, until that key's first signal takes it. */
    private final Map<String, Optional<Stored>> ahead = new HashMap<>();

    /** A signal the batch is about to process, for {@link #lookAhead}. */
    public record Incoming(String sourceService, Signal signal) {}

    AlertBatch(AlertPipeline stages, Statements sql) {
        this.stages = stages;
        this.sql = sql;
        this.holds = stages.suppressions.holds(sql);
    }

    /**
     * @param sourceService the service whose integration key the signal came with; an alert's identity is
     *     scoped by it, so a resolve without labels finds the trigger it ends
     */
    public void process(String sourceService, Signal signal, Instant receivedAt) {
        String identity = AlertPipeline.identity(signal);
        Optional<Stored> stored = ahead.remove(key(sourceService, identity));
        if (stored == null) {
            sql.flush(); // the alert rows queued by earlier signals, before this one looks for its own
            Statements.Query<Stored> lookup = new Statements.Query<>(
                    "SELECT " + ALERT_COLUMNS + " FROM alert_alert WHERE source_service = ? AND fingerprint = ?",
                    Stored::of,
                    sourceService,
                    identity);
            Optional<Statements.Query<Silence>> silences =
                    signal instanceof Signal.Trigger ? holds.silencesToRead(receivedAt) : Optional.empty();
            if (silences.isPresent()) {
                Statements.Both<Stored, Silence> read = sql.both(lookup, silences.get());
                holds.silencesRead(read.second());
                stored = read.first().stream().findFirst();
            } else {
                stored = sql.list(lookup).stream().findFirst();
            }
        }
        switch (signal) {
            case Signal.Trigger trigger -> trigger(sourceService, identity, trigger, stored, receivedAt);
            case Signal.Resolve resolve ->
                stored.filter(s -> s.state() == AlertState.FIRING)
                        .ifPresent(s -> resolve(s, resolve.at() != null ? resolve.at() : receivedAt, receivedAt));
            case Signal.Acknowledge acknowledge ->
                stored.filter(s -> s.incidentId() != null)
                        .ifPresent(s -> stages.incidents.acknowledgedBySource(sql, s.incidentId(), receivedAt));
        }
    }

    /**
     * Looks up the stored alerts of a batch's signals with one statement per {@value #LOOK_AHEAD_CHUNK}, instead of
     * one per signal: on PostgreSQL each is a round trip, and in a burst of new alerts the journal consumer waits on
     * round trips more than it computes. Only a key's first signal in the batch takes what was found; nothing before
     * it in the batch can have changed that alert, since only signals of the same key write it. A later signal of the
     * same key looks again, after the earlier one's writes. On PostgreSQL another transaction (the expiry of a stale
     * alert) may change the alert meanwhile, as it could between a lookup and its update before; a trigger then
     * repeats an alert that has just been resolved, which fires it again, and its incident is checked afresh.
     */
    public void lookAhead(List<Incoming> incoming) {
        if (incoming.size() < 2) {
            return; // a lone signal's own lookup is the same one statement
        }
        Map<String, String[]> keys = new LinkedHashMap<>();
        for (Incoming in : incoming) {
            String identity = AlertPipeline.identity(in.signal());
            keys.putIfAbsent(key(in.sourceService(), identity), new String[] {in.sourceService(), identity});
        }
        keys.keySet().forEach(key -> ahead.put(key, Optional.empty()));
        List<String[]> pairs = List.copyOf(keys.values());
        sql.flush();
        for (int from = 0; from < pairs.size(); from += LOOK_AHEAD_CHUNK) {
            List<String[]> chunk = pairs.subList(from, Math.min(pairs.size(), from + LOOK_AHEAD_CHUNK));
            // Padded to a power of two with the last pair again, so the statement's text takes few forms.
            int size = Integer.highestOneBit(chunk.size() - 1) << 1;
            size = Math.max(2, Math.min(size, LOOK_AHEAD_CHUNK));
            Object[] values = new Object[size * 2];
            for (int i = 0; i < size; i++) {
                String[] pair = chunk.get(Math.min(i, chunk.size() - 1));
                values[2 * i] = pair[0];
                values[2 * i + 1] = pair[1];
            }
            sql.list(
                    "SELECT " + ALERT_COLUMNS + ", source_service, fingerprint FROM alert_alert"
                            + " WHERE (source_service, fingerprint) IN (VALUES "
                            + String.join(", ", java.util.Collections.nCopies(size, "(?, ?)")) + ")",
                    rs -> ahead.put(
                            key(rs.getString("source_service"), rs.getString("fingerprint")),
                            Optional.of(Stored.of(rs))),
                    values);
        }
    }

    private static String key(String sourceService, String identity) {
        return sourceService + '\u0000' + identity;
    }

    private record Stored(String id, AlertState state, String summary, String incidentId, String suppressedBy) {
        static Stored of(java.sql.ResultSet rs) throws java.sql.SQLException {
            return new Stored(
                    rs.getString("id"),
                    AlertState.valueOf(rs.getString("state")),
                    rs.getString("summary"),
                    rs.getString("incident_id"),
                    rs.getString("suppressed_by"));
        }
    }

    /** Where a firing alert belongs: an incident, and the root cause that holds it as a symptom, if any. */
    private record Home(String incidentId, String symptomOf) {}

    private void trigger(
            String sourceService, String identity, Signal.Trigger trigger, Optional<Stored> stored, Instant now) {
        // Stage 8, route: the labels decide the service and may force the incident's severity. An alert no
        // route takes stays with its integration key's service: never dropped.
        Routing.Destination destination =
                stages.routes.get().route(trigger.labels(), sourceService).primary();
        String service = destination.service();
        String severity = stages.ladder.get().of(destination, trigger.severity());
        String summary = trigger.summary();
        // Stages 6 and 7, silence and inhibit: a held alert is kept and shown, but opens no incident.
        String heldBy = holds.holding(service, identity, trigger.labels(), now).orElse(null);
        if (stored.isEmpty()) {
            // Stage 5, dedup: a new identity is a new alert. Its home is found first, so the alert is written
            // once, with its incident.
            Home home = heldBy == null
                    ? home(service, groupKey(service, identity, trigger.labels()), summary, severity, now, false)
                    : new Home(null, null);
            String id = stages.ids.next();
            // Queued with its history lines: the next signal of the batch, and anything reading alerts, flushes first.
            sql.later(
                    "INSERT INTO alert_alert (id, source_service, service, fingerprint, dedup_key, state, severity,"
                            + " summary, source, labels, annotations, details, count, first_seen_at, last_seen_at,"
                            + " incident_id, suppressed_by) VALUES (?, ?, ?, ?, ?, 'FIRING', ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)",
                    id,
                    sourceService,
                    service,
                    identity,
                    trigger.dedupKey(),
                    trigger.severity().name(),
                    summary,
                    trigger.source().name(),
                    write(trigger.labels()),
                    write(trigger.annotations()),
                    write(trigger.details()),
                    now.toEpochMilli(),
                    now.toEpochMilli(),
                    home.incidentId(),
                    heldBy != null ? heldBy : home.symptomOf());
            history(id, now, "triggered", "Triggered: " + summary + " (" + destination.reason() + ")");
            if (heldBy != null) {
                history(id, now, "held", "Held back, no incident: " + heldBy);
            } else if (home.symptomOf() != null) {
                history(id, now, "symptom", "Joined the open incident of " + home.symptomOf());
            }
            return;
        }
        // Stage 5, dedup: a repeat updates the alert it repeats.
        Stored alert = stored.get();
        boolean refiring = alert.state() == AlertState.RESOLVED;
        sql.update(
                "UPDATE alert_alert SET state = 'FIRING', count = count + 1, last_seen_at = ?, severity = ?, service = ?,"
                        + " summary = ?, annotations = ?, details = ?, resolved_at = NULL, suppressed_by = ? WHERE id = ?",
                now.toEpochMilli(),
                trigger.severity().name(),
                service,
                summary,
                write(trigger.annotations()),
                write(trigger.details()),
                heldBy,
                alert.id());
        if (refiring) {
            history(alert.id(), now, "triggered", "Firing again: " + summary);
        }
        if (heldBy != null) {
            if (refiring || !heldBy.equals(alert.suppressedBy())) {
                history(alert.id(), now, "held", "Held back, no incident: " + heldBy);
            }
            return;
        }
        if (refiring || alert.incidentId() == null || !stages.incidents.isOpen(sql, alert.incidentId())) {
            // New firing, no longer held, or its incident was resolved by hand while the source kept firing:
            // the alert needs a home.
            Home home = home(service, groupKey(service, identity, trigger.labels()), summary, severity, now, refiring);
            sql.update(
                    "UPDATE alert_alert SET incident_id = ?, suppressed_by = ? WHERE id = ?",
                    home.incidentId(),
                    home.symptomOf(),
                    alert.id());
            if (home.symptomOf() != null) {
                history(alert.id(), now, "symptom", "Joined the open incident of " + home.symptomOf());
            }
        }
    }

    /**
     * Stage 9, group: every firing alert that nothing holds back belongs to an incident. While a service this
     * one depends on has an open incident, the alert joins that incident as a symptom instead of paging on
     * its own.
     */
    private Home home(
            String service, String groupKey, String summary, String severity, Instant now, boolean regression) {
        Optional<Incident> root = rootCause(service);
        if (root.isPresent()) {
            stages.incidents.attachSymptom(sql, root.get().id(), service, summary, now);
            return new Home(
                    root.get().id(),
                    "dependency " + root.get().service() + " (incident #"
                            + root.get().number() + ")");
        }
        return new Home(stages.incidents.attach(sql, service, groupKey, summary, severity, now, regression), null);
    }

    /**
     * The incident group key: the values of the service's {@code group_by} labels, so alerts that share them
     * join one open incident; without {@code group_by}, the alert's own identity (one incident per alert).
     */
    private String groupKey(String service, String identity, Map<String, String> labels) {
        List<String> names = stages.groupBy.apply(service);
        if (names.isEmpty()) {
            return identity;
        }
        StringBuilder key = new StringBuilder("by");
        for (String name : names) {
            String value = labels.getOrDefault(name, "");
            key.append('|')
                    .append(name.length())
                    .append(':')
                    .append(name)
                    .append('=')
                    .append(value.length())
                    .append(':')
                    .append(value);
        }
        return key.toString();
    }

    /** The nearest service this one depends on, directly or through others, that has an open incident. */
    private Optional<Incident> rootCause(String service) {
        Set<String> seen = new HashSet<>(Set.of(service));
        Deque<String> next = new ArrayDeque<>(stages.dependsOn.apply(service));
        while (!next.isEmpty()) {
            String dependency = next.removeFirst();
            if (!seen.add(dependency)) {
                continue;
            }
            Optional<Incident> open = stages.incidents.openOn(sql, dependency);
            if (open.isPresent()) {
                return open;
            }
            next.addAll(stages.dependsOn.apply(dependency));
        }
        return Optional.empty();
    }

    private void resolve(Stored alert, Instant resolvedAt, Instant now) {
        sql.update(
                "UPDATE alert_alert SET state = 'RESOLVED', resolved_at = ?, last_seen_at = ? WHERE id = ?",
                resolvedAt.toEpochMilli(),
                now.toEpochMilli(),
                alert.id());
        history(alert.id(), now, "resolved", "Resolved: " + alert.summary());
        // Counted in an incident (its own, or a root cause's as a symptom): counted out again.
        if (alert.incidentId() != null) {
            stages.incidents.alertResolved(sql, alert.incidentId(), alert.summary(), now);
        }
    }

    /**
     * Stage 5 for silence: a firing alert its sender stopped repeating ends on its own, as with Alertmanager's
     * {@code resolve_timeout}. The update re-checks that the alert is still firing and still unseen since
     * {@code staleBefore} in the same statement, so a repeat that landed a moment ago, or another node's
     * sweeper, wins and nothing is resolved twice.
     *
     * @return whether the alert was resolved
     */
    public boolean expire(String alertId, Instant staleBefore, Duration timeout, Instant now) {
        sql.flush();
        Optional<Stored> stored =
                sql.first("SELECT " + ALERT_COLUMNS + " FROM alert_alert WHERE id = ?", Stored::of, alertId);
        if (stored.isEmpty()) {
            return false;
        }
        int changed = sql.update(
                "UPDATE alert_alert SET state = 'RESOLVED', resolved_at = ? WHERE id = ? AND state = 'FIRING'"
                        + " AND last_seen_at < ?",
                now.toEpochMilli(),
                alertId,
                staleBefore.toEpochMilli());
        if (changed == 0) {
            return false;
        }
        Stored alert = stored.get();
        history(
                alert.id(),
                now,
                "resolved",
                "Resolved on its own: not repeated for " + asWritten(timeout) + " (resolve_timeout)");
        if (alert.incidentId() != null) {
            stages.incidents.alertResolved(
                    sql, alert.incidentId(), alert.summary() + " (not repeated, resolve_timeout)", now);
        }
        return true;
    }

    /** A duration the way the config writes it: 30m, not PT30M. */
    private static String asWritten(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3_600 == 0) {
            return seconds / 3_600 + "h";
        }
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }

    private void history(String alertId, Instant at, String kind, String text) {
        // Read only by pages and the API: sent with the batch's other history rows when the batch closes.
        sql.later(
                "INSERT INTO alert_history (id, alert_id, at, kind, text) VALUES (?, ?, ?, ?, ?)",
                stages.ids.next(),
                alertId,
                at.toEpochMilli(),
                kind,
                text);
    }

    private String write(Map<String, ?> map) {
        try {
            return stages.json.writeValueAsString(map == null ? Map.of() : map);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot store alert fields as JSON: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public void close() {
        sql.close();
    }
}
