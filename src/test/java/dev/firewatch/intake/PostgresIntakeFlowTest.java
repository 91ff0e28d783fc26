package dev.firewatch.intake;

import dev.firewatch.testing.PostgresDatabases;
import dev.firewatch.testing.TestFirewatch;
import org.junit.jupiter.api.AfterAll;

/** The whole intake flow on PostgreSQL: the alert stages' SQL must hold on both vendors (DESIGN §4). */
class PostgresIntakeFlowTest extends IntakeFlowTest {
    private String url;

    @Override
    String config() {
        url = PostgresDatabases.create();
        return TestFirewatch.BASE_CONFIG + "store:\n  url: " + url + "\n  pool_size: 4\n";
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
