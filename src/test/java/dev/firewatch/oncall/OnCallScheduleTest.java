package dev.firewatch.oncall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Who is on call, worked out from layers and overrides at fixed instants: no clock, no store. */
class OnCallScheduleTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Restriction BUSINESS_HOURS =
            new Restriction(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(18, 0));

    /** Each handoff as the wall clock on the layer's zone shows it, and as UTC, across a DST change. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("handoffsAcrossDaylightSaving")
    void aCalendarRotationHandsOffAtTheSameWallClockTimeAcrossDaylightSaving(
            String sentence, LayerSpec layer, String from, String to, List<String> expected) {
        var schedule = schedule(layer);

        var shifts = schedule.shifts(Instant.parse(from), Instant.parse(to));

        assertThat(shifts).extracting(OnCallScheduleTest::describe).containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> handoffsAcrossDaylightSaving() {
        return Stream.of(
                arguments(
                        "daily at 09:00 in Berlin across the spring change (29 March 2026): the short night's shift"
                                + " lasts 23 hours",
                        layer(List.of("alice", "bob"), new Rotation.Days(1), "2026-03-27T09:00", BERLIN),
                        "2026-03-28T00:00:00Z",
                        "2026-03-30T12:00:00Z",
                        List.of(
                                "alice 2026-03-27T08:00:00Z..2026-03-28T08:00:00Z (24h)",
                                "bob 2026-03-28T08:00:00Z..2026-03-29T07:00:00Z (23h)",
                                "alice 2026-03-29T07:00:00Z..2026-03-30T07:00:00Z (24h)",
                                "bob 2026-03-30T07:00:00Z..2026-03-31T07:00:00Z (24h)")),
                arguments(
                        "daily at 09:00 in Berlin across the autumn change (25 October 2026): the long night's"
                                + " shift lasts 25 hours",
                        layer(List.of("alice", "bob"), new Rotation.Days(1), "2026-10-23T09:00", BERLIN),
                        "2026-10-24T12:00:00Z",
                        "2026-10-26T12:00:00Z",
                        List.of(
                                "bob 2026-10-24T07:00:00Z..2026-10-25T08:00:00Z (25h)",
                                "alice 2026-10-25T08:00:00Z..2026-10-26T08:00:00Z (24h)",
                                "bob 2026-10-26T08:00:00Z..2026-10-27T08:00:00Z (24h)")),
                arguments(
                        "weekly on Monday 09:00 in New York across the spring change (8 March 2026): 167 hours",
                        layer(List.of("alice", "bob", "carol"), new Rotation.Days(7), "2026-03-02T09:00", NEW_YORK),
                        "2026-03-03T00:00:00Z",
                        "2026-03-17T00:00:00Z",
                        List.of(
                                "alice 2026-03-02T14:00:00Z..2026-03-09T13:00:00Z (167h)",
                                "bob 2026-03-09T13:00:00Z..2026-03-16T13:00:00Z (168h)",
                                "carol 2026-03-16T13:00:00Z..2026-03-23T13:00:00Z (168h)")),
                arguments(
                        "weekly on Monday 09:00 in New York across the autumn change (1 November 2026): 169 hours",
                        layer(List.of("alice", "bob"), new Rotation.Days(7), "2026-10-26T09:00", NEW_YORK),
                        "2026-10-27T00:00:00Z",
                        "2026-11-03T00:00:00Z",
                        List.of(
                                "alice 2026-10-26T13:00:00Z..2026-11-02T14:00:00Z (169h)",
                                "bob 2026-11-02T14:00:00Z..2026-11-09T14:00:00Z (168h)")),
                arguments(
                        "weekly on Monday 09:00 in Berlin across the spring change: 167 hours",
                        layer(List.of("alice", "bob"), new Rotation.Days(7), "2026-03-23T09:00", BERLIN),
                        "2026-03-24T00:00:00Z",
                        "2026-03-31T00:00:00Z",
                        List.of(
                                "alice 2026-03-23T08:00:00Z..2026-03-30T07:00:00Z (167h)",
                                "bob 2026-03-30T07:00:00Z..2026-04-06T07:00:00Z (168h)")),
                arguments(
                        "daily at 09:00 in New York across the autumn change: 25 hours on the long night",
                        layer(List.of("alice", "bob"), new Rotation.Days(1), "2026-10-31T09:00", NEW_YORK),
                        "2026-10-31T14:00:00Z",
                        "2026-11-01T15:00:00Z",
                        List.of(
                                "alice 2026-10-31T13:00:00Z..2026-11-01T14:00:00Z (25h)",
                                "bob 2026-11-01T14:00:00Z..2026-11-02T14:00:00Z (24h)")),
                arguments(
                        "a handoff at 02:30 in Berlin, a time the clocks skip on 29 March, is at 03:30 that day",
                        layer(List.of("alice", "bob"), new Rotation.Days(1), "2026-03-28T02:30", BERLIN),
                        "2026-03-28T12:00:00Z",
                        "2026-03-29T12:00:00Z",
                        List.of(
                                "alice 2026-03-28T01:30:00Z..2026-03-29T01:30:00Z (24h)",
                                "bob 2026-03-29T01:30:00Z..2026-03-30T00:30:00Z (23h)")),
                arguments(
                        "a 12h rotation counts elapsed time: across the spring change its handoffs move from"
                                + " 09:00 to 10:00 on the wall",
                        layer(
                                List.of("alice", "bob"),
                                new Rotation.Elapsed(Duration.ofHours(12)),
                                "2026-03-28T09:00",
                                BERLIN),
                        "2026-03-28T08:00:00Z",
                        "2026-03-29T09:00:00Z",
                        List.of(
                                "alice 2026-03-28T08:00:00Z..2026-03-28T20:00:00Z (12h)",
                                "bob 2026-03-28T20:00:00Z..2026-03-29T08:00:00Z (12h)",
                                "alice 2026-03-29T08:00:00Z..2026-03-29T20:00:00Z (12h)")));
    }

    @Test
    void theWallClockOfABerlinHandoffStaysAtNineAllYear() {
        var schedule = schedule(layer(List.of("alice", "bob"), new Rotation.Days(1), "2026-01-01T09:00", BERLIN));

        var shifts = schedule.shifts(Instant.parse("2026-01-01T12:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"));

        assertThat(shifts).hasSize(365);
        assertThat(shifts)
                .allSatisfy(shift ->
                        assertThat(shift.start().atZone(BERLIN).toLocalTime()).isEqualTo(LocalTime.of(9, 0)));
        assertThat(shifts).extracting(Shift::user).containsSequence("alice", "bob", "alice", "bob");
    }

    @Test
    void aHandoffBelongsToTheNextPersonAtItsExactInstant() {
        var schedule = schedule(layer(List.of("alice", "bob"), new Rotation.Days(1), "2026-03-27T09:00", BERLIN));

        assertThat(onCallAt(schedule, "2026-03-29T06:59:59.999Z")).contains("bob");
        assertThat(onCallAt(schedule, "2026-03-29T07:00:00Z")).contains("alice");
    }

    @Test
    void nobodyIsOnCallBeforeTheFirstHandoffNorAfterTheLayerEnds() {
        var layer = layer(List.of("alice"), new Rotation.Days(7), "2026-06-01T09:00", BERLIN);
        var ending = new LayerSpec(
                layer.name(),
                layer.users(),
                layer.rotation(),
                layer.start(),
                Optional.of(LocalDateTime.parse("2026-06-10T12:00")),
                layer.zone(),
                List.of());
        var schedule = schedule(ending);

        assertThat(onCallAt(schedule, "2026-06-01T06:59:00Z")).isEmpty();
        assertThat(onCallAt(schedule, "2026-06-05T00:00:00Z")).contains("alice");
        assertThat(schedule.shifts(Instant.parse("2026-06-01T00:00:00Z"), Instant.parse("2026-07-01T00:00:00Z")))
                .extracting(OnCallScheduleTest::describe)
                .containsExactly(
                        "alice 2026-06-01T07:00:00Z..2026-06-08T07:00:00Z (168h)",
                        "alice 2026-06-08T07:00:00Z..2026-06-10T10:00:00Z (51h)");
    }

    /** Alice is on call all week; each override is made on its own against that week. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("overridesOfAliceWeek")
    void anOverrideTakesOverWhateverItCovers(String sentence, String start, String end, List<String> expected) {
        var week = layer(List.of("alice", "bob"), new Rotation.Days(7), "2026-06-01T09:00", BERLIN);
        var schedule =
                new OnCallSchedule(spec(week), List.of(override("o1", "carol", start, end, "2026-05-30T00:00:00Z")));

        var shifts = schedule.shifts(Instant.parse("2026-06-01T07:00:00Z"), Instant.parse("2026-06-08T07:00:00Z"));

        assertThat(shifts).extracting(OnCallScheduleTest::describe).containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> overridesOfAliceWeek() {
        return Stream.of(
                arguments(
                        "inside the shift: alice before, carol, alice after",
                        "2026-06-03T18:00:00Z",
                        "2026-06-04T06:00:00Z",
                        List.of(
                                "alice 2026-06-01T07:00:00Z..2026-06-03T18:00:00Z (59h)",
                                "carol 2026-06-03T18:00:00Z..2026-06-04T06:00:00Z (12h) override o1",
                                "alice 2026-06-04T06:00:00Z..2026-06-08T07:00:00Z (97h)")),
                arguments(
                        "over the start of the shift: carol, then alice",
                        "2026-05-31T07:00:00Z",
                        "2026-06-02T07:00:00Z",
                        List.of(
                                "carol 2026-05-31T07:00:00Z..2026-06-02T07:00:00Z (48h) override o1",
                                "alice 2026-06-02T07:00:00Z..2026-06-08T07:00:00Z (144h)")),
                arguments(
                        "over the handoff to bob: alice, carol, then bob",
                        "2026-06-07T07:00:00Z",
                        "2026-06-09T07:00:00Z",
                        List.of(
                                "alice 2026-06-01T07:00:00Z..2026-06-07T07:00:00Z (144h)",
                                "carol 2026-06-07T07:00:00Z..2026-06-09T07:00:00Z (48h) override o1")),
                arguments(
                        "exactly the shift: carol instead of alice",
                        "2026-06-01T07:00:00Z",
                        "2026-06-08T07:00:00Z",
                        List.of("carol 2026-06-01T07:00:00Z..2026-06-08T07:00:00Z (168h) override o1")));
    }

    @Test
    void ofTwoOverlappingOverridesTheOneMadeLaterWins() {
        var week = layer(List.of("alice"), new Rotation.Days(7), "2026-06-01T09:00", BERLIN);
        var schedule = new OnCallSchedule(
                spec(week),
                List.of(
                        override(
                                "later",
                                "dave",
                                "2026-06-02T12:00:00Z",
                                "2026-06-02T14:00:00Z",
                                "2026-05-31T00:00:00Z"),
                        override(
                                "earlier",
                                "carol",
                                "2026-06-02T10:00:00Z",
                                "2026-06-02T16:00:00Z",
                                "2026-05-30T00:00:00Z")));

        var shifts = schedule.shifts(Instant.parse("2026-06-02T09:00:00Z"), Instant.parse("2026-06-02T17:00:00Z"));

        assertThat(shifts)
                .extracting(OnCallScheduleTest::describe)
                .containsExactly(
                        "alice 2026-06-01T07:00:00Z..2026-06-02T10:00:00Z (27h)",
                        "carol 2026-06-02T10:00:00Z..2026-06-02T12:00:00Z (2h) override earlier",
                        "dave 2026-06-02T12:00:00Z..2026-06-02T14:00:00Z (2h) override later",
                        "carol 2026-06-02T14:00:00Z..2026-06-02T16:00:00Z (2h) override earlier",
                        "alice 2026-06-02T16:00:00Z..2026-06-08T07:00:00Z (135h)");
    }

    @Test
    void anOverrideFillsAGap() {
        var days = restricted(
                "business hours", List.of("alice"), new Rotation.Days(7), "2026-06-01T00:00", BERLIN, BUSINESS_HOURS);
        var schedule = new OnCallSchedule(
                spec(days),
                List.of(override("o1", "bob", "2026-06-01T16:00:00Z", "2026-06-01T20:00:00Z", "2026-05-30T00:00:00Z")));

        var coverage = schedule.coverage(Instant.parse("2026-06-01T06:00:00Z"), Instant.parse("2026-06-02T08:00:00Z"));

        assertThat(coverage.shifts())
                .extracting(OnCallScheduleTest::describe)
                .containsExactly(
                        "alice 2026-06-01T07:00:00Z..2026-06-01T16:00:00Z (9h)",
                        "bob 2026-06-01T16:00:00Z..2026-06-01T20:00:00Z (4h) override o1",
                        "alice 2026-06-02T07:00:00Z..2026-06-02T16:00:00Z (9h)");
        assertThat(coverage.gaps())
                .containsExactly(
                        gap("2026-06-01T06:00:00Z", "2026-06-01T07:00:00Z"),
                        gap("2026-06-01T20:00:00Z", "2026-06-02T07:00:00Z"));
    }

    @Test
    void aLayerRestrictedToBusinessHoursLeavesNightsAndTheWeekendAsGaps() {
        var days = restricted(
                "business hours",
                List.of("alice", "bob"),
                new Rotation.Days(1),
                "2026-03-23T09:00",
                BERLIN,
                BUSINESS_HOURS);
        var schedule = schedule(days);

        // Friday noon to Monday noon, across the spring change on Sunday 29 March.
        var coverage = schedule.coverage(Instant.parse("2026-03-27T11:00:00Z"), Instant.parse("2026-03-30T10:00:00Z"));

        assertThat(coverage.shifts())
                .extracting(OnCallScheduleTest::describe)
                .containsExactly(
                        "alice 2026-03-27T08:00:00Z..2026-03-27T17:00:00Z (9h)",
                        "bob 2026-03-30T07:00:00Z..2026-03-30T16:00:00Z (9h)");
        assertThat(coverage.gaps()).containsExactly(gap("2026-03-27T17:00:00Z", "2026-03-30T07:00:00Z"));
        assertThat(schedule.whoIsOnCall(Instant.parse("2026-03-28T12:00:00Z"))).isEmpty();
    }

    @Test
    void aNightRestrictionRunsIntoTheNextMorning() {
        var nights = restricted(
                "nights",
                List.of("nora"),
                new Rotation.Days(7),
                "2026-06-01T00:00",
                NEW_YORK,
                new Restriction(EnumSet.allOf(DayOfWeek.class), LocalTime.of(18, 0), LocalTime.of(9, 0)));
        var schedule = schedule(nights);

        assertThat(onCallAt(schedule, "2026-06-02T03:00:00Z")).contains("nora"); // 23:00 in New York
        assertThat(onCallAt(schedule, "2026-06-02T12:59:00Z")).contains("nora"); // 08:59
        assertThat(onCallAt(schedule, "2026-06-02T13:00:00Z")).isEmpty(); // 09:00
    }

    @Test
    void aLaterLayerWinsWhereItPutsSomeoneOnCallAndTheEarlierOneShowsThrough() {
        var allWeek = layer(List.of("alice", "bob"), new Rotation.Days(7), "2026-06-01T09:00", BERLIN);
        var daytime = restricted(
                "daytime", List.of("carol"), new Rotation.Days(7), "2026-06-01T00:00", BERLIN, BUSINESS_HOURS);
        var schedule = schedule(allWeek, daytime);

        var shifts = schedule.shifts(Instant.parse("2026-06-02T00:00:00Z"), Instant.parse("2026-06-03T00:00:00Z"));

        assertThat(shifts)
                .extracting(OnCallScheduleTest::describe)
                .containsExactly(
                        "alice 2026-06-01T16:00:00Z..2026-06-02T07:00:00Z (15h)",
                        "carol 2026-06-02T07:00:00Z..2026-06-02T16:00:00Z (9h) layer daytime",
                        "alice 2026-06-02T16:00:00Z..2026-06-03T07:00:00Z (15h)");
        assertThat(schedule.gaps(Instant.parse("2026-06-02T00:00:00Z"), Instant.parse("2026-06-30T00:00:00Z")))
                .isEmpty();
    }

    @Test
    void aShiftThatCrossesTheEdgeOfTheRangeKeepsItsWholeLength() {
        var schedule = schedule(layer(List.of("alice", "bob"), new Rotation.Days(7), "2026-06-01T09:00", BERLIN));

        var shifts = schedule.shifts(Instant.parse("2026-06-10T00:00:00Z"), Instant.parse("2026-06-16T00:00:00Z"));

        assertThat(shifts)
                .extracting(OnCallScheduleTest::describe)
                .containsExactly(
                        "bob 2026-06-08T07:00:00Z..2026-06-15T07:00:00Z (168h)",
                        "alice 2026-06-15T07:00:00Z..2026-06-22T07:00:00Z (168h)");
        assertThat(schedule.whoIsOnCall(Instant.parse("2026-06-10T00:00:00Z")))
                .map(Shift::start)
                .contains(Instant.parse("2026-06-08T07:00:00Z"));
    }

    @Test
    void aRangeThatEndsWhereItStartsHasNothingInIt() {
        var schedule = schedule(layer(List.of("alice"), new Rotation.Days(1), "2026-06-01T09:00", BERLIN));
        Instant at = Instant.parse("2026-06-05T00:00:00Z");

        assertThat(schedule.coverage(at, at)).isEqualTo(new OnCallSchedule.Coverage(List.of(), List.of()));
    }

    private static Optional<String> onCallAt(OnCallSchedule schedule, String at) {
        return schedule.whoIsOnCall(Instant.parse(at)).map(Shift::user);
    }

    static LayerSpec layer(List<String> users, Rotation rotation, String start, ZoneId zone) {
        return new LayerSpec("layer 1", users, rotation, LocalDateTime.parse(start), Optional.empty(), zone, List.of());
    }

    static LayerSpec restricted(
            String name,
            List<String> users,
            Rotation rotation,
            String start,
            ZoneId zone,
            Restriction... restrictions) {
        return new LayerSpec(
                name, users, rotation, LocalDateTime.parse(start), Optional.empty(), zone, List.of(restrictions));
    }

    static ScheduleSpec spec(LayerSpec... layers) {
        return new ScheduleSpec("primary", "", layers[0].zone(), List.of(layers), "firewatch.yaml:1:1");
    }

    static OnCallSchedule schedule(LayerSpec... layers) {
        return new OnCallSchedule(spec(layers), List.of());
    }

    static ScheduleOverride override(String id, String user, String start, String end, String createdAt) {
        return new ScheduleOverride(
                id,
                "primary",
                user,
                Instant.parse(start),
                Instant.parse(end),
                "swap",
                "user:admin",
                Instant.parse(createdAt));
    }

    private static Gap gap(String start, String end) {
        return new Gap(Instant.parse(start), Instant.parse(end));
    }

    /** {@code alice 2026-03-28T08:00:00Z..2026-03-29T07:00:00Z (23h)}, plus the source when it is not layer 1. */
    static String describe(Shift shift) {
        long minutes = Duration.between(shift.start(), shift.end()).toMinutes();
        String length = minutes % 60 == 0 ? minutes / 60 + "h" : minutes + "m";
        String source =
                switch (shift.source()) {
                    case Shift.FromLayer layer when layer.index() == 0 -> "";
                    case Shift.FromLayer layer -> " layer " + layer.name();
                    case Shift.FromOverride override -> " override " + override.id();
                };
        return shift.user() + " " + shift.start() + ".." + shift.end() + " (" + length + ")" + source;
    }
}
