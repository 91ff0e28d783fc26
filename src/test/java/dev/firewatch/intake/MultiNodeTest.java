package dev.firewatch.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firewatch.auth.Role;
import dev.firewatch.testing.Eventually;
import dev.firewatch.testing.PostgresDatabases;
import dev.firewatch.testing.TestFirewatch;
import dev.firewatch.testing.TestHttp;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A team runs several nodes on one PostgreSQL database (DESIGN, first paragraph). Both nodes take events at
 * once and both run the alert stages: every accepted event must become exactly one alert, none skipped
 * because another node's journal commit landed with an earlier id, none processed twice, no incident doubled.
 */
class MultiNodeTest {
    static final int SENDERS_PER_NODE = 8;
    static final int EVENTS_PER_SENDER = 60;

    @Test
    void twoNodesOnOneDatabaseTurnEveryAcceptedEventIntoExactlyOneAlert(@TempDir Path dir) throws Exception {
        String url = PostgresDatabases.create();
        java.nio.file.Files.createDirectories(dir.resolve("one"));
        java.nio.file.Files.createDirectories(dir.resolve("two"));
        String config = TestFirewatch.BASE_CONFIG + "store:\n  url: " + url + "\n  pool_size: 4\n";
        try (TestFirewatch one = TestFirewatch.start(dir.resolve("one"), config, Clock.systemUTC(), Map.of());
                TestFirewatch two = TestFirewatch.start(dir.resolve("two"), config, Clock.systemUTC(), Map.of())) {
            ConcurrentLinkedQueue<String> accepted = new ConcurrentLinkedQueue<>();
            List<Future<?>> senders = new ArrayList<>();
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (TestFirewatch node : List.of(one, two)) {
                    for (int s = 0; s < SENDERS_PER_NODE; s++) {
                        String sender = node.base().hashCode() + "-" + s;
                        senders.add(pool.submit(() -> send(node.http(), sender, accepted)));
                    }
                }
                for (Future<?> sender : senders) {
                    sender.get();
                }
            }
            int expected = 2 * SENDERS_PER_NODE * EVENTS_PER_SENDER;
            assertThat(accepted).hasSize(expected);

            Eventually.within(
                    Duration.ofSeconds(30),
                    () -> count(url, "SELECT count(*) FROM alert_alert"),
                    alerts -> alerts == expected);
            assertThat(count(url, "SELECT count(*) FROM incident_incident"))
                    .as("one incident per alert: no event was processed twice")
                    .isEqualTo(expected);
            assertThat(count(url, "SELECT count(*) FROM intake_failed"))
                    .as("no journal row set aside")
                    .isZero();
            assertThat(count(url, "SELECT count(*) FROM alert_alert WHERE count <> 1"))
                    .as("no alert counted twice")
                    .isZero();
            TestHttp api = two.http().withKey(two.key(Role.VIEWER));
            assertThat(api.getJson("/api/v1/incidents?limit=1")
                            .path("incidents")
                            .size())
                    .isEqualTo(1);
        } finally {
            PostgresDatabases.drop(url);
        }
    }

    private static void send(TestHttp node, String sender, ConcurrentLinkedQueue<String> accepted) {
        for (int i = 0; i < EVENTS_PER_SENDER; i++) {
            String key = "node-" + sender + "-" + i;
            var response = node.postJson("/v2/enqueue", """
                    {"routing_key": "demo-key", "event_action": "trigger", "dedup_key": "%s",
                     "payload": {"summary": "Event %s", "source": "load", "severity": "error"}}""".formatted(key, key));
            if (response.statusCode() == 202) {
                accepted.add(key);
            }
        }
    }

    private static long count(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
