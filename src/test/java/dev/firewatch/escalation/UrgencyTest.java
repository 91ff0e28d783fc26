package dev.firewatch.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SEV1 always pages; SEV2 pages outside business hours in Berlin and posts to a channel inside them; SEV3 never. */
class UrgencyTest {
    private static final Hours BUSINESS = new Hours(
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
            LocalTime.of(9, 0),
            LocalTime.of(18, 0),
            ZoneId.of("Europe/Berlin"));
    private static final EscalationPolicySpec POLICY = new EscalationPolicySpec(
            "default",
            "",
            List.of(new StepSpec(List.of(new Target.User("alice")), Duration.ofMinutes(5))),
            0,
            List.of(),
            List.of(
                    new UrgencyRule(Set.of("SEV1"), Optional.empty(), new Urgency.Page()),
                    new UrgencyRule(Set.of("SEV2"), Optional.of(BUSINESS), new Urgency.Post("ops-chat")),
                    new UrgencyRule(Set.of("SEV3"), Optional.empty(), new Urgency.Quiet())),
            "firewatch.yaml:1");

    @ParameterizedTest(name = "{0} opened at {1} ({2}): {3}")
    @CsvSource({
        // Friday 2026-03-27 is still winter time (UTC+1); Monday 2026-03-30 is summer time (UTC+2).
        "SEV1, 2026-03-30T10:00:00Z, Monday 12:00 in Berlin, page",
        "SEV1, 2026-03-28T02:00:00Z, Saturday night, page",
        "SEV2, 2026-03-30T10:00:00Z, Monday 12:00 in Berlin, post",
        "SEV2, 2026-03-27T07:30:00Z, Friday 08:30 CET before business hours, page",
        "SEV2, 2026-03-30T07:30:00Z, Monday 09:30 CEST after the change, post",
        "SEV2, 2026-03-30T06:59:00Z, Monday 08:59 CEST, page",
        "SEV2, 2026-03-30T16:00:00Z, Monday 18:00 CEST as business hours end, page",
        "SEV2, 2026-03-29T10:00:00Z, Sunday 12:00 the day the clocks change, page",
        "SEV3, 2026-03-30T10:00:00Z, Monday 12:00 in Berlin, quiet",
        "SEV3, 2026-03-28T02:00:00Z, Saturday night, quiet",
        "SEV4, 2026-03-30T10:00:00Z, a severity no rule names, page",
    })
    void decidesBySeverityAndTheTimeOfDayWhereTheTeamIs(
            String severity, Instant openedAt, String when, String expected) {
        Urgency urgency = POLICY.urgency(severity, openedAt);

        String actual =
                switch (urgency) {
                    case Urgency.Page page -> "page";
                    case Urgency.Post post -> post.channel().equals("ops-chat") ? "post" : "post elsewhere";
                    case Urgency.Quiet quiet -> "quiet";
                };
        assertThat(actual).as(when).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "2026-03-30T21:00:00Z, Monday 23:00, true",
        "2026-03-31T05:59:00Z, Tuesday 07:59 (opened Monday night), true",
        "2026-03-31T06:00:00Z, Tuesday 08:00, false",
        "2026-03-28T21:00:00Z, Saturday 22:00, false",
        "2026-03-28T06:00:00Z, Saturday 07:00 (opened Friday night), true",
    })
    void aWindowThatEndsAtOrBeforeItStartsRunsOverMidnight(Instant at, String when, boolean inside) {
        var nights = new Hours(
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                LocalTime.of(22, 0),
                LocalTime.of(8, 0),
                ZoneId.of("Europe/Berlin"));

        assertThat(nights.contains(at)).as(when).isEqualTo(inside);
    }
}
