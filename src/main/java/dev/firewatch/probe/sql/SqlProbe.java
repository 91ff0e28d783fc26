package dev.firewatch.probe.sql;

import com.fasterxml.jackson.databind.node.NullNode;
import dev.firewatch.probe.Observation;
import dev.firewatch.probe.ProbeSpec;
import dev.firewatch.probe.dns.DnsProbe;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Opens a connection with the monitor's JDBC URL, runs its query with a timeout and reads the first column of the
 * first row: {@code [RESULT]}. Each check connects anew, so a database that stops accepting connections fails.
 *
 * <p>The connection is read-only where the driver can make it so (PostgreSQL sessions, SQLite files opened
 * read-only, which also keeps a mistyped path from creating an empty database). The URL's secrets never leave
 * this class: every message passes through {@link JdbcUrls#scrub}.
 *
 * <p>{@code [RESULT]} holds a {@code Long} for whole numbers, a {@code BigDecimal} or {@code Double} for others, a
 * {@code Boolean}, a {@code String} for text and everything else (dates, times), and Jackson's {@code NullNode}
 * for SQL NULL. No row leaves it empty.
 */
public final class SqlProbe {
    /** SQLite's SQLITE_OPEN_READONLY, for sqlite-jdbc's {@code open_mode}. */
    private static final String SQLITE_READ_ONLY = "1";

    public Observation observe(ProbeSpec.Sql spec, Duration timeout, Instant at) {
        long started = System.nanoTime();
        var connection = new AtomicReference<Connection>();
        var answer = new CompletableFuture<Optional<Object>>();
        Thread.ofVirtual().name("sql-probe").start(() -> {
            try {
                answer.complete(query(spec, timeout, connection));
            } catch (SQLException | RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        try {
            Optional<Object> result = answer.get(timeout.toMillis() + 100, TimeUnit.MILLISECONDS);
            return observation(at, started, Optional.empty(), true, result);
        } catch (TimeoutException e) {
            abandon(connection.get());
            String what = connection.get() == null ? "no connection" : "no answer to the query";
            return observation(
                    at,
                    started,
                    Optional.of(what + " from " + where(spec) + " within " + DnsProbe.shown(timeout)),
                    connection.get() != null,
                    Optional.empty());
        } catch (ExecutionException e) {
            boolean connected = connection.get() != null;
            return observation(
                    at,
                    started,
                    Optional.of(message(e.getCause(), spec, connected)),
                    connected || reachedAnyway(e.getCause()),
                    Optional.empty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon(connection.get());
            return observation(at, started, Optional.of("interrupted"), false, Optional.empty());
        }
    }

    private static Optional<Object> query(ProbeSpec.Sql spec, Duration timeout, AtomicReference<Connection> opened)
            throws SQLException {
        try (Connection connection = DriverManager.getConnection(spec.jdbcUrl(), properties(spec, timeout))) {
            opened.set(connection);
            try (Statement statement = connection.createStatement()) {
                statement.setQueryTimeout((int) Math.max(1, (timeout.toMillis() + 999) / 1000));
                statement.setMaxRows(1);
                try (ResultSet rows = statement.executeQuery(spec.query())) {
                    return rows.next() ? Optional.of(value(rows)) : Optional.empty();
                }
            }
        }
    }

    /** Timeouts and read-only mode, in each driver's own words; what the URL itself says wins. */
    private static Properties properties(ProbeSpec.Sql spec, Duration timeout) {
        var properties = new Properties();
        String seconds = String.valueOf(Math.max(1, (timeout.toMillis() + 999) / 1000));
        if (spec.jdbcUrl().startsWith("jdbc:postgresql:")) {
            properties.setProperty("connectTimeout", seconds);
            properties.setProperty("loginTimeout", seconds);
            properties.setProperty("socketTimeout", String.valueOf(Long.parseLong(seconds) + 1));
            properties.setProperty("readOnly", "true");
            properties.setProperty("readOnlyMode", "always");
            properties.setProperty("ApplicationName", "Firewatch monitor");
        } else if (spec.jdbcUrl().startsWith("jdbc:sqlite:")) {
            properties.setProperty("open_mode", SQLITE_READ_ONLY);
        }
        return properties;
    }

    private static Object value(ResultSet rows) throws SQLException {
        Object value = rows.getObject(1);
        return switch (value) {
            case null -> NullNode.getInstance();
            case Integer i -> i.longValue();
            case Short s -> s.longValue();
            case Byte b -> b.longValue();
            case Long l -> l;
            case BigDecimal d -> d;
            case Double d -> d;
            case Float f -> f.doubleValue();
            case Boolean b -> b;
            case String s -> s;
            default -> rows.getString(1);
        };
    }

    /** The driver's message without the URL's secrets, after what was being done. */
    private static String message(Throwable cause, ProbeSpec.Sql spec, boolean connected) {
        String said = cause.getMessage() == null
                ? cause.getClass().getSimpleName()
                : cause.getMessage().strip().replaceAll("\\s+", " ");
        for (Throwable e = cause; e != null && !connected; e = e.getCause()) {
            if (e instanceof java.net.ConnectException) {
                // The driver says "the connection attempt failed"; the socket said why.
                said = "connection refused";
                break;
            }
        }
        String doing = connected ? "the query failed on " : "cannot connect to ";
        return JdbcUrls.scrub(doing + where(spec) + ": " + said, spec.jdbcUrl());
    }

    /**
     * Whether the server was reached though no connection opened: it answered (wrong password, no such
     * database). SQLSTATE class 08 is "connection exception": nothing was reached.
     */
    private static boolean reachedAnyway(Throwable cause) {
        return cause instanceof SQLException e
                && e.getSQLState() != null
                && !e.getSQLState().startsWith("08");
    }

    /** The database's host, or "the database" for a file; never the URL. */
    private static String where(ProbeSpec.Sql spec) {
        return spec.host().isEmpty() ? "the database" : spec.host();
    }

    private static void abandon(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.abort(Runnable::run);
        } catch (SQLException | RuntimeException ignored) {
            // the connection is being given up either way
        }
    }

    private static Observation observation(
            Instant at, long started, Optional<String> error, boolean reached, Optional<Object> result) {
        return new Observation(
                at,
                Duration.ofNanos(System.nanoTime() - started),
                error,
                reached,
                Optional.empty(),
                Map.<String, List<String>>of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                result);
    }
}
