package dev.firewatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firewatch.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdsTest {
    @Test
    void idsAreVersion7UuidsCarryingTheirMillisecond() {
        MutableClock clock = MutableClock.at("2026-11-23T03:14:15.926Z");
        UUID id = UUID.fromString(new Ids(clock).next());
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(clock.millis());
    }

    @Test
    void idsMadeInTheSameMillisecondStillSortInOrder() {
        Ids ids = new Ids(MutableClock.at("2026-11-23T03:14:15.926Z"));
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            made.add(ids.next());
        }
        assertThat(made).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aClockThatStepsBackDoesNotReorderIds() {
        MutableClock clock = MutableClock.at("2026-11-23T03:14:15.926Z");
        Ids ids = new Ids(clock);
        String before = ids.next();
        clock.advance(Duration.ofSeconds(-30));
        assertThat(ids.next()).isGreaterThan(before);
    }

    @Test
    void afterARestartWithAClockBehindTheStoredIdsNewIdsStillSortAfterThem() {
        MutableClock before = MutableClock.at("2026-11-23T03:14:15.926Z");
        String newestStored = new Ids(before).next();
        Ids afterRestart = new Ids(MutableClock.at("2026-11-23T03:10:00Z")); // NTP stepped the clock back
        afterRestart.notBefore(newestStored);
        assertThat(afterRestart.next()).isGreaterThan(newestStored);
    }
}
