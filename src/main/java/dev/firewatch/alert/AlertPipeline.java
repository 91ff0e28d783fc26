package dev.firewatch.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firewatch.alert.route.RouteTree;
import dev.firewatch.alert.route.Routing;
import dev.firewatch.alert.route.SeverityLadder;
import dev.firewatch.incident.Incident;
import dev.firewatch.incident.Incidents;
import dev.firewatch.store.Ids;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/**
 * The alert stages that run in the journal consumer's transaction (STYLE §2, stages 4 to 9): fingerprint,
 * dedup, route, silence and inhibit (what holds an alert back), then group into an incident. Every state
 * change of an alert is a history row in the same transaction.
 */
public final class AlertPipeline {
    private final Ids ids;
    private final Incidents incidents;
    private final Suppressions suppressions;
    private final Supplier<RouteTree> routes;
    private final Supplier<SeverityLadder> ladder;
    private final Function<String, List<String>> dependsOn;
    private final Function<String, List<String>> groupBy;
    private final ObjectMapper json = new ObjectMapper();

    /** Routes and ladder are suppliers, so a config reload applies to the next alert without a restart. */
    public AlertPipeline(
            Ids ids,
            Incidents incidents,
            Suppressions suppressions,
            Supplier<RouteTree> routes,
            Supplier<SeverityLadder> ladder,
            Function<String, List<String>> dependsOn,
            Function<String, List<String>> groupBy) {
        this.ids = ids;
        this.groupBy = groupBy;
        this.dependsOn = dependsOn;
        this.incidents = incidents;
        this.suppressions = suppressions;
        this.routes = routes;
        this.ladder = ladder;
    }

    /**
     * @param sourceService the service whose integration key the signal came with; an alert's identity is
     *     scoped by it, so a resolve without labels finds the trigger it ends
     */
    public void process(Handle tx, String sourceService, Signal signal, Instant receivedAt) {
        String identity = identity(signal);
        Optional<Stored> stored = find(tx, sourceService, identity);
        switch (signal) {
            case Signal.Trigger trigger -> trigger(tx, sourceService, identity, trigger, stored, receivedAt);
            case Signal.Resolve resolve ->
                stored.filter(s -> s.state() == AlertState.FIRING)
                        .ifPresent(s -> resolve(tx, s, resolve.at() != null ? resolve.at() : receivedAt, receivedAt));
            case Signal.Acknowledge acknowledge ->
                stored.filter(s -> s.incidentId() != null)
                        .ifPresent(s -> incidents.acknowledgedBySource(tx, s.incidentId(), receivedAt));
        }
    }

    /** Stage 4, fingerprint: the sender's dedup key, or a hash of the labels. */
    static String identity(Signal signal) {
        return signal.dedupKey() != null ? signal.dedupKey() : Fingerprint.of(signal.labels());
    }

    private record Stored(String id, AlertState state, String summary, String incidentId, String suppressedBy) {}

    private Optional<Stored> find(Handle tx, String sourceService, String identity) {
        return tx.createQuery("SELECT id, state, summary, incident_id, suppressed_by FROM alert_alert"
                        + " WHERE source_service = :service AND fingerprint = :fp")
                .bind("service", sourceService)
                .bind("fp", identity)
                .map((rs, ctx) -> new Stored(
                        rs.getString("id"),
                        AlertState.valueOf(rs.getString("state")),
                        rs.getString("summary"),
                        rs.getString("incident_id"),
                        rs.getString("suppressed_by")))
                .findOne();
    }

    private void trigger(
            Handle tx,
            String sourceService,
            String identity,
            Signal.Trigger trigger,
            Optional<Stored> stored,
            Instant now) {
        // Stage 8, route: the labels decide the service and may force the incident's severity. An alert no
        // route takes stays with its integration key's service: never dropped.
        Routing.Destination destination =
                routes.get().route(trigger.labels(), sourceService).primary();
        String service = destination.service();
        String severity = ladder.get().of(destination, trigger.severity());
        String summary = trigger.summary();
        // Stages 6 and 7, silence and inhibit: a held alert is kept and shown, but opens no incident.
        String heldBy = suppressions
                .holding(tx, service, identity, trigger.labels(), now)
                .orElse(null);
        if (stored.isEmpty()) {
            // Stage 5, dedup: a new identity is a new alert.
            String id = ids.next();
            tx.createUpdate(
                            "INSERT INTO alert_alert (id, source_service, service, fingerprint, dedup_key, state, severity,"
                                    + " summary, source, labels, annotations, details, count, first_seen_at, last_seen_at,"
                                    + " suppressed_by) VALUES (:id, :sourceService, :service, :fp, :dedup, 'FIRING', :severity,"
                                    + " :summary, :source, :labels, :annotations, :details, 1, :now, :now, :heldBy)")
                    .bind("id", id)
                    .bind("sourceService", sourceService)
                    .bind("service", service)
                    .bind("fp", identity)
                    .bind("dedup", trigger.dedupKey())
                    .bind("severity", trigger.severity().name())
                    .bind("summary", summary)
                    .bind("source", trigger.source().name())
                    .bind("labels", write(trigger.labels()))
                    .bind("annotations", write(trigger.annotations()))
                    .bind("details", write(trigger.details()))
                    .bind("now", now.toEpochMilli())
                    .bind("heldBy", heldBy)
                    .execute();
            history(tx, id, now, "triggered", "Triggered: " + summary + " (" + destination.reason() + ")");
            if (heldBy != null) {
                history(tx, id, now, "held", "Held back, no incident: " + heldBy);
                return;
            }
            group(tx, id, service, groupKey(service, identity, trigger.labels()), summary, severity, now);
            return;
        }
        // Stage 5, dedup: a repeat updates the alert it repeats.
        Stored alert = stored.get();
        boolean refiring = alert.state() == AlertState.RESOLVED;
        tx.createUpdate("UPDATE alert_alert SET state = 'FIRING', count = count + 1, last_seen_at = :now,"
                        + " severity = :severity, service = :service, summary = :summary, annotations = :annotations,"
                        + " details = :details, resolved_at = NULL, suppressed_by = :heldBy WHERE id = :id")
                .bind("now", now.toEpochMilli())
                .bind("severity", trigger.severity().name())
                .bind("service", service)
                .bind("summary", summary)
                .bind("annotations", write(trigger.annotations()))
                .bind("details", write(trigger.details()))
                .bind("heldBy", heldBy)
                .bind("id", alert.id())
                .execute();
        if (refiring) {
            history(tx, alert.id(), now, "triggered", "Firing again: " + summary);
        }
        if (heldBy != null) {
            if (refiring || !heldBy.equals(alert.suppressedBy())) {
                history(tx, alert.id(), now, "held", "Held back, no incident: " + heldBy);
            }
            return;
        }
        if (refiring || alert.incidentId() == null || !incidents.isOpen(tx, alert.incidentId())) {
            // New firing, no longer held, or its incident was resolved by hand while the source kept firing:
            // the alert needs a home.
            group(tx, alert.id(), service, groupKey(service, identity, trigger.labels()), summary, severity, now);
        }
    }

    /**
     * Stage 9, group: every firing alert that nothing holds back belongs to an incident. While a service this
     * one depends on has an open incident, the alert joins that incident as a symptom instead of paging on
     * its own.
     */
    private void group(
            Handle tx, String alertId, String service, String groupKey, String summary, String severity, Instant now) {
        Optional<Incident> root = rootCause(tx, service);
        if (root.isPresent()) {
            incidents.attachSymptom(tx, root.get().id(), service, summary, now);
            String reason = "dependency " + root.get().service() + " (incident #"
                    + root.get().number() + ")";
            tx.createUpdate("UPDATE alert_alert SET incident_id = :incident, suppressed_by = :reason WHERE id = :id")
                    .bind("incident", root.get().id())
                    .bind("reason", reason)
                    .bind("id", alertId)
                    .execute();
            history(tx, alertId, now, "symptom", "Joined the open incident of " + reason);
            return;
        }
        String incidentId = incidents.attach(tx, service, groupKey, summary, severity, now);
        tx.createUpdate("UPDATE alert_alert SET incident_id = :incident WHERE id = :id")
                .bind("incident", incidentId)
                .bind("id", alertId)
                .execute();
    }

    /**
     * The incident group key: the values of the service's {@code group_by} labels, so alerts that share them
     * join one open incident; without {@code group_by}, the alert's own identity (one incident per alert).
     */
    private String groupKey(String service, String identity, Map<String, String> labels) {
        List<String> names = groupBy.apply(service);
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
    private Optional<Incident> rootCause(Handle tx, String service) {
        Set<String> seen = new HashSet<>(Set.of(service));
        Deque<String> next = new ArrayDeque<>(dependsOn.apply(service));
        while (!next.isEmpty()) {
            String dependency = next.removeFirst();
            if (!seen.add(dependency)) {
                continue;
            }
            Optional<Incident> open = incidents.openOn(tx, dependency);
            if (open.isPresent()) {
                return open;
            }
            next.addAll(dependsOn.apply(dependency));
        }
        return Optional.empty();
    }

    private void resolve(Handle tx, Stored alert, Instant resolvedAt, Instant now) {
        tx.createUpdate(
                        "UPDATE alert_alert SET state = 'RESOLVED', resolved_at = :at, last_seen_at = :now WHERE id = :id")
                .bind("at", resolvedAt.toEpochMilli())
                .bind("now", now.toEpochMilli())
                .bind("id", alert.id())
                .execute();
        history(tx, alert.id(), now, "resolved", "Resolved: " + alert.summary());
        // Counted in an incident (its own, or a root cause's as a symptom): counted out again.
        if (alert.incidentId() != null) {
            incidents.alertResolved(tx, alert.incidentId(), alert.summary(), now);
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
    public boolean expire(Handle tx, String alertId, Instant staleBefore, Duration timeout, Instant now) {
        Optional<Stored> stored = tx.createQuery(
                        "SELECT id, state, summary, incident_id, suppressed_by FROM alert_alert WHERE id = :id")
                .bind("id", alertId)
                .map((rs, ctx) -> new Stored(
                        rs.getString("id"),
                        AlertState.valueOf(rs.getString("state")),
                        rs.getString("summary"),
                        rs.getString("incident_id"),
                        rs.getString("suppressed_by")))
                .findOne();
        if (stored.isEmpty()) {
            return false;
        }
        int changed = tx.createUpdate("UPDATE alert_alert SET state = 'RESOLVED', resolved_at = :now"
                        + " WHERE id = :id AND state = 'FIRING' AND last_seen_at < :staleBefore")
                .bind("now", now.toEpochMilli())
                .bind("id", alertId)
                .bind("staleBefore", staleBefore.toEpochMilli())
                .execute();
        if (changed == 0) {
            return false;
        }
        Stored alert = stored.get();
        history(
                tx,
                alert.id(),
                now,
                "resolved",
                "Resolved on its own: not repeated for " + asWritten(timeout) + " (resolve_timeout)");
        if (alert.incidentId() != null) {
            incidents.alertResolved(tx, alert.incidentId(), alert.summary() + " (not repeated, resolve_timeout)", now);
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

    private void history(Handle tx, String alertId, Instant at, String kind, String text) {
        tx.createUpdate(
                        "INSERT INTO alert_history (id, alert_id, at, kind, text) VALUES (:id, :alert, :at, :kind, :text)")
                .bind("id", ids.next())
                .bind("alert", alertId)
                .bind("at", at.toEpochMilli())
                .bind("kind", kind)
                .bind("text", text)
                .execute();
    }

    private String write(Map<String, ?> map) {
        try {
            return json.writeValueAsString(map == null ? Map.of() : map);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot store alert fields as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
