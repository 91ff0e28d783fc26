package dev.firewatch.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firewatch.incident.IncidentAlert;
import dev.firewatch.store.Keyset;
import dev.firewatch.store.Statements;
import dev.firewatch.store.Store;
import dev.firewatch.store.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * Reading alerts: the list, a page at a time, and the alerts of one incident. Every read walks an index in id
 * order from a cursor and stops after a page, so a page costs the same with a thousand alerts stored as with
 * millions (issue 3: "page latency stays independent of how many alerts are stored").
 */
public final class Alerts {
    /**
     * How many alerts one page of a label search looks through at most. Labels are JSON text with no index,
     * so a search for a label few alerts carry would otherwise read every stored alert before it could say
     * "no more"; instead the page says how far back it looked and links to the next stretch.
     */
    public static final int LABEL_SCAN = 10_000;

    private static final String COLUMNS =
            "id, service, fingerprint, dedup_key, state, summary, severity, labels, annotations,"
                    + " count, first_seen_at, last_seen_at, resolved_at, incident_id, suppressed_by";
    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {};

    private final Store store;
    private final int labelScan;
    /** Configured as the alert stages' writer is, so label text here matches label text stored there. */
    private final ObjectMapper json = new ObjectMapper();

    public Alerts(Store store) {
        this(store, LABEL_SCAN);
    }

    /** With a smaller scan bound, for tests that cross it without storing ten thousand alerts. */
    Alerts(Store store, int labelScan) {
        this.store = store;
        this.labelScan = labelScan;
    }

    /**
     * One page of the list, newest first. Without a label filter it reads at most {@code limit + 1} rows per
     * state. With one, it reads at most {@link #LABEL_SCAN} alerts per state below the cursor, keeps those
     * whose labels match, and when that stretch runs out before the page is full, the page's cursor is the
     * end of the stretch, so the next page searches on from there without gaps or repeats.
     */
    public AlertPage page(AlertQuery query) {
        List<String> ranges = ranges(query);
        List<String> likes = likes(query.labels());
        return store.read(h -> {
            String floor = query.labels().isEmpty() ? null : floor(h, query, ranges);
            List<List<Alert>> perRange = new ArrayList<>();
            for (String range : ranges) {
                perRange.add(rows(h, query, range, floor, likes));
            }
            List<Alert> found = Keyset.merge(perRange, Alert::id, query.limit() + 1);
            Keyset.Page<Alert> page = Keyset.Page.of(found, query.limit(), Alert::id);
            // LIKE only narrows (SQLite's ignores case); the labels themselves decide.
            List<Alert> shown = page.rows().stream()
                    .filter(a -> hasLabels(a, query.labels()))
                    .toList();
            if (page.older() == null && floor != null) {
                return new AlertPage(shown, floor, Keyset.timeOf(floor));
            }
            return new AlertPage(shown, page.older(), null);
        });
    }

    /**
     * The alerts that belong to an incident, newest first, below {@code before} when it is set; the incident's
     * page shows a page of them and links to older ones, however many thousands a storm brought.
     */
    public List<IncidentAlert> ofIncident(String incidentId, String before, int limit) {
        return store.read(h -> {
            try (Statements sql = Statements.over(h)) {
                return ofIncident(sql, incidentId, before, limit);
            }
        });
    }

    /**
     * The newest alerts of an incident, to read in the caller's transaction: paging makes every message inside the
     * alert stages' transaction, and a read there sees what that transaction sees, with a statement kept for the
     * batch instead of a reader connection and a query per message; and it is sent with the incident's own read.
     */
    public Statements.Query<IncidentAlert> newestOfIncident(String incidentId, int limit) {
        return ofIncidentQuery(incidentId, null, limit);
    }

    private List<IncidentAlert> ofIncident(Statements sql, String incidentId, String before, int limit) {
        return sql.list(ofIncidentQuery(incidentId, before, limit));
    }

    private Statements.Query<IncidentAlert> ofIncidentQuery(String incidentId, String before, int limit) {
        return new Statements.Query<>(
                "SELECT " + COLUMNS + " FROM alert_alert WHERE incident_id = ?" + (before == null ? "" : " AND id < ?")
                        + " ORDER BY id DESC LIMIT ?",
                rs -> asIncidentAlert(alert(rs)),
                before == null ? new Object[] {incidentId, limit} : new Object[] {incidentId, before, limit});
    }

    private static IncidentAlert asIncidentAlert(Alert a) {
        return new IncidentAlert(
                a.id(),
                a.dedupKey(),
                a.state().wireName(),
                a.summary(),
                a.severity().wireName(),
                a.labels(),
                a.annotations(),
                a.count(),
                a.firstSeenAt(),
                a.lastSeenAt());
    }

    /**
     * The conditions of the index ranges a query reads, one per state: {@code (state, id)} and
     * {@code (service, state, id)} give each state's rows in id order, and {@link Keyset#merge} joins them.
     * All states of every service is one range over the primary key.
     */
    private static List<String> ranges(AlertQuery query) {
        if (query.service() == null && query.states().containsAll(EnumSet.allOf(AlertState.class))) {
            return List.of("");
        }
        return query.states().stream()
                .map(state -> " AND state = '" + state.name() + "'")
                .toList();
    }

    private List<Alert> rows(Handle h, AlertQuery query, String range, String floor, List<String> likes) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM alert_alert")
                .append(where(query, range))
                .append(floor == null ? "" : " AND id >= :floor");
        for (int i = 0; i < likes.size(); i++) {
            sql.append(" AND labels LIKE :like").append(i).append(" ESCAPE '!'");
        }
        Query select = bind(h.createQuery(sql + " ORDER BY id DESC LIMIT :limit"), query)
                .bind("floor", floor)
                .bind("limit", query.limit() + 1);
        for (int i = 0; i < likes.size(); i++) {
            select.bind("like" + i, likes.get(i));
        }
        return select.map((rs, ctx) -> alert(rs)).list();
    }

    /**
     * The oldest id a label search looks at on this page: in each range, the {@code labelScan}-th row below
     * the cursor (an index walk, no rows read), and the newest of those, so no range is searched past it; the
     * rest of the ranges is searched from there on the next page. Null when every range is shorter than
     * that: the search reaches the oldest alert.
     */
    private String floor(Handle h, AlertQuery query, List<String> ranges) {
        String floor = null;
        for (String range : ranges) {
            String bound = bind(
                            h.createQuery("SELECT id FROM alert_alert" + where(query, range)
                                    + " ORDER BY id DESC LIMIT 1 OFFSET :skip"),
                            query)
                    .bind("skip", labelScan - 1)
                    .mapTo(String.class)
                    .findOne()
                    .orElse(null);
            if (bound != null && (floor == null || bound.compareTo(floor) > 0)) {
                floor = bound;
            }
        }
        return floor;
    }

    private static String where(AlertQuery query, String range) {
        return " WHERE 1 = 1" + range + (query.service() == null ? "" : " AND service = :service")
                + (query.before() == null ? "" : " AND id < :before");
    }

    private static Query bind(Query select, AlertQuery query) {
        return select.bind("service", query.service()).bind("before", query.before());
    }

    /**
     * {@code "name":"value"} as the stored labels' JSON spells it, as LIKE patterns: they narrow the rows
     * read in the database. An empty value also matches an absent label, which no pattern can say.
     */
    private List<String> likes(Map<String, String> labels) {
        List<String> likes = new ArrayList<>();
        labels.forEach((name, value) -> {
            if (!value.isEmpty()) {
                likes.add("%" + escapeLike(jsonString(name) + ":" + jsonString(value)) + "%");
            }
        });
        return likes;
    }

    private String jsonString(String text) {
        try {
            return json.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a string that cannot be JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** {@code !} escapes: JDBI reads a backslash inside quotes as escaping the quote, and JSON is full of them. */
    private static String escapeLike(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private static boolean hasLabels(Alert alert, Map<String, String> wanted) {
        return wanted.entrySet().stream().allMatch(w -> w.getValue().equals(Labels.value(alert.labels(), w.getKey())));
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
