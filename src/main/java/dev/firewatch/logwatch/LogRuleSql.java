package dev.firewatch.logwatch;

import dev.firewatch.store.Statements;
import dev.firewatch.store.Times;
import dev.firewatch.store.Vendor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** The SQL of logwatch's three tables: rule state, evidence lines, and signals waiting to be submitted. */
final class LogRuleSql {
    private static final String COLUMNS =
            "rule, service, kind, definition, state, firing, changed_at, last_change, due_at, version";

    /** A match kept as evidence. */
    record Match(String rule, Instant at, Instant loggedAt, String role, String line) {}

    /** A signal committed with the state change that made it, waiting to be submitted to intake. */
    record Queued(String id, String service, String signal) {}

    private final Vendor vendor;
    private final StateJson json = new StateJson();

    LogRuleSql(Vendor vendor) {
        this.vendor = vendor;
    }

    /** The rule's row; on PostgreSQL locked for this transaction, so concurrent batches for one rule take turns. */
    Optional<StoredRule> find(Statements sql, String rule) {
        String lock = vendor == Vendor.POSTGRESQL ? " FOR UPDATE" : "";
        return sql.first("SELECT " + COLUMNS + " FROM logwatch_rule_state WHERE rule = ?" + lock, this::row, rule);
    }

    /** The rows of these rules, unlocked, for pages. */
    List<StoredRule> read(Statements sql, List<String> rules) {
        if (rules.isEmpty()) {
            return List.of();
        }
        return sql.list(
                "SELECT " + COLUMNS + " FROM logwatch_rule_state WHERE rule IN (" + marks(rules.size()) + ")",
                this::row,
                rules.toArray());
    }

    /** Rows whose time has come, oldest first; on PostgreSQL rows another node holds are skipped, not waited for. */
    List<StoredRule> due(Statements sql, Instant now, int limit) {
        String lock = vendor == Vendor.POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : "";
        return sql.list(
                "SELECT " + COLUMNS + " FROM logwatch_rule_state WHERE due_at IS NOT NULL AND due_at <= ?"
                        + " ORDER BY due_at LIMIT ?" + lock,
                this::row,
                now.toEpochMilli(),
                limit);
    }

    /** The earliest deadline, whether or not it has come. */
    Optional<Instant> nextDue(Statements sql) {
        return sql.first(
                "SELECT due_at FROM logwatch_rule_state WHERE due_at IS NOT NULL ORDER BY due_at LIMIT 1",
                rs -> Instant.ofEpochMilli(rs.getLong(1)));
    }

    /** When the oldest signal still waiting for intake was made. */
    Optional<Instant> oldestQueued(Statements sql) {
        return sql.first(
                "SELECT created_at FROM logwatch_signal ORDER BY id LIMIT 1",
                rs -> Instant.ofEpochMilli(rs.getLong(1)));
    }

    /** Makes the row; false when another transaction made it first. */
    boolean insert(Statements sql, StoredRule row) {
        return sql.update(
                        "INSERT INTO logwatch_rule_state (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)"
                                + " ON CONFLICT (rule) DO NOTHING",
                        row.rule(),
                        row.service(),
                        row.kind(),
                        row.definition(),
                        json.write(row.state()),
                        row.firing() ? 1 : 0,
                        row.changedAt().toEpochMilli(),
                        row.lastChange(),
                        Times.millisOrNull(row.dueAt()))
                > 0;
    }

    /** Writes the row if it is still at the version read; false when someone else wrote it meanwhile. */
    boolean update(Statements sql, StoredRule row, long seen) {
        return sql.update(
                        "UPDATE logwatch_rule_state SET service = ?, kind = ?, definition = ?, state = ?, firing = ?,"
                                + " changed_at = ?, last_change = ?, due_at = ?, version = version + 1"
                                + " WHERE rule = ? AND version = ?",
                        row.service(),
                        row.kind(),
                        row.definition(),
                        json.write(row.state()),
                        row.firing() ? 1 : 0,
                        row.changedAt().toEpochMilli(),
                        row.lastChange(),
                        Times.millisOrNull(row.dueAt()),
                        row.rule(),
                        seen)
                > 0;
    }

    /** Makes every row of a rule no longer configured due now, so the scheduler resolves its alert and drops it. */
    int dueUnless(Statements sql, List<String> configured, Instant now) {
        String unless = configured.isEmpty() ? "" : " AND rule NOT IN (" + marks(configured.size()) + ")";
        Object[] values = new Object[configured.size() + 2];
        values[0] = now.toEpochMilli();
        values[1] = now.toEpochMilli();
        for (int i = 0; i < configured.size(); i++) {
            values[i + 2] = configured.get(i);
        }
        return sql.update(
                "UPDATE logwatch_rule_state SET due_at = ? WHERE (due_at IS NULL OR due_at > ?)" + unless, values);
    }

    void makeDue(Statements sql, String rule, Instant now) {
        sql.update("UPDATE logwatch_rule_state SET due_at = ? WHERE rule = ?", now.toEpochMilli(), rule);
    }

    void delete(Statements sql, String rule) {
        sql.update("DELETE FROM logwatch_match WHERE rule = ?", rule);
        sql.update("DELETE FROM logwatch_rule_state WHERE rule = ?", rule);
    }

    void match(Statements sql, String id, String rule, Instant at, Hit hit) {
        sql.update(
                "INSERT INTO logwatch_match (id, rule, at, logged_at, role, line) VALUES (?, ?, ?, ?, ?, ?)",
                id,
                rule,
                at.toEpochMilli(),
                Times.millisOrNull(hit.line().loggedAt()),
                hit.role().wireName(),
                hit.line().excerpt());
    }

    /**
     * Keeps the rule's newest {@code keep} matches. Called after each batch adds at most {@code keep}, so a prune
     * deletes at most that many rows, found through the index on (rule, id).
     */
    void prune(Statements sql, String rule, int keep) {
        sql.update(
                "DELETE FROM logwatch_match WHERE rule = ? AND id < (SELECT id FROM logwatch_match WHERE rule = ?"
                        + " ORDER BY id DESC LIMIT 1 OFFSET ?)",
                rule,
                rule,
                keep - 1);
    }

    /** The rule's newest matches, oldest first. */
    List<Match> matches(Statements sql, String rule, int limit) {
        List<Match> newest = sql.list(
                "SELECT rule, at, logged_at, role, line FROM logwatch_match WHERE rule = ? ORDER BY id DESC LIMIT ?",
                rs -> new Match(
                        rs.getString(1),
                        Times.instant(rs, "at"),
                        Times.instantOrNull(rs, "logged_at"),
                        rs.getString(4),
                        rs.getString(5)),
                rule,
                limit);
        Collections.reverse(newest);
        return newest;
    }

    void queue(Statements sql, String id, String rule, String service, String signal, Instant at) {
        sql.update(
                "INSERT INTO logwatch_signal (id, rule, service, signal, created_at) VALUES (?, ?, ?, ?, ?)",
                id,
                rule,
                service,
                signal,
                at.toEpochMilli());
    }

    /** The oldest waiting signals, in the order their changes were committed. */
    List<Queued> queued(Statements sql, int limit) {
        return sql.list(
                "SELECT id, service, signal FROM logwatch_signal ORDER BY id LIMIT ?",
                rs -> new Queued(rs.getString(1), rs.getString(2), rs.getString(3)),
                limit);
    }

    void submitted(Statements sql, String id) {
        sql.update("DELETE FROM logwatch_signal WHERE id = ?", id);
    }

    private StoredRule row(ResultSet rs) throws SQLException {
        String kind = rs.getString("kind");
        return new StoredRule(
                rs.getString("rule"),
                rs.getString("service"),
                kind,
                rs.getString("definition"),
                json.read(kind, rs.getString("state")),
                rs.getInt("firing") == 1,
                Times.instant(rs, "changed_at"),
                rs.getString("last_change"),
                Times.instantOrNull(rs, "due_at"),
                rs.getLong("version"));
    }

    private static String marks(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }
}
