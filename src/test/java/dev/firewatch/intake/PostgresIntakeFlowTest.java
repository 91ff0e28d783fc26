package dev.firewatch.intake;

import dev.firewatch.testing.OwnPostgres;
import dev.firewatch.testing.TestFirewatch;
import org.junit.jupiter.api.AfterAll;

/** The whole intake flow on PostgreSQL: the alert stages' SQL must hold on both vendors (DESIGN §4). */
class PostgresIntakeFlowTest extends IntakeFlowTest {
    private final OwnPostgres database = new OwnPostgres();

    @Override
    String config() {
        return database.config(TestFirewatch.BASE_CONFIG);
    }

    @AfterAll
    @Override
    void stop() {
        super.stop();
        database.drop();
    }
}
