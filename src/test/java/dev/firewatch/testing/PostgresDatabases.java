package dev.firewatch.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Throw-away PostgreSQL databases, one per test class, so tests never see each other's rows. A test drops its own
 * when it is done; whatever a test does not drop, because it forgot or failed first, {@link DropLeftoverDatabases}
 * drops when the test run ends, so no run leaves a {@code firewatch_test_*} database behind.
 */
public final class PostgresDatabases {
    private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

    // Static because create() is called from static config builders with no test context to hand it to.
    private static final Set<String> NOT_DROPPED = ConcurrentHashMap.newKeySet();

    private PostgresDatabases() {}

    /** Creates an empty database and returns its JDBC URL (through {@code port}, e.g. a proxy's). */
    public static String create(int port) {
        Outside.requirePostgres();
        String name =
                "firewatch_test_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        execute("CREATE DATABASE " + name);
        NOT_DROPPED.add(name);
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + name + "?user=postgres";
    }

    public static String create() {
        return create(5432);
    }

    public static void drop(String url) {
        dropNamed(url.replaceAll(".*/([a-z0-9_]+)\\?.*", "$1"));
    }

    /** Drops every database created and not yet dropped, trying them all before reporting those that failed. */
    static void dropLeftovers() {
        List<String> failures = new ArrayList<>();
        for (String name : List.copyOf(NOT_DROPPED)) {
            try {
                dropNamed(name);
            } catch (IllegalStateException e) {
                failures.add(e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("test databases left behind: " + failures);
        }
    }

    private static void dropNamed(String name) {
        // FORCE ends the connections a server under test may still hold, which would otherwise block the drop.
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        NOT_DROPPED.remove(name);
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(ADMIN_URL);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
