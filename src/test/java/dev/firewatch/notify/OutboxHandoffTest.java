package dev.firewatch.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.firewatch.store.Ids;
import dev.firewatch.store.Migrations;
import dev.firewatch.store.Statements;
import dev.firewatch.store.Store;
import dev.firewatch.store.StoreSpec;
import dev.firewatch.testing.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A page due at once leaves straight from the commit that queued it, claimed in that commit, so no second
 * transaction stands between an incident and its page; and only from a commit that is on disk, so a page never
 * leaves for work a power failure could undo. What the sender is handed here is what a started
 * {@link OutboxWorker} sends.
 */
class OutboxHandoffTest {
    static final Duration LEASE = Duration.ofSeconds(25);

    @TempDir
    Path dir;

    final MutableClock clock = MutableClock.at("2026-12-07T03:00:00Z");
    final List<Outbox.Claimed> handedOff = new CopyOnWriteArrayList<>();
    Store store;
    Outbox outbox;

    StoreSpec spec() {
        return new StoreSpec("", 4);
    }

    @BeforeEach
    void open() {
        store = Store.open(spec(), dir, new SimpleMeterRegistry());
        assertThat(new Migrations(store).migrate()).isTrue();
        outbox = new Outbox(store, new Ids(clock));
        outbox.handOffTo(new Outbox.Handoff() {
            @Override
            public Duration lease() {
                return LEASE;
            }

            @Override
            public void send(Outbox.Claimed claimed) {
                handedOff.add(claimed);
            }
        });
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aPageDueNowIsHandedToTheSenderAfterItsCommitAlreadyClaimed() {
        Instant now = clock.instant();
        store.write(tx -> {
            try (Statements sql = Statements.over(tx)) {
                outbox.enqueue(sql, page("p1", now), now);
                assertThat(handedOff).as("nothing leaves before the commit").isEmpty();
                return null;
            }
        });

        assertThat(handedOff).singleElement().satisfies(claimed -> {
            assertThat(claimed.entry().idempotencyKey()).isEqualTo("p1");
            assertThat(claimed.attempt()).isEqualTo(1);
        });
        // The outbox thread's claim finds nothing: the row is leased to the send already under way.
        assertThat(claimNow(now)).isEmpty();
        assertThat(outbox.ofIncident("inc-1", 10)).singleElement().satisfies(row -> {
            assertThat(row.attempts()).isEqualTo(1);
            assertThat(row.dueAt()).isEqualTo(now.plus(LEASE));
        });
        // If that send's outcome is never recorded (a crash), the lease running out sends it again.
        assertThat(claimNow(now.plus(LEASE)))
                .extracting(Outbox.Claimed::attempt)
                .containsExactly(2);
    }

    @Test
    void aTransactionThatRollsBackPagesNobody() {
        Instant now = clock.instant();
        assertThatThrownBy(() -> store.write(tx -> {
                    try (Statements sql = Statements.over(tx)) {
                        outbox.enqueue(sql, page("p1", now), now);
                        throw new IllegalStateException("the step failed after queuing its page");
                    }
                }))
                .hasMessageContaining("the step failed");

        assertThat(handedOff).isEmpty();
        assertThat(outbox.ofIncident("inc-1", 10)).isEmpty();
    }

    @Test
    void aCommitThatMayBeLostToAPowerFailureLeavesItsPageToTheClaimThatSyncsFirst() {
        Instant now = clock.instant();
        store.writeReplayable(tx -> {
            try (Statements sql = Statements.over(tx)) {
                return outbox.enqueue(sql, page("p1", now), now);
            }
        });

        assertThat(handedOff).isEmpty();
        assertThat(claimNow(now)).extracting(c -> c.entry().idempotencyKey()).containsExactly("p1");
    }

    @Test
    void aPageForLaterWaitsForItsTimeAndTheSameKeyTwiceLeavesOnce() {
        Instant now = clock.instant();
        store.write(tx -> {
            try (Statements sql = Statements.over(tx)) {
                outbox.enqueue(sql, page("email-after-10s", now.plusSeconds(10)), now);
                outbox.enqueue(sql, page("p1", now), now);
                outbox.enqueue(sql, page("p1", now), now);
                return null;
            }
        });

        assertThat(handedOff).extracting(c -> c.entry().idempotencyKey()).containsExactly("p1");
        assertThat(claimNow(now.plusSeconds(10)))
                .extracting(c -> c.entry().idempotencyKey())
                .containsExactly("email-after-10s");
    }

    private List<Outbox.Claimed> claimNow(Instant at) {
        return store.write(tx -> {
            try (Statements sql = Statements.over(tx)) {
                return outbox.claim(sql, at, LEASE, 10);
            }
        });
    }

    private static OutboxEntry page(String key, Instant due) {
        return new OutboxEntry(
                key,
                "inc-1",
                "incident.triggered",
                OutboxEntry.RecipientKind.USER,
                "alice",
                "phone",
                "{\"event\":\"incident.triggered\"}",
                true,
                due);
    }
}
