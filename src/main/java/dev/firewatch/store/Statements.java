package dev.firewatch.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;

/**
 * Prepared statements kept for the length of one transaction, for code that runs the same few statements for
 * every row of a batch (the alert stages). Preparing is not free: in the intake profile, SQLite spent as long
 * preparing each statement again per alert as running it, and JDBI's per-statement set-up cost as much
 * again. Here each distinct SQL text is prepared once per transaction and bound with {@code ?} parameters.
 *
 * <p>Values bind by type: {@code String}, {@code Long}/{@code Integer}, {@code Boolean}, or null.
 *
 * <p>Writes that nothing reads back in the transaction (timeline and history lines) can wait ({@link #later}) and
 * go as one JDBC batch per SQL text: on PostgreSQL every statement is a round trip, and a batch of alerts would
 * otherwise pay one per line.
 */
public final class Statements implements AutoCloseable {
    /** Reads one row. */
    @FunctionalInterface
    public interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** A statement failed; the message names the SQL, never the values (they may hold secrets). */
    public static final class Failed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failed(String sql, SQLException cause) {
            super("SQL failed: " + cause.getMessage() + " in: " + sql, cause);
        }
    }

    /**
     * SQLite statements kept prepared between transactions, by physical connection. A lone alert's way to its page
     * runs about twenty statements in one transaction, and SQLite parsed and planned each again every time: in a
     * JFR profile of lone triggers, a quarter of the journal consumer's time in SQLite's native code was spent
     * preparing. PostgreSQL's driver keeps its own prepared statements on the server. A statement is taken out
     * while a transaction uses it and put back after, so two {@code Statements} on one connection never share one.
     */
    private static final Map<Connection, Map<String, PreparedStatement>> KEPT = new ConcurrentHashMap<>();

    /** At most this many statements are kept per connection; more are closed as before. */
    private static final int KEPT_PER_CONNECTION = 256;

    private final Handle handle;
    private final Connection connection;
    /** The SQLite connection under the pool's wrapper, whose statements outlive a checkout; null on PostgreSQL. */
    private final Connection sqlite;
    /** This connection's kept statements; null on PostgreSQL. */
    private final Map<String, PreparedStatement> kept;

    private final Map<String, PreparedStatement> prepared = new HashMap<>();
    private final Set<String> once = new HashSet<>();
    /**
     * At most this many queued rows go to PostgreSQL as one string of statements; more go as a JDBC batch per SQL
     * text (rewritten to multi-row inserts), so the texts the driver caches stay few.
     */
    private static final int ONE_STRING = 32;

    /** Writes waiting for {@link #flush}, by SQL text in the order each text was first queued. */
    private final Map<String, List<Object[]>> waiting = new LinkedHashMap<>();

    private Statements(Handle handle) {
        this.handle = handle;
        this.connection = handle.getConnection();
        try {
            // The physical connection: statements made through the pool's wrapper are closed when it is returned.
            this.sqlite = connection.isWrapperFor(org.sqlite.SQLiteConnection.class)
                    ? connection.unwrap(org.sqlite.SQLiteConnection.class)
                    : null;
        } catch (SQLException e) {
            throw new Failed("finding the connection's vendor", e);
        }
        this.kept = sqlite == null ? null : KEPT.computeIfAbsent(sqlite, Statements::keptFor);
    }

    /** A new connection's kept statements, after dropping those of connections the pool has closed meanwhile. */
    private static Map<String, PreparedStatement> keptFor(Connection connection) {
        KEPT.keySet().removeIf(Statements::closed);
        return new ConcurrentHashMap<>();
    }

    private static boolean closed(Connection connection) {
        try {
            return connection.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    /** Statements on the transaction's connection; close before the transaction ends. */
    public static Statements over(Handle tx) {
        return new Statements(tx);
    }

    /** The transaction, for the rare statement that is not worth keeping. */
    public Handle handle() {
        return handle;
    }

    /**
     * True the first time a key is asked in this transaction, for work done once per transaction however many
     * rows need it (taking a lock, say).
     */
    public boolean firstTime(String key) {
        return once.add(key);
    }

    public int update(String sql, Object... values) {
        try {
            return bound(sql, values).executeUpdate();
        } catch (SQLException e) {
            throw new Failed(sql, e);
        }
    }

    /**
     * Queues a write whose count nobody needs and whose row nothing in this transaction reads back before
     * {@link #flush} (which {@link #close} does): it is sent with the other writes of the same SQL in one batch.
     * Rows of one SQL text go in the order they were queued; different texts go in the order each was first queued.
     */
    public void later(String sql, Object... values) {
        waiting.computeIfAbsent(sql, text -> new ArrayList<>()).add(values);
    }

    /**
     * Sends the queued writes. On PostgreSQL a few rows go as one string of statements, which the driver sends in one
     * round trip; otherwise one statement for a lone row, else one JDBC batch per SQL text.
     */
    public void flush() {
        if (waiting.isEmpty()) {
            return;
        }
        List<Map.Entry<String, List<Object[]>>> queued = List.copyOf(waiting.entrySet());
        waiting.clear();
        int total = queued.stream().mapToInt(entry -> entry.getValue().size()).sum();
        if (total > 1 && total <= ONE_STRING && onPostgres()) {
            StringBuilder text = new StringBuilder();
            List<Object> values = new ArrayList<>();
            for (Map.Entry<String, List<Object[]>> entry : queued) {
                for (Object[] row : entry.getValue()) {
                    text.append(text.isEmpty() ? "" : ";\n").append(entry.getKey());
                    values.addAll(java.util.Arrays.asList(row));
                }
            }
            update(text.toString(), values.toArray());
            return;
        }
        for (Map.Entry<String, List<Object[]>> entry : queued) {
            String sql = entry.getKey();
            List<Object[]> rows = entry.getValue();
            try {
                if (rows.size() == 1) {
                    bound(sql, rows.getFirst()).executeUpdate();
                    continue;
                }
                PreparedStatement statement = null;
                for (Object[] row : rows) {
                    statement = bound(sql, row);
                    statement.addBatch();
                }
                statement.executeBatch();
            } catch (SQLException e) {
                throw new Failed(sql, e);
            }
        }
    }

    private boolean onPostgres() {
        return sqlite == null; // the two vendors the store speaks
    }

    /** Drops the queued writes: the work that queued them was rolled back to a savepoint. */
    public void discardLater() {
        waiting.clear();
    }

    public <T> Optional<T> first(String sql, Row<T> row, Object... values) {
        try (ResultSet rs = bound(sql, values).executeQuery()) {
            return rs.next() ? Optional.of(row.map(rs)) : Optional.empty();
        } catch (SQLException e) {
            throw new Failed(sql, e);
        }
    }

    public <T> List<T> list(String sql, Row<T> row, Object... values) {
        try {
            return rows(bound(sql, values).executeQuery(), row);
        } catch (SQLException e) {
            throw new Failed(sql, e);
        }
    }

    /** A read described, not yet sent: for {@link #both}, or for code that decides where it runs. */
    public record Query<T>(String sql, Row<T> row, Object... values) {}

    /** What {@link #both} read: the first query's rows, then the second's. */
    public record Both<A, B>(List<A> first, List<B> second) {}

    public <T> List<T> list(Query<T> query) {
        return list(query.sql(), query.row(), query.values());
    }

    /**
     * Two reads sent together: on PostgreSQL one round trip instead of two (the driver sends both before it waits),
     * elsewhere one after the other. The second runs after the first has finished, with a snapshot of its own, so
     * it sees what a lock the first waited for was guarding. Like {@link #list}, this does not {@link #flush}.
     */
    public <A, B> Both<A, B> both(Query<A> first, Query<B> second) {
        if (!onPostgres()) {
            return new Both<>(list(first), list(second));
        }
        String text = first.sql() + ";\n" + second.sql();
        Object[] values = new Object[first.values().length + second.values().length];
        System.arraycopy(first.values(), 0, values, 0, first.values().length);
        System.arraycopy(second.values(), 0, values, first.values().length, second.values().length);
        try {
            PreparedStatement statement = bound(text, values);
            statement.execute();
            List<A> firstRows = rows(statement.getResultSet(), first.row());
            statement.getMoreResults();
            return new Both<>(firstRows, rows(statement.getResultSet(), second.row()));
        } catch (SQLException e) {
            throw new Failed(text, e);
        }
    }

    private static <T> List<T> rows(ResultSet results, Row<T> row) throws SQLException {
        try (ResultSet rs = results) {
            List<T> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(row.map(rs));
            }
            return rows;
        }
    }

    private PreparedStatement bound(String sql, Object[] values) throws SQLException {
        PreparedStatement statement = prepared.get(sql);
        if (statement == null) {
            statement = kept == null ? null : kept.remove(sql);
            if (statement == null) {
                statement = (sqlite != null ? sqlite : connection).prepareStatement(sql);
            }
            prepared.put(sql, statement);
        }
        for (int i = 0; i < values.length; i++) {
            switch (values[i]) {
                case null -> statement.setNull(i + 1, Types.NULL);
                case String text -> statement.setString(i + 1, text);
                case Long number -> statement.setLong(i + 1, number);
                case Integer number -> statement.setLong(i + 1, number);
                case Boolean flag -> statement.setBoolean(i + 1, flag);
                default ->
                    throw new IllegalArgumentException(
                            "cannot bind a " + values[i].getClass().getSimpleName() + " in: " + sql);
            }
        }
        return statement;
    }

    /** Sends what {@link #later} queued, then closes the statements. */
    @Override
    public void close() {
        try {
            flush();
        } finally {
            closeStatements();
        }
    }

    /** Puts a SQLite statement back for the next transaction on this connection; false when it is to be closed. */
    private boolean keep(String sql, PreparedStatement statement) throws SQLException {
        if (kept == null || kept.size() >= KEPT_PER_CONNECTION || sqlite.isClosed()) {
            return false;
        }
        statement.clearBatch();
        statement.clearParameters();
        return kept.putIfAbsent(sql, statement) == null;
    }

    private void closeStatements() {
        SQLException first = null;
        for (Map.Entry<String, PreparedStatement> entry : prepared.entrySet()) {
            PreparedStatement statement = entry.getValue();
            try {
                if (keep(entry.getKey(), statement)) {
                    continue;
                }
                statement.close();
            } catch (SQLException e) {
                first = first == null ? e : first;
            }
        }
        prepared.clear();
        if (first != null) {
            throw new Failed("closing prepared statements", first);
        }
    }
}
