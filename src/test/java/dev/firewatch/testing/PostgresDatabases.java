package dev.firewatch.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;

/** Throw-away PostgreSQL databases, one per test class, so tests never see each other's rows. */
public final class PostgresDatabases {
    private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

    private PostgresDatabases() {}

    /** Creates an empty database and returns its JDBC URL (through {@code port}, e.g. a proxy's). */
    public static String create(int port) {
        Outside.requirePostgres();
        String name =
                "firewatch_test_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        execute("CREATE DATABASE " + name);
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + name + "?user=postgres";
    }

    public static String create() {
        return create(5432);
    }

    public static void drop(String url) {
        String name = url.replaceAll(".*/([a-z0-9_]+)\\?.*", "$1");
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
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
