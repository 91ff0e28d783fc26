package dev.firewatch.oncall;

import dev.firewatch.testing.OwnPostgres;
import org.junit.jupiter.api.AfterAll;

/** The on-call API on PostgreSQL: overrides and calendar links are the same SQL on both vendors (DESIGN §4). */
class PostgresOnCallApiTest extends OnCallApiTest {
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
