package dev.firewatch.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firewatch.incident.IncidentAlert;
import dev.firewatch.store.Store;
import dev.firewatch.store.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Reading alerts: the list, and the alerts of one incident. */
public final class Alerts {
    private static final String COLUMNS =
            "id, service, fingerprint, dedup_key, state, summary, severity, labels, annotations,"
                    + " count, first_seen_at, last_seen_at, resolved_at, incident_id, suppressed_by";
    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {};

    private final Store store;
    private final ObjectMapper json = new ObjectMapper();

    public Alerts(Store store) {
        this.store = store;
    }

    /** Newest first; {@code before} is the last id of the previous page. */
    public List<Alert> list(Set<AlertState> states, String service, String before, int limit) {
        String where = " WHERE state IN ("
                + states.stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(",")) + ")"
                + (service == null ? "" : " AND service = :service") + (before == null ? "" : " AND id < :before");
        return store.read(
                h -> h.createQuery("SELECT " + COLUMNS + " FROM alert_alert" + where + " ORDER BY id DESC LIMIT :limit")
                        .bind("service", service)
                        .bind("before", before)
                        .bind("limit", limit)
                        .map((rs, ctx) -> alert(rs))
                        .list());
    }

    /** The alerts that belong to an incident, in the shape the incident shows them. */
    public List<IncidentAlert> ofIncident(String incidentId) {
        return store
                .read(h -> h.createQuery("SELECT " + COLUMNS + " FROM alert_alert WHERE incident_id = :id ORDER BY id")
                        .bind("id", incidentId)
                        .map((rs, ctx) -> alert(rs))
                        .list())
                .stream()
                .map(a -> new IncidentAlert(
                        a.id(),
                        a.dedupKey(),
                        a.state().wireName(),
                        a.summary(),
                        a.severity().wireName(),
                        a.labels(),
                        a.annotations(),
                        a.count(),
                        a.firstSeenAt(),
                        a.lastSeenAt()))
                .toList();
    }

    private Alert alert(ResultSet rs) throws SQLException {
        String dedupKey = rs.getString("dedup_key");
        return new Alert(
                rs.getString("id"),
                rs.getString("service"),
                dedupKey != null ? dedupKey : rs.getString("fingerprint"),
                AlertState.valueOf(rs.getString("state")),
                rs.getString("summary"),
                Severity.valueOf(rs.getString("severity")),
                strings(rs.getString("labels")),
                strings(rs.getString("annotations")),
                rs.getLong("count"),
                Times.instant(rs, "first_seen_at"),
                Times.instant(rs, "last_seen_at"),
                Times.instantOrNull(rs, "resolved_at"),
                rs.getString("incident_id"),
                rs.getString("suppressed_by"));
    }

    private Map<String, String> strings(String text) {
        try {
            return json.readValue(text, STRINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored alert has unreadable labels: " + e.getOriginalMessage(), e);
        }
    }
}
