package dev.firewatch.probe.sql;

import static dev.firewatch.probe.TestMonitors.monitor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.firewatch.probe.Checks;
import dev.firewatch.probe.ProbeResult;
import dev.firewatch.probe.ProbeSpec;
import dev.firewatch.testing.MutableClock;
import dev.firewatch.testing.PostgresDatabases;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQL checks against a real SQLite file and a real PostgreSQL database: "no stuck jobs" and its failures. */
class SqlChecksTest {
    private static final String STUCK = "select count(*) from jobs where state = 'stuck'";
    private static final String PASSWORD = "hunter2-Secret";

    @TempDir
    static Path data;

    static String postgres;

    private final Checks checks = new Checks(MutableClock.at("2026-12-07T12:00:00Z"));

    @BeforeAll
    static void createPostgresDatabase() throws SQLException {
        postgres = PostgresDatabases.create();
        execute(postgres, "create table jobs (id int primary key, state text)", "insert into jobs values (1, 'done')");
    }

    @AfterAll
    static void dropPostgresDatabase() {
        if (postgres != null) {
            PostgresDatabases.drop(postgres);
        }
    }

    @Test
    void noStuckJobsInSqlitePassesAndOneStuckJobFailsWithItsCount() throws SQLException {
        String url = "jdbc:sqlite:" + data.resolve("jobs.db");
        execute(url, "create table jobs (id int primary key, state text)", "insert into jobs values (1, 'done')");

        var healthy = checks.check(monitor(sql(url, STUCK), "[RESULT] == 0"));
        execute(url, "insert into jobs values (2, 'stuck')");
        var stuck = checks.check(monitor(sql(url, STUCK), "[RESULT] == 0"));

        assertThat(healthy.passed()).as(healthy.failure().orElse("")).isTrue();
        assertThat(healthy.evidence()).contains("first column of the first row: 0");
        assertThat(stuck.passed()).isFalse();
        assertThat(stuck.reached()).isTrue();
        assertThat(stuck.failure()).contains("[RESULT] (1) == 0");
    }

    @Test
    void noStuckJobsInPostgresqlPassesAndStuckJobsFail() throws SQLException {
        String url = withPassword(postgres);

        var healthy = checks.check(monitor(sql(url, STUCK), "[RESULT] == 0"));
        execute(postgres, "insert into jobs values (2, 'stuck'), (3, 'stuck')");
        var stuck = checks.check(monitor(sql(url, STUCK), "[RESULT] == 0"));
        execute(postgres, "delete from jobs where state = 'stuck'");

        assertThat(healthy.passed()).as(healthy.failure().orElse("")).isTrue();
        assertThat(stuck.failure()).contains("[RESULT] (2) == 0");
        assertNoSecret(healthy, stuck);
    }

    @Test
    void aPasswordInTheUrlNeverAppearsInAFailure() throws IOException {
        int closed;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        String base = postgres.substring(0, postgres.indexOf('?'));
        var results = List.of(
                checks.check(monitor(sql(withPassword(postgres), "select * from no_such_table"), "[RESULT] == 0")),
                checks.check(monitor(sql(base + "_missing?user=postgres&password=" + PASSWORD, "select 1"))),
                checks.check(monitor(sql(
                        "jdbc:postgresql://127.0.0.1:" + closed + "/x?user=postgres&password=" + PASSWORD,
                        "select 1"))),
                checks.check(monitor(sql(withPassword(postgres) + "&sslmode=" + PASSWORD, "select 1"))));

        assertThat(results).allSatisfy(result -> assertThat(result.passed()).isFalse());
        assertThat(results.get(0).failure().orElseThrow()).startsWith("the query failed on 127.0.0.1: ");
        assertThat(results.get(2).reached()).isFalse();
        assertThat(results.get(2).failure().orElseThrow()).isEqualTo("cannot connect to 127.0.0.1: connection refused");
        assertNoSecret(results.toArray(ProbeResult[]::new));
    }

    @Test
    void aQueryThatOutlastsTheTimeoutFails() {
        var result = checks.check(monitor(sql(postgres, "select pg_sleep(5)"), Duration.ofSeconds(1), "[RESULT] == 0"));

        assertThat(result.passed()).isFalse();
        assertThat(result.reached()).isTrue();
        assertThat(result.responseTime()).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void withoutConditionsAnyRowPassesAndNoRowFails() throws SQLException {
        String url = "jdbc:sqlite:" + data.resolve("rows.db");
        execute(url, "create table t (x int)");

        var none = checks.check(monitor(sql(url, "select x from t")));
        execute(url, "insert into t values (null)");
        var nullRow = checks.check(monitor(sql(url, "select x from t")));

        assertThat(none.passed()).isFalse();
        assertThat(none.failure()).contains("the query returned no row");
        assertThat(none.evidence()).contains("no row");
        assertThat(nullRow.passed()).isTrue();
        assertThat(checks.check(monitor(sql(url, "select x from t"), "[RESULT] == null"))
                        .passed())
                .isTrue();
    }

    @Test
    void aMissingSqliteFileFailsAndIsNotCreated() {
        Path missing = data.resolve("typo.db");

        var result = checks.check(monitor(sql("jdbc:sqlite:" + missing, "select 1")));

        assertThat(result.passed()).isFalse();
        assertThat(result.failure().orElseThrow()).startsWith("cannot connect to the database: ");
        assertThat(Files.exists(missing)).isFalse();
    }

    @Test
    void theMonitorOnlyReads() throws SQLException {
        String url = "jdbc:sqlite:" + data.resolve("readonly.db");
        execute(url, "create table t (x int)");

        var sqlite = checks.check(monitor(sql(url, "insert into t values (1) returning x")));
        var pg = checks.check(monitor(sql(postgres, "insert into jobs values (9, 'new') returning id")));

        assertThat(sqlite.passed()).isFalse();
        assertThat(pg.passed()).isFalse();
        assertThat(pg.failure().orElseThrow()).contains("read-only");
    }

    private static ProbeSpec.Sql sql(String url, String query) {
        String host = url.startsWith("jdbc:postgresql:") ? "127.0.0.1" : "";
        return new ProbeSpec.Sql(url, query, host);
    }

    private static String withPassword(String url) {
        return url + "&password=" + PASSWORD;
    }

    private static void assertNoSecret(ProbeResult... results) {
        for (ProbeResult result : results) {
            assertThat(result.toString()).doesNotContain(PASSWORD).doesNotContainIgnoringCase("hunter2");
        }
    }

    private static void execute(String url, String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
                var statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
