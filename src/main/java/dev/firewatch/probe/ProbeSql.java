package dev.firewatch.probe;

import dev.firewatch.store.Statements;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Handle;

/** The probe feature's queries, on its own tables only. Every read goes through a primary key or an index range. */
final class ProbeSql {
    private ProbeSql() {}

    /** One result to store, with whether it was held and the monitor's state after it (null: unchanged). */
    record Written(ProbeResult result, boolean held, MonitorStatus status) {}

    private static final String HISTOGRAM =
            IntStream.range(0, Rollup.BUCKETS).mapToObj(i -> "h" + i).collect(Collectors.joining(", "));

    private static final String INSERT_RESULT = "INSERT INTO probe_result (id, monitor, at, response_time_ms, passed,"
            + " held, failure) VALUES (?, ?, ?, ?, ?, ?, ?)";

    private static final String UPSERT_ROLLUP = "INSERT INTO probe_rollup (monitor, resolution, bucket, checks,"
            + " failures, held, " + HISTOGRAM + ") VALUES (?, ?, ?, ?, ?, ?, "
            + IntStream.range(0, Rollup.BUCKETS).mapToObj(i -> "?").collect(Collectors.joining(", "))
            + ") ON CONFLICT (monitor, resolution, bucket) DO UPDATE SET"
            + " checks = probe_rollup.checks + excluded.checks,"
            + " failures = probe_rollup.failures + excluded.failures,"
            + " held = probe_rollup.held + excluded.held, "
            + IntStream.range(0, Rollup.BUCKETS)
                    .mapToObj(i -> "h" + i + " = probe_rollup.h" + i + " + excluded.h" + i)
                    .collect(Collectors.joining(", "));

    private static final String STATE_COLUMNS = "name, state, failures, successes, since, reason, alerting, flapping,"
            + " changes, last_at, last_response_ms, last_passed, last_failure, updated_at";

    private static final String UPSERT_STATE = "INSERT INTO probe_monitor_state (" + STATE_COLUMNS + ") VALUES"
            + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET"
            + " state = excluded.state, failures = excluded.failures, successes = excluded.successes,"
            + " since = excluded.since, reason = excluded.reason, alerting = excluded.alerting,"
            + " flapping = excluded.flapping, changes = excluded.changes, last_at = excluded.last_at,"
            + " last_response_ms = excluded.last_response_ms, last_passed = excluded.last_passed,"
            + " last_failure = excluded.last_failure, updated_at = excluded.updated_at";

    private static final String RESULT_COLUMNS = "id, monitor, at, response_time_ms, passed, held, failure";

    /**
     * Writes a batch in the caller's transaction: each result, the roll-ups it adds to (summed per monitor and
     * bucket first, so a batch costs one upsert per bucket), and each monitor's newest state.
     */
    static void write(Handle tx, List<Written> batch, java.util.function.LongSupplier ids, Instant now) {
        Map<List<Object>, long[]> rollups = new LinkedHashMap<>();
        Map<String, MonitorStatus> states = new LinkedHashMap<>();
        try (Statements sql = Statements.over(tx)) {
            for (Written written : batch) {
                ProbeResult r = written.result();
                if (r != null) {
                    long ms = r.responseTime().toMillis();
                    sql.update(
                            INSERT_RESULT,
                            ids.getAsLong(),
                            r.monitor(),
                            r.at().toEpochMilli(),
                            ms,
                            r.passed() ? 1 : 0,
                            written.held() ? 1 : 0,
                            r.passed() ? null : r.failure().orElse("failed"));
                    for (Rollup.Resolution resolution : Rollup.Resolution.values()) {
                        long[] sums = rollups.computeIfAbsent(
                                List.of(
                                        r.monitor(),
                                        resolution.wireName(),
                                        resolution.bucketOf(r.at()).toEpochMilli()),
                                key -> new long[3 + Rollup.BUCKETS]);
                        sums[0]++;
                        sums[1] += !r.passed() && !written.held() ? 1 : 0;
                        sums[2] += written.held() ? 1 : 0;
                        sums[3 + Rollup.bucketOf(ms)]++;
                    }
                }
                if (written.status() != null) {
                    states.put(written.status().name(), written.status());
                }
            }
            for (var rollup : rollups.entrySet()) {
                List<Object> values = new ArrayList<>(rollup.getKey());
                Arrays.stream(rollup.getValue()).forEach(values::add);
                sql.update(UPSERT_ROLLUP, values.toArray());
            }
            for (MonitorStatus s : states.values()) {
                Optional<ResultSummary> last = s.last();
                sql.update(
                        UPSERT_STATE,
                        s.name(),
                        s.state().wireName(),
                        s.failures(),
                        s.successes(),
                        s.since().toEpochMilli(),
                        s.reason(),
                        s.alerting() ? 1 : 0,
                        s.flapping() ? 1 : 0,
                        s.changes().stream()
                                .map(at -> Long.toString(at.toEpochMilli()))
                                .collect(Collectors.joining(",")),
                        last.map(l -> l.at().toEpochMilli()).orElse(null),
                        last.map(ResultSummary::responseTimeMs).orElse(null),
                        last.map(l -> l.passed() ? 1 : 0).orElse(null),
                        last.map(ResultSummary::failure).orElse(null),
                        now.toEpochMilli());
            }
        }
    }

    /** The state rows of these monitors, by primary key, in chunks. */
    static Map<String, MonitorStatus> states(Handle h, Collection<String> names) {
        Map<String, MonitorStatus> found = new LinkedHashMap<>();
        List<String> all = List.copyOf(names);
        for (int from = 0; from < all.size(); from += 500) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + 500));
            h.createQuery("SELECT " + STATE_COLUMNS + " FROM probe_monitor_state WHERE name IN (<names>)")
                    .bindList("names", chunk)
                    .map((rs, ctx) -> status(rs))
                    .forEach(s -> found.put(s.name(), s));
        }
        return found;
    }

    /** A monitor's newest results, newest first, below the cursor id when there is one. */
    static List<ResultRow> newest(Handle h, String monitor, Long before, int limit) {
        return h.createQuery("SELECT " + RESULT_COLUMNS + " FROM probe_result WHERE monitor = :monitor"
                        + (before == null ? "" : " AND id < :before") + " ORDER BY monitor DESC, id DESC LIMIT :limit")
                .bind("monitor", monitor)
                .bind("before", before)
                .bind("limit", limit)
                .map((rs, ctx) -> result(rs))
                .list();
    }

    /** A monitor's results at or after {@code from}, oldest first, at most {@code limit}: to refill its windows. */
    static List<ResultRow> since(Handle h, String monitor, Instant from, int limit) {
        return h.createQuery("SELECT " + RESULT_COLUMNS + " FROM probe_result WHERE monitor = :monitor"
                        + " AND id >= :from ORDER BY monitor, id LIMIT :limit")
                .bind("monitor", monitor)
                .bind("from", idAt(from))
                .bind("limit", limit)
                .map((rs, ctx) -> result(rs))
                .list();
    }

    /** A monitor's roll-ups of one resolution from {@code from} on, oldest first. */
    static List<Rollup> rollups(Handle h, String monitor, Rollup.Resolution resolution, Instant from) {
        return h.createQuery("SELECT monitor, resolution, bucket, checks, failures, held, " + HISTOGRAM
                        + " FROM probe_rollup WHERE monitor = :monitor AND resolution = :resolution"
                        + " AND bucket >= :from ORDER BY bucket")
                .bind("monitor", monitor)
                .bind("resolution", resolution.wireName())
                .bind("from", from.toEpochMilli())
                .map((rs, ctx) -> rollup(rs))
                .list();
    }

    /** Deletes at most {@code limit} results older than {@code before}, oldest first; how many it deleted. */
    static int pruneResults(Handle tx, Instant before, int limit) {
        return tx.createUpdate("DELETE FROM probe_result WHERE id IN (SELECT id FROM probe_result WHERE id < :before"
                        + " ORDER BY id LIMIT :limit)")
                .bind("before", idAt(before))
                .bind("limit", limit)
                .execute();
    }

    /** Deletes at most {@code limit} roll-ups of a resolution whose bucket began before {@code before}. */
    static int pruneRollups(Handle tx, Rollup.Resolution resolution, Instant before, int limit) {
        return tx.createUpdate("DELETE FROM probe_rollup WHERE resolution = :resolution AND bucket < :before"
                        + " AND (monitor, resolution, bucket) IN (SELECT monitor, resolution, bucket FROM probe_rollup"
                        + " WHERE resolution = :resolution AND bucket < :before ORDER BY resolution, bucket"
                        + " LIMIT :limit)")
                .bind("resolution", resolution.wireName())
                .bind("before", before.toEpochMilli())
                .bind("limit", limit)
                .execute();
    }

    /** The smallest id written at {@code at}: an id is its write's millisecond times 1000, plus a count. */
    static long idAt(Instant at) {
        return at.toEpochMilli() * ID_PER_MILLISECOND;
    }

    static final long ID_PER_MILLISECOND = 1000;

    /** The newest id written, to go on from after a restart: the last entry of the primary key, not a scan. */
    static long newestId(Handle h) {
        return h.createQuery("SELECT COALESCE(MAX(id), 0) FROM probe_result")
                .mapTo(Long.class)
                .one();
    }

    private static MonitorStatus status(ResultSet rs) throws SQLException {
        String changes = rs.getString("changes");
        long lastAt = rs.getLong("last_at");
        Optional<ResultSummary> last = rs.wasNull()
                ? Optional.empty()
                : Optional.of(new ResultSummary(
                        Instant.ofEpochMilli(lastAt),
                        rs.getLong("last_response_ms"),
                        rs.getInt("last_passed") == 1,
                        rs.getString("last_failure")));
        return new MonitorStatus(
                rs.getString("name"),
                MonitorState.parse(rs.getString("state")),
                rs.getInt("failures"),
                rs.getInt("successes"),
                Instant.ofEpochMilli(rs.getLong("since")),
                rs.getString("reason"),
                rs.getInt("alerting") == 1,
                changes.isEmpty()
                        ? List.of()
                        : Arrays.stream(changes.split(","))
                                .map(ms -> Instant.ofEpochMilli(Long.parseLong(ms)))
                                .toList(),
                rs.getInt("flapping") == 1,
                last);
    }

    private static ResultRow result(ResultSet rs) throws SQLException {
        return new ResultRow(
                Long.toString(rs.getLong("id")),
                rs.getString("monitor"),
                Instant.ofEpochMilli(rs.getLong("at")),
                rs.getLong("response_time_ms"),
                rs.getInt("passed") == 1,
                rs.getInt("held") == 1,
                rs.getString("failure"));
    }

    private static Rollup rollup(ResultSet rs) throws SQLException {
        long[] latency = new long[Rollup.BUCKETS];
        for (int i = 0; i < latency.length; i++) {
            latency[i] = rs.getLong("h" + i);
        }
        return new Rollup(
                rs.getString("monitor"),
                Rollup.Resolution.parse(rs.getString("resolution")),
                Instant.ofEpochMilli(rs.getLong("bucket")),
                rs.getLong("checks"),
                rs.getLong("failures"),
                rs.getLong("held"),
                latency);
    }
}
