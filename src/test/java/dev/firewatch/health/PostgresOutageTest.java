package dev.firewatch.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firewatch.testing.Eventually;
import dev.firewatch.testing.PostgresDatabases;
import dev.firewatch.testing.TcpProxy;
import dev.firewatch.testing.TestFirewatch;
import dev.firewatch.testing.TestHttp;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL goes away and comes back. Firewatch keeps running, says on /readyz that the database is the
 * problem, and recovers by itself. The outage is a loopback proxy being cut, not the real server stopping.
 */
class PostgresOutageTest {
    @TempDir
    Path dir;

    TcpProxy proxy;
    String url;

    @BeforeEach
    void database() throws Exception {
        proxy = new TcpProxy(5432);
        url = PostgresDatabases.create(proxy.port());
    }

    @AfterEach
    void drop() throws Exception {
        proxy.close();
        PostgresDatabases.drop(url);
    }

    private String config() {
        return TestFirewatch.BASE_CONFIG + "store:\n  url: " + url + "\n  pool_size: 2\n";
    }

    @Test
    void aServerWhoseDatabaseIsDownAtBootStartsAnywayAndCatchesUp() throws Exception {
        try (TestFirewatch firewatch = TestFirewatch.startWithoutWaiting(dir, config(), Clock.systemUTC(), Map.of())) {
            TestHttp http = firewatch.http();
            HttpResponse<String> down = http.get("/readyz");
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body())
                    .contains("\"database\":{\"status\":\"failing\"")
                    .contains("PostgreSQL");
            assertThat(http.get("/healthz").statusCode())
                    .as("alive while not ready")
                    .isEqualTo(200);

            proxy.up();
            Eventually.within(Duration.ofSeconds(30), () -> http.get("/readyz"), r -> r.statusCode() == 200);
            assertThat(http.get("/readyz").body()).containsPattern("schema v\\d+");
            assertThat(http.signIn("admin", TestFirewatch.ADMIN_PASSWORD).statusCode())
                    .as("the first admin was created once the schema was there")
                    .isEqualTo(303);
        }
    }

    @Test
    void readinessNamesTheDatabaseWhileItIsGoneAndRecoversWhenItIsBack() throws Exception {
        proxy.up();
        try (TestFirewatch firewatch = TestFirewatch.start(dir, config(), Clock.systemUTC(), Map.of())) {
            TestHttp http = firewatch.http();
            assertThat(http.get("/readyz").statusCode()).isEqualTo(200);

            proxy.down();
            HttpResponse<String> gone =
                    Eventually.within(Duration.ofSeconds(15), () -> http.get("/readyz"), r -> r.statusCode() == 503);
            assertThat(gone.body())
                    .contains("\"database\":{\"status\":\"failing\"")
                    .contains("does not answer");
            assertThat(http.get("/healthz").statusCode()).isEqualTo(200);

            proxy.up();
            Eventually.within(Duration.ofSeconds(30), () -> http.get("/readyz"), r -> r.statusCode() == 200);
        }
    }
}
