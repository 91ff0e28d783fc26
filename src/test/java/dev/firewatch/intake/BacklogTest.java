package dev.firewatch.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firewatch.alert.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-memory count admission decides on: committed rows the consumer has not reached, without a query. */
class BacklogTest {
    static final Instant AT = Instant.parse("2026-11-23T03:14:15.926Z");

    final Backlog backlog = new Backlog();

    @Test
    void countsCommittedRowsUntilTheConsumerProcessesThem() {
        backlog.committed(rows(30, 10));

        assertThat(backlog.rows()).isEqualTo(40);
        assertThat(backlog.forAlertStages()).isEqualTo(30);
        assertThat(backlog.forDigests()).isEqualTo(10);

        backlog.processed(25, 20);

        assertThat(backlog.rows()).isEqualTo(15);
        assertThat(backlog.forAlertStages()).isEqualTo(10);
        assertThat(backlog.forDigests()).isEqualTo(5);
    }

    @Test
    void eventsAdmittedButNotYetCommittedCountSoConcurrentRequestsSeeThem() {
        backlog.admitting();
        backlog.admitting();

        assertThat(backlog.rows()).isEqualTo(2);

        backlog.committed(rows(2, 0));
        backlog.admitted(2);

        assertThat(backlog.rows()).isEqualTo(2);
        assertThat(backlog.forAlertStages()).isEqualTo(2);
    }

    @Test
    void rowsLeftFromBeforeARestartNeverMakeItNegativeAndCatchingUpMakesItExactAgain() {
        // After a restart the consumer works through 500 rows from before, and the 40 committed since.
        backlog.committed(rows(40, 0));
        backlog.processed(540, 540);
        assertThat(backlog.rows()).isZero();
        Backlog.Mark seen = backlog.mark();
        backlog.caughtUp(seen); // then it found nothing more to read

        backlog.committed(rows(7, 3));

        assertThat(backlog.rows()).as("not 500 rows short any more").isEqualTo(10);
        assertThat(backlog.forAlertStages()).isEqualTo(7);
    }

    static List<Journal.Entry> rows(int forAlertStages, int folded) {
        List<Journal.Entry> rows = new ArrayList<>();
        for (int i = 0; i < forAlertStages + folded; i++) {
            rows.add(new Journal.Entry(
                    "row-" + i, AT, "demo", AdmissionTest.trigger(Severity.WARNING), i >= forAlertStages));
        }
        return rows;
    }
}
