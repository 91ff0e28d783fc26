package dev.firewatch.alert;

import dev.firewatch.testing.PostgresDatabases;
import org.junit.jupiter.api.AfterAll;

/**
 * Silences, inhibition and maintenance on PostgreSQL, where the alert stages send a batch's first lookup and its
 * silences read in one round trip.
 */
class PostgresSuppressionFlowTest extends SuppressionFlowTest {
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
