package dev.firewatch.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firewatch.alert.Severity;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The status model with the time passed in: what a heartbeat is at each instant, and what its alert hears. */
class HeartbeatTest {
    static final Instant T = Instant.parse("2026-12-07T02:00:00Z");

    static HeartbeatSpec spec(HeartbeatSpec.Schedule schedule, Duration grace, Duration maxRuntime) {
        return new HeartbeatSpec(
                "nightly-backup",
                UUID.fromString("6f1b7c1e-2d3a-4b5c-8d9e-0f1a2b3c4d5e"),
                "demo",
                Severity.ERROR,
                schedule,
                grace,
                maxRuntime,
                Map.of(),
                Map.of());
    }

    static Heartbeat hourly() {
        return new Heartbeat(
                spec(new HeartbeatSpec.Every(Duration.ofHours(1)), Duration.ofMinutes(10), Duration.ofMinutes(30)),
                HeartbeatState.NEVER_PINGED);
    }

    static Ping ping(Instant at, PingKind kind, Integer exitCode) {
        return new Ping(at, kind, exitCode, "", "GET", "127.0.0.1", "curl/8");
    }

    /** Applies pings in turn, as the store would keep the state between them. */
    static Heartbeat after(Heartbeat heartbeat, Ping... pings) {
        Heartbeat current = heartbeat;
        for (Ping p : pings) {
            current = new Heartbeat(current.spec(), current.receive(p).state());
        }
        return current;
    }

    @Nested
    class PeriodAndGrace {
        @Test
        void neverPingedIsNewAndNothingIsDue() {
            Heartbeat heartbeat = hourly();

            assertThat(heartbeat.statusAt(T.plus(Duration.ofDays(30)))).isEqualTo(HeartbeatStatus.NEW);
            assertThat(heartbeat.downAt()).isEmpty();
        }

        @Test
        void upUntilThePeriodEndsThenGraceThenDownWithTheTimesInTheReason() {
            Heartbeat heartbeat = after(hourly(), ping(T, PingKind.SUCCESS, null));

            assertThat(heartbeat.statusAt(T.plus(Duration.ofMinutes(59)))).isEqualTo(HeartbeatStatus.UP);
            assertThat(heartbeat.statusAt(T.plus(Duration.ofMinutes(60)))).isEqualTo(HeartbeatStatus.GRACE);
            assertThat(heartbeat.statusAt(T.plus(Duration.ofMinutes(69)))).isEqualTo(HeartbeatStatus.GRACE);
            assertThat(heartbeat.statusAt(T.plus(Duration.ofMinutes(70)))).isEqualTo(HeartbeatStatus.DOWN);
            assertThat(heartbeat.downAt()).contains(T.plus(Duration.ofMinutes(70)));
            assertThat(heartbeat
                            .downBecause(T.plus(Duration.ofMinutes(70)))
                            .orElseThrow()
                            .summary("nightly-backup"))
                    .isEqualTo("Heartbeat nightly-backup is late: last ping 2026-12-07 02:00:00 UTC, expected by"
                            + " 2026-12-07 03:00:00 UTC (+10m grace)");
        }

        @Test
        void theSchedulerRaisesTheAlertOnceAndTheNextSuccessClearsIt() {
            Heartbeat pinged = after(hourly(), ping(T, PingKind.SUCCESS, null));

            Heartbeat.Step late = pinged.check(T.plus(Duration.ofMinutes(70)));
            assertThat(late.tell()).isInstanceOf(Heartbeat.Raise.class);
            assertThat(late.state().alarm()).isEqualTo(Heartbeat.Reason.Kind.LATE);
            assertThat(late.state().dueAt()).as("nothing more to wait for").isNull();
            Heartbeat down = new Heartbeat(pinged.spec(), late.state());
            assertThat(down.check(T.plus(Duration.ofMinutes(71))).tell()).isInstanceOf(Heartbeat.Nothing.class);

            Heartbeat.Step back = down.receive(ping(T.plus(Duration.ofMinutes(75)), PingKind.SUCCESS, null));
            assertThat(back.tell()).isInstanceOf(Heartbeat.Clear.class);
            assertThat(back.state().alarm()).isNull();
            assertThat(back.state().dueAt()).isEqualTo(T.plus(Duration.ofMinutes(145)));
        }

        @Test
        void aSuccessWhileUpTellsTheAlertNothing() {
            Heartbeat.Step step = after(hourly(), ping(T, PingKind.SUCCESS, null))
                    .receive(ping(T.plus(Duration.ofMinutes(50)), PingKind.SUCCESS, null));

            assertThat(step.tell()).isInstanceOf(Heartbeat.Nothing.class);
        }

        @Test
        void aDueTimeThatCameBeforeALongerPeriodInTheConfigIsMovedNotRaised() {
            Heartbeat pinged = after(hourly(), ping(T, PingKind.SUCCESS, null));
            Heartbeat longer = new Heartbeat(
                    spec(new HeartbeatSpec.Every(Duration.ofHours(2)), Duration.ofMinutes(10), Duration.ofMinutes(30)),
                    pinged.state());

            Heartbeat.Step step = longer.check(T.plus(Duration.ofMinutes(70)));

            assertThat(step.tell()).isInstanceOf(Heartbeat.Nothing.class);
            assertThat(step.state().dueAt()).isEqualTo(T.plus(Duration.ofMinutes(130)));
        }
    }

    @Nested
    class StartWithoutFinish {
        @Test
        void aStartIsStartedUntilTheMaxRunTimeThenDownSayingItNeverFinished() {
            Heartbeat heartbeat = after(
                    hourly(), ping(T, PingKind.SUCCESS, null), ping(T.plus(Duration.ofHours(1)), PingKind.START, null));
            Instant started = T.plus(Duration.ofHours(1));

            assertThat(heartbeat.statusAt(started.plus(Duration.ofMinutes(29)))).isEqualTo(HeartbeatStatus.STARTED);
            assertThat(heartbeat.downAt()).contains(started.plus(Duration.ofMinutes(30)));
            assertThat(heartbeat.statusAt(started.plus(Duration.ofMinutes(30)))).isEqualTo(HeartbeatStatus.DOWN);
            Heartbeat.Step step = heartbeat.check(started.plus(Duration.ofMinutes(30)));
            assertThat(((Heartbeat.Raise) step.tell()).reason().summary("nightly-backup"))
                    .isEqualTo("Heartbeat nightly-backup started at 2026-12-07 03:00:00 UTC and never finished (max run"
                            + " time 30m)");
        }

        @Test
        void theSuccessAfterAStartRecordsTheRunTimeAndCountsTheNextPeriodFromItself() {
            Instant started = T.plus(Duration.ofHours(1));
            Heartbeat.Step step = after(hourly(), ping(started, PingKind.START, null))
                    .receive(ping(started.plus(Duration.ofSeconds(754)), PingKind.SUCCESS, null));
            Heartbeat done = new Heartbeat(hourly().spec(), step.state());

            assertThat(step.runMillis()).isEqualTo(754_000L);
            assertThat(done.state().lastRunMillis()).isEqualTo(754_000L);
            assertThat(done.statusAt(started.plus(Duration.ofMinutes(30)))).isEqualTo(HeartbeatStatus.UP);
            assertThat(done.expectedAt())
                    .contains(started.plus(Duration.ofSeconds(754)).plus(Duration.ofHours(1)));
        }

        @Test
        void aFirstPingThatIsAStartPagesWhenItNeverFinishes() {
            Heartbeat heartbeat = after(hourly(), ping(T, PingKind.START, null));

            assertThat(heartbeat.statusAt(T)).isEqualTo(HeartbeatStatus.STARTED);
            assertThat(heartbeat.check(T.plus(Duration.ofMinutes(30))).tell()).isInstanceOf(Heartbeat.Raise.class);
        }
    }

    @Nested
    class ExitCodes {
        @Test
        void exitCodeZeroIsASuccess() {
            Heartbeat heartbeat = after(hourly(), ping(T, PingKind.SUCCESS, 0));

            assertThat(heartbeat.statusAt(T.plus(Duration.ofMinutes(1)))).isEqualTo(HeartbeatStatus.UP);
        }

        @Test
        void aNonZeroExitCodeIsDownAtOnceAndRaisesTheAlertWithTheCode() {
            Heartbeat.Step step = after(hourly(), ping(T, PingKind.START, null))
                    .receive(ping(T.plus(Duration.ofSeconds(3)), PingKind.FAIL, 3));
            Heartbeat failed = new Heartbeat(hourly().spec(), step.state());

            assertThat(failed.statusAt(T.plus(Duration.ofSeconds(3)))).isEqualTo(HeartbeatStatus.DOWN);
            assertThat(step.runMillis()).isEqualTo(3_000L);
            assertThat(((Heartbeat.Raise) step.tell()).reason().summary("nightly-backup"))
                    .isEqualTo("Heartbeat nightly-backup failed with exit code 3 at 2026-12-07 02:00:03 UTC");
            assertThat(failed.downAt())
                    .as("down already: nothing for the scheduler")
                    .isEmpty();
        }

        @Test
        void aFailWithoutACodeSaysItReportedAFailureAndStaysDownUntilASuccess() {
            Heartbeat failed = after(hourly(), ping(T, PingKind.FAIL, null));

            assertThat(failed.downBecause(T.plus(Duration.ofDays(3)))
                            .orElseThrow()
                            .summary("nightly-backup"))
                    .isEqualTo("Heartbeat nightly-backup reported a failure at 2026-12-07 02:00:00 UTC");
            Heartbeat.Step back = failed.receive(ping(T.plus(Duration.ofDays(3)), PingKind.SUCCESS, 0));
            assertThat(back.tell()).isInstanceOf(Heartbeat.Clear.class);
            assertThat(new Heartbeat(failed.spec(), back.state()).statusAt(T.plus(Duration.ofDays(3))))
                    .isEqualTo(HeartbeatStatus.UP);
        }
    }

    /**
     * {@code 0 2 * * *} in Europe/Berlin, grace 30m, across both nights the clocks change in 2026. "Expected by" is
     * never earlier than any cron daemon runs the job: a skipped 02:00 counts as 03:00 (after the jump), a repeated
     * 02:00 as its second occurrence, and a run in the first occurrence is next expected the day after.
     */
    @Nested
    class CronAcrossDaylightSaving {
        final ZoneId berlin = ZoneId.of("Europe/Berlin");
        final HeartbeatSpec nightly = spec(
                new HeartbeatSpec.OnCron(Cron.parse("0 2 * * *").orThrow(), berlin),
                Duration.ofMinutes(30),
                Duration.ofMinutes(30));

        Heartbeat pingedAt(String instant) {
            return after(
                    new Heartbeat(nightly, HeartbeatState.NEVER_PINGED),
                    ping(Instant.parse(instant), PingKind.SUCCESS, null));
        }

        @Test
        void anOrdinaryNightIsExpectedAtTwoLocalTime() {
            // 2026-12-07 02:00:30 CET
            Heartbeat heartbeat = pingedAt("2026-12-07T01:00:30Z");

            assertThat(heartbeat.expectedAt()).contains(Instant.parse("2026-12-08T01:00:00Z"));
        }

        @Test
        void springForwardTwoOClockDoesNotExistSoItIsExpectedAtThreeAfterTheJump() {
            // Saturday 2026-03-28 02:00:30 CET; on Sunday the clocks jump from 02:00 CET to 03:00 CEST.
            Heartbeat heartbeat = pingedAt("2026-03-28T01:00:30Z");

            assertThat(heartbeat.expectedAt()).contains(Instant.parse("2026-03-29T01:00:00Z")); // 03:00 CEST
            assertThat(heartbeat.statusAt(Instant.parse("2026-03-29T01:29:00Z")))
                    .isEqualTo(HeartbeatStatus.GRACE);
            assertThat(heartbeat.statusAt(Instant.parse("2026-03-29T01:30:00Z")))
                    .isEqualTo(HeartbeatStatus.DOWN);
        }

        @Test
        void springForwardARunRightAfterTheJumpIsNextExpectedTheNightAfterAtTwo() {
            Heartbeat heartbeat = pingedAt("2026-03-29T01:00:30Z"); // 03:00:30 CEST

            assertThat(heartbeat.expectedAt()).contains(Instant.parse("2026-03-30T00:00:00Z")); // 02:00 CEST
        }

        @Test
        void fallBackTwoOClockHappensTwiceSoItIsExpectedByTheSecond() {
            // Saturday 2026-10-24 02:00:30 CEST; on Sunday 03:00 CEST goes back to 02:00 CET.
            Heartbeat heartbeat = pingedAt("2026-10-24T00:00:30Z");

            assertThat(heartbeat.expectedAt()).contains(Instant.parse("2026-10-25T01:00:00Z")); // the second 02:00
            assertThat(heartbeat.statusAt(Instant.parse("2026-10-25T00:45:00Z")))
                    .as("the first 02:00 plus grace is no deadline")
                    .isEqualTo(HeartbeatStatus.UP);
            assertThat(heartbeat.statusAt(Instant.parse("2026-10-25T01:30:00Z")))
                    .isEqualTo(HeartbeatStatus.DOWN);
        }

        @Test
        void fallBackARunInTheFirstTwoOClockIsNotExpectedAgainAnHourLater() {
            Heartbeat heartbeat = pingedAt("2026-10-25T00:00:30Z"); // the first 02:00:30, CEST

            assertThat(heartbeat.expectedAt()).contains(Instant.parse("2026-10-26T01:00:00Z")); // Monday 02:00 CET
            assertThat(heartbeat.statusAt(Instant.parse("2026-10-25T01:45:00Z")))
                    .isEqualTo(HeartbeatStatus.UP);
        }
    }
}
