package dev.firewatch.alert.silence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.firewatch.alert.Labels;
import dev.firewatch.alert.Matchers;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SilenceTest {
    private static final Instant START = Instant.parse("2026-11-23T03:00:00Z");
    private static final Instant END = Instant.parse("2026-11-23T05:00:00Z");
    private static final Silence DISK = new Silence(
            "01JSILENCE",
            Matchers.parse("alertname=DiskFull, instance=~\"db-.*\"").orThrow(),
            START,
            END,
            "alice",
            "resizing the volume");

    @Test
    void isPendingBeforeItStartsActiveFromItsStartAndExpiredFromItsEnd() {
        assertThat(DISK.stateAt(START.minusMillis(1))).isEqualTo(SilenceState.PENDING);
        assertThat(DISK.stateAt(START)).isEqualTo(SilenceState.ACTIVE);
        assertThat(DISK.stateAt(END.minusMillis(1))).isEqualTo(SilenceState.ACTIVE);
        assertThat(DISK.stateAt(END)).isEqualTo(SilenceState.EXPIRED);
    }

    @Test
    void mutesMatchingAlertsOnlyWhileActive() {
        var db1 = Labels.parse("alertname=DiskFull, instance=db-1").orThrow();
        var web1 = Labels.parse("alertname=DiskFull, instance=web-1").orThrow();

        assertThat(DISK.mutes(db1, START.plusSeconds(60))).isTrue();
        assertThat(DISK.mutes(web1, START.plusSeconds(60))).isFalse();
        assertThat(DISK.mutes(db1, START.minusSeconds(60))).isFalse();
        assertThat(DISK.mutes(db1, END)).isFalse();
    }

    @Test
    void expiringAnActiveSilenceEndsItNow() {
        var now = START.plusSeconds(600);

        var expired = DISK.expiredAt(now);

        assertThat(expired.endsAt()).isEqualTo(now);
        assertThat(expired.stateAt(now)).isEqualTo(SilenceState.EXPIRED);
        assertThat(expired.startsAt()).isEqualTo(START);
    }

    @Test
    void expiringAPendingSilenceMeansItNeverMutes() {
        var now = START.minusSeconds(600);

        var expired = DISK.expiredAt(now);

        assertThat(expired.stateAt(now)).isEqualTo(SilenceState.EXPIRED);
        assertThat(expired.stateAt(START)).isEqualTo(SilenceState.EXPIRED);
    }

    @Test
    void reportsEveryProblemWithANewSilenceAtOnce() {
        assertThat(Silence.problems(Matchers.parse("team=~\".*\", env!=prod").orThrow(), END, START))
                .containsExactly(
                        "every matcher of {team=~\".*\", env!=\"prod\"} also matches alerts without that label, so"
                                + " the silence would mute nearly everything; add one that needs a value, like"
                                + " alertname=\"DiskFull\"",
                        "a silence must end after it starts; it starts at 2026-11-23T05:00:00Z and ends at"
                                + " 2026-11-23T03:00:00Z");
        assertThat(Silence.problems(Matchers.ANY, START, END))
                .containsExactly("a silence needs at least one matcher, like alertname=\"DiskFull\"");
        assertThat(Silence.problems(DISK.matchers(), START, END)).isEmpty();
    }

    @Test
    void cannotBeBuiltWithoutMatchers() {
        assertThatThrownBy(() -> new Silence("x", Matchers.ANY, START, END, "alice", ""))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
