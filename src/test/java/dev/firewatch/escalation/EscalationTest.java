package dev.firewatch.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.firewatch.escalation.Page.Cause;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A fixed clock drives escalation: a policy of two steps, 5m then 55m, so a critical re-pages hourly. */
class EscalationTest {
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final EscalationPolicySpec HOURLY = new EscalationPolicySpec(
            "critical",
            "",
            List.of(
                    new StepSpec(List.of(new Target.Schedule("primary")), Duration.ofMinutes(5)),
                    new StepSpec(List.of(new Target.User("bob"), new Target.Channel("ops")), Duration.ofMinutes(55))),
            2,
            List.of("api"),
            List.of(),
            "firewatch.yaml:1");

    private static Instant t0Plus(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    private static Page escalating(int minutes, int step, int round) {
        return new Page(t0Plus(minutes), step, round, Cause.ESCALATION);
    }

    private static Escalation answered(Response... responses) {
        return new Escalation(HOURLY, T0, List.of(responses));
    }

    @Test
    void stepOneAtTheOpeningStepTwoFiveMinutesLaterAndTheRoundAgainAfterAnHour() {
        var escalation = answered();

        assertThat(escalation.due(T0, Set.of())).containsExactly(escalating(0, 0, 0));
        assertThat(escalation.next(T0)).contains(t0Plus(5));
        assertThat(escalation.due(t0Plus(4), Set.of(escalating(0, 0, 0)))).isEmpty();
        assertThat(escalation.due(t0Plus(5), Set.of(escalating(0, 0, 0)))).containsExactly(escalating(5, 1, 0));
        assertThat(escalation.next(t0Plus(5))).contains(t0Plus(60));
        assertThat(escalation.pages())
                .containsExactly(
                        escalating(0, 0, 0),
                        escalating(5, 1, 0),
                        escalating(60, 0, 1),
                        escalating(65, 1, 1),
                        escalating(120, 0, 2),
                        escalating(125, 1, 2));
    }

    @Test
    void aSchedulerThatWasDownCatchesUpOnEveryMissedStepInOrder() {
        var escalation = answered();

        assertThat(escalation.due(t0Plus(61), Set.of(escalating(0, 0, 0))))
                .containsExactly(escalating(5, 1, 0), escalating(60, 0, 1));
    }

    @Test
    void afterTheLastRepeatNothingMorePages() {
        var escalation = answered();

        assertThat(escalation.next(t0Plus(125))).isEmpty();
        assertThat(escalation.due(t0Plus(24 * 60), escalation.pages())).isEmpty();
    }

    @Test
    void repeatZeroRunsTheStepsOnce() {
        var once = new EscalationPolicySpec("once", "", HOURLY.steps(), 0, List.of(), List.of(), "firewatch.yaml:1");

        assertThat(new Escalation(once, T0, List.of()).pages())
                .containsExactly(escalating(0, 0, 0), escalating(5, 1, 0));
    }

    @Test
    void nothingPagesAfterAnAcknowledgement() {
        var escalation = answered(new Response.Acknowledged(t0Plus(3)));

        assertThat(escalation.pages()).containsExactly(escalating(0, 0, 0));
        assertThat(escalation.next(t0Plus(3))).isEmpty();
        assertThat(escalation.due(t0Plus(500), Set.of(escalating(0, 0, 0)))).isEmpty();
    }

    @Test
    void anAcknowledgementAtTheInstantOfAStepCancelsThatStep() {
        assertThat(answered(new Response.Acknowledged(t0Plus(5))).pages()).containsExactly(escalating(0, 0, 0));
    }

    @Test
    void aSnoozeRePagesStepOneOnceAtItsEndAndTheRoundsDoNotResume() {
        var escalation = answered(new Response.Snoozed(t0Plus(7), t0Plus(37)));
        var snoozeEnded = new Page(t0Plus(37), 0, 0, Cause.SNOOZE_ENDED);

        assertThat(escalation.pages()).containsExactly(escalating(0, 0, 0), escalating(5, 1, 0), snoozeEnded);
        assertThat(escalation.next(t0Plus(7))).contains(t0Plus(37));
        assertThat(escalation.due(t0Plus(36), Set.of(escalating(0, 0, 0), escalating(5, 1, 0))))
                .isEmpty();
        assertThat(escalation.due(t0Plus(37), Set.of(escalating(0, 0, 0), escalating(5, 1, 0))))
                .containsExactly(snoozeEnded);
        assertThat(escalation.next(t0Plus(37))).isEmpty();
    }

    @Test
    void anAcknowledgementDuringASnoozeCancelsItsRePage() {
        var escalation = answered(new Response.Snoozed(t0Plus(7), t0Plus(37)), new Response.Acknowledged(t0Plus(20)));

        assertThat(escalation.pages()).containsExactly(escalating(0, 0, 0), escalating(5, 1, 0));
    }

    @Test
    void aSecondSnoozeBeforeTheFirstEndsReplacesIt() {
        var escalation =
                answered(new Response.Snoozed(t0Plus(7), t0Plus(37)), new Response.Snoozed(t0Plus(30), t0Plus(90)));

        assertThat(escalation.pages())
                .containsExactly(
                        escalating(0, 0, 0), escalating(5, 1, 0), new Page(t0Plus(90), 0, 0, Cause.SNOOZE_ENDED));
    }

    @Test
    void aSnoozeAfterTheFirstOneEndedRePagesAgainAtItsOwnEnd() {
        var escalation =
                answered(new Response.Snoozed(t0Plus(7), t0Plus(37)), new Response.Snoozed(t0Plus(40), t0Plus(70)));

        assertThat(escalation.pages())
                .extracting(Page::at, Page::cause)
                .containsExactly(
                        tuple(t0Plus(0), Cause.ESCALATION),
                        tuple(t0Plus(5), Cause.ESCALATION),
                        tuple(t0Plus(37), Cause.SNOOZE_ENDED),
                        tuple(t0Plus(70), Cause.SNOOZE_ENDED));
    }
}
