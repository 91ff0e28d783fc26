package dev.firewatch.alert;

import dev.firewatch.testing.OwnPostgres;
import org.junit.jupiter.api.AfterAll;

/**
 * Silences, inhibition and maintenance on PostgreSQL, where the alert stages send a batch's first lookup and its
 * silences read in one round trip.
 */
class PostgresSuppressionFlowTest extends SuppressionFlowTest {
    private final OwnPostgres database = new OwnPostgres();

    @Override
    String config() {
        return database.config(CONFIG);
    }

    @AfterAll
    @Override
    void stop() {
        super.stop();
        database.drop();
    }
}
