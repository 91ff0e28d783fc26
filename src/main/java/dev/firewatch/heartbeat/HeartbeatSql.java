package dev.firewatch.heartbeat;

import dev.firewatch.store.Statements;
import dev.firewatch.store.Times;
import dev.firewatch.store.Vendor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The SQL of the heartbeat tables: each heartbeat's state, and its newest pings. */
final class HeartbeatSql {
    private static final String STATE = "heartbeat, last_ping_at, last_ping_kind, last_success_at, failed_at,"
            + " exit_code, started_at, last_run_ms, alarm, due_at, version, pings";
    private static final String PING = "id, heartbeat, at, kind, exit_code, run_ms, method, source, user_agent, body";

    /** A state row with how many pings were ever stored for it, which paces the pruning. */
    record Row(String heartbeat, HeartbeatState state, long pings) {}

    private final Vendor vendor;

    HeartbeatSql(Vendor vendor) {
        this.vendor = vendor;
    }

    /**
     * The heartbeat's row, made when missing and locked for this transaction: on PostgreSQL a ping and the
     * scheduler take turns on it; on SQLite the one writer already makes them.
     */
    Row lock(Statements sql, String heartbeat) {
        sql.update("INSERT INTO heartbeat_state (heartbeat) VALUES (?) ON CONFLICT (heartbeat) DO NOTHING", heartbeat);
        String lock = vendor == Vendor.POSTGRESQL ? " FOR UPDATE" : "";
        return sql.first(
                        "SELECT " + STATE + " FROM heartbeat_state WHERE heartbeat = ?" + lock,
                        HeartbeatSql::row,
                        heartbeat)
                .orElseThrow();
    }

    /**
     * Heartbeats whose due time came, soonest first, locked for this transaction; on PostgreSQL rows another node
     * holds are skipped, not waited for.
     */
    List<Row> due(Statements sql, Instant now, int limit) {
        String lock = vendor == Vendor.POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : "";
        return sql.list(
                "SELECT " + STATE + " FROM heartbeat_state WHERE due_at IS NOT NULL AND due_at <= ?"
                        + " ORDER BY due_at LIMIT ?" + lock,
                HeartbeatSql::row,
                now.toEpochMilli(),
                limit);
    }

    /** Writes the new state if nobody changed the row since {@code seen} was read; false when somebody did. */
    boolean save(Statements sql, String heartbeat, HeartbeatState state, long seenVersion, boolean pinged) {
        return sql.update(
                        "UPDATE heartbeat_state SET last_ping_at = ?, last_ping_kind = ?, last_success_at = ?,"
                                + " failed_at = ?, exit_code = ?, started_at = ?, last_run_ms = ?, alarm = ?,"
                                + " due_at = ?, version = version + 1, pings = pings + ?"
                                + " WHERE heartbeat = ? AND version = ?",
                        Times.millisOrNull(state.lastPingAt()),
                        state.lastPingKind() == null
                                ? null
                                : state.lastPingKind().name(),
                        Times.millisOrNull(state.lastSuccessAt()),
                        Times.millisOrNull(state.failedAt()),
                        state.exitCode(),
                        Times.millisOrNull(state.startedAt()),
                        state.lastRunMillis(),
                        state.alarm() == null ? null : state.alarm().name(),
                        Times.millisOrNull(state.dueAt()),
                        pinged ? 1 : 0,
                        heartbeat,
                        seenVersion)
                == 1;
    }

    void insert(Statements sql, String id, String heartbeat, Ping ping, Long runMillis) {
        sql.update(
                "INSERT INTO heartbeat_ping (" + PING + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id,
                heartbeat,
                ping.at().toEpochMilli(),
                ping.kind().name(),
                ping.exitCode(),
                runMillis,
                ping.method(),
                ping.source(),
                ping.userAgent(),
                ping.body());
    }

    /** Deletes the pings older than the newest {@code keep}: a handful at a time, since pruning runs every few. */
    void prune(Statements sql, String heartbeat, int keep) {
        sql.update(
                "DELETE FROM heartbeat_ping WHERE heartbeat = ? AND id < (SELECT id FROM heartbeat_ping"
                        + " WHERE heartbeat = ? ORDER BY id DESC LIMIT 1 OFFSET ?)",
                heartbeat,
                heartbeat,
                keep - 1);
    }

    /** Every stored state, by heartbeat: one small table, a row per heartbeat that ever pinged. */
    Map<String, HeartbeatState> states(Statements sql) {
        Map<String, HeartbeatState> states = new LinkedHashMap<>();
        sql.list("SELECT " + STATE + " FROM heartbeat_state", HeartbeatSql::row)
                .forEach(row -> states.put(row.heartbeat(), row.state()));
        return states;
    }

    Optional<HeartbeatState> state(Statements sql, String heartbeat) {
        return sql.first("SELECT " + STATE + " FROM heartbeat_state WHERE heartbeat = ?", HeartbeatSql::row, heartbeat)
                .map(Row::state);
    }

    /** The newest pings first, older than the cursor {@code before} when it is not null. */
    List<LoggedPing> pings(Statements sql, String heartbeat, String before, int limit) {
        return before == null
                ? sql.list(
                        "SELECT " + PING + " FROM heartbeat_ping WHERE heartbeat = ? ORDER BY id DESC LIMIT ?",
                        HeartbeatSql::ping,
                        heartbeat,
                        limit)
                : sql.list(
                        "SELECT " + PING + " FROM heartbeat_ping WHERE heartbeat = ? AND id < ?"
                                + " ORDER BY id DESC LIMIT ?",
                        HeartbeatSql::ping,
                        heartbeat,
                        before,
                        limit);
    }

    /** The soonest due time, for the readiness check to see whether the scheduler keeps up. */
    Optional<Instant> nextDue(Statements sql) {
        return sql.first(
                "SELECT due_at FROM heartbeat_state WHERE due_at IS NOT NULL ORDER BY due_at LIMIT 1",
                rs -> Instant.ofEpochMilli(rs.getLong(1)));
    }

    private static Row row(ResultSet rs) throws SQLException {
        String kind = rs.getString("last_ping_kind");
        String alarm = rs.getString("alarm");
        Object exitCode = rs.getObject("exit_code");
        Object run = rs.getObject("last_run_ms");
        return new Row(
                rs.getString("heartbeat"),
                new HeartbeatState(
                        Times.instantOrNull(rs, "last_ping_at"),
                        kind == null ? null : PingKind.valueOf(kind),
                        Times.instantOrNull(rs, "last_success_at"),
                        Times.instantOrNull(rs, "failed_at"),
                        exitCode == null ? null : ((Number) exitCode).intValue(),
                        Times.instantOrNull(rs, "started_at"),
                        run == null ? null : ((Number) run).longValue(),
                        alarm == null ? null : Heartbeat.Reason.Kind.valueOf(alarm),
                        Times.instantOrNull(rs, "due_at"),
                        rs.getLong("version")),
                rs.getLong("pings"));
    }

    private static LoggedPing ping(ResultSet rs) throws SQLException {
        Object exitCode = rs.getObject("exit_code");
        Object run = rs.getObject("run_ms");
        return new LoggedPing(
                rs.getString("id"),
                Times.instant(rs, "at"),
                PingKind.valueOf(rs.getString("kind")),
                exitCode == null ? null : ((Number) exitCode).intValue(),
                run == null ? null : ((Number) run).longValue(),
                rs.getString("method"),
                rs.getString("source"),
                rs.getString("user_agent"),
                rs.getString("body"));
    }
}
