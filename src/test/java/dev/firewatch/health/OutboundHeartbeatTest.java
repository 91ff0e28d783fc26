package dev.firewatch.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firewatch.testing.Eventually;
import dev.firewatch.testing.PostgresDatabases;
import dev.firewatch.testing.TcpProxy;
import dev.firewatch.testing.TestFirewatch;
import dev.firewatch.testing.WebhookReceiver;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outside dead-man's switch hears from Firewatch while it is healthy and stops hearing when it cannot do its
 * job: here the database goes away (through a proxy that is cut), the pings stop, and they resume when it is
 * back.
 */
class OutboundHeartbeatTest {
    @Test
    void pingsWhileHealthyAndStopsWhileTheStoreIsGone(@TempDir Path dir) throws Exception {
        try (TcpProxy proxy = new TcpProxy(5432);
                WebhookReceiver watcher = new WebhookReceiver()) {
            String url = PostgresDatabases.create(proxy.port());
            proxy.up();
            String config = TestFirewatch.BASE_CONFIG + "store:\n  url: " + url + "\n  pool_size: 2\n"
                    + "outbound_heartbeat:\n  url: " + watcher.url("/ping/firewatch") + "\n  interval: 1s\n";
            try (TestFirewatch firewatch = TestFirewatch.start(dir, config, Clock.systemUTC(), Map.of())) {
                watcher.await(pings -> pings.size() >= 2);
                assertThat(watcher.received())
                        .allSatisfy(ping -> assertThat(ping.path()).isEqualTo("/ping/firewatch"));

                proxy.down();
                Eventually.within(
                        Duration.ofSeconds(15), () -> firewatch.http().get("/readyz"), r -> r.statusCode() == 503);
                Thread.sleep(1500); // a beat that started before the outage may still land
                int before = watcher.received().size();
                Thread.sleep(3000); // three intervals without a ping
                assertThat(watcher.received())
                        .as("no pings while the store is gone")
                        .hasSize(before);

                proxy.up();
                watcher.await(pings -> pings.size() > before);
            } finally {
                proxy.up();
                PostgresDatabases.drop(url);
            }
        }
    }
}
