package dev.firewatch.oncall;

import dev.firewatch.testing.PostgresDatabases;
import org.junit.jupiter.api.AfterAll;

/** The on-call API on PostgreSQL: overrides and calendar links are the same SQL on both vendors (DESIGN §4). */
class PostgresOnCallApiTest extends OnCallApiTest {
    private String url;

    @Override
    String config() {
        url = PostgresDatabases.create();
        return CONFIG + "store:\n  url: " + url + "\n  pool_size: 4\n";
    }

    @AfterAll
    @Override
    void stop() {
        super.stop();
        if (url != null) {
            PostgresDatabases.drop(url);
        }
    }
}
