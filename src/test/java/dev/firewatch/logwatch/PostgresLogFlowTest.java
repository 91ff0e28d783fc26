package dev.firewatch.logwatch;

import dev.firewatch.testing.PostgresDatabases;
import org.junit.jupiter.api.AfterAll;

/** The log rules flow on PostgreSQL: the rule state's SQL, its row locks and its claims must hold there too. */
class PostgresLogFlowTest extends LogFlowTest {
    @Override
    String store() {
        String url = PostgresDatabases.create();
        databases.add(url);
        return "store:\n  url: " + url + "\n  pool_size: 4\n";
    }

    @AfterAll
    @Override
    void stop() {
        super.stop();
        databases.forEach(PostgresDatabases::drop);
    }
}
