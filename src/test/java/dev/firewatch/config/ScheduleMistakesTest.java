package dev.firewatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.firewatch.oncall.LayerSpec;
import dev.firewatch.oncall.Restriction;
import dev.firewatch.oncall.Rotation;
import java.time.DayOfWeek;
import java.time.Duration;
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

/** schedules: as written, and each mistake in it alone: one error at its line and column. */
class ScheduleMistakesTest {
    private static final String USERS = """
            users:
              - name: alice
                role: responder
              - name: bob
                role: responder
              - name: vera
            """;

    @Test
    void readsLayersWithTheirZonesRotationsAndRestrictions() {
        var config = Configs.loaded(Configs.parse(USERS + """
                schedules:
                  - name: primary
                    description: Production
                    timezone: Europe/Berlin
                    layers:
                      - users: [alice, bob]
                        rotation: weekly
                        start: 2026-01-05T09:00
                      - name: business hours
                        users: [bob]
                        rotation: 12h
                        start: 2026-01-05 08:00
                        end: 2026-12-31T00:00Z
                        timezone: America/New_York
                        restrictions:
                          - days: [mon, tue, wednesday, thursday, friday]
                            from: "09:00"
                            to: "18:00"
                          - from: "22:00"
                            to: "02:00"
                """));

        var schedule = config.schedule("primary").orElseThrow();
        assertThat(schedule.description()).isEqualTo("Production");
        assertThat(schedule.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(schedule.origin()).isEqualTo("firewatch.yaml:8:5");
        assertThat(schedule.layers())
                .containsExactly(
                        new LayerSpec(
                                "layer 1",
                                List.of("alice", "bob"),
                                new Rotation.Days(7),
                                LocalDateTime.parse("2026-01-05T09:00"),
                                Optional.empty(),
                                ZoneId.of("Europe/Berlin"),
                                List.of()),
                        new LayerSpec(
                                "business hours",
                                List.of("bob"),
                                new Rotation.Elapsed(Duration.ofHours(12)),
                                LocalDateTime.parse("2026-01-05T08:00"),
                                Optional.of(LocalDateTime.parse("2026-12-30T19:00")),
                                ZoneId.of("America/New_York"),
                                List.of(
                                        new Restriction(
                                                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                                                LocalTime.of(9, 0),
                                                LocalTime.of(18, 0)),
                                        new Restriction(
                                                EnumSet.allOf(DayOfWeek.class),
                                                LocalTime.of(22, 0),
                                                LocalTime.of(2, 0)))));
    }

    @Test
    void aViewerInARotationIsAWarningBecauseTheyCouldNotAcknowledge() {
        var result = Configs.parse(USERS + """
                schedules:
                  - name: primary
                    layers:
                      - users: [alice, vera]
                        rotation: daily
                        start: 2026-01-05T09:00
                """);

        Configs.loaded(result);
        assertThat(Configs.lines(result))
                .containsExactly("firewatch.yaml:10:24: schedules[0].layers[0].users[1]: vera is a viewer and could"
                        + " not acknowledge a page while on call; give them role: responder");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void reportsTheMistakeAtItsLineAndColumn(String sentence, String layer, String expected) {
        String yaml = USERS + """
                schedules:
                  - name: primary
                    timezone: Europe/Berlin
                    layers:
                """ + layer.indent(6);

        var errors = Configs.errors(Configs.parse(yaml));

        assertThat(errors).extracting(ConfigProblem::toString).containsExactly("firewatch.yaml:" + expected);
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                arguments(
                        "an unknown user gets the closest declared name",
                        """
                        - users: [alice, bbo]
                          rotation: weekly
                          start: 2026-01-05T09:00
                        """,
                        "11:24: schedules[0].layers[0].users[1]: unknown user \"bbo\"; did you mean \"bob\"?"),
                arguments(
                        "a user nobody declared, and nothing close, lists the declared ones",
                        """
                        - users: [mallory]
                          rotation: weekly
                          start: 2026-01-05T09:00
                        """,
                        "11:17: schedules[0].layers[0].users[0]: unknown user \"mallory\"; declared under users:"
                                + " alice, bob, vera"),
                arguments(
                        "a misspelt time zone gets the closest real one",
                        """
                        - users: [alice]
                          rotation: weekly
                          start: 2026-01-05T09:00
                          timezone: Europe/Berln
                        """,
                        "14:19: schedules[0].layers[0].timezone: unknown time zone \"Europe/Berln\"; did you mean"
                                + " \"Europe/Berlin\"?"),
                arguments(
                        "a time zone that is nothing like one says what one looks like",
                        """
                        - users: [alice]
                          rotation: weekly
                          start: 2026-01-05T09:00
                          timezone: Central European
                        """,
                        "14:19: schedules[0].layers[0].timezone: unknown time zone \"Central European\"; expected a"
                                + " zone like Europe/Berlin, America/New_York or UTC"),
                arguments(
                        "a zero-length rotation",
                        """
                        - users: [alice]
                          rotation: 0d
                          start: 2026-01-05T09:00
                        """,
                        "12:19: schedules[0].layers[0].rotation: a turn must last at least 1h, found \"0d\"; a"
                                + " rotation hands off at the end of each turn"),
                arguments(
                        "a rotation of minutes",
                        """
                        - users: [alice]
                          rotation: 30m
                          start: 2026-01-05T09:00
                        """,
                        "12:19: schedules[0].layers[0].rotation: a turn must last at least 1h, found \"30m\"; a"
                                + " rotation hands off at the end of each turn"),
                arguments(
                        "a rotation that is not a length",
                        """
                        - users: [alice]
                          rotation: fortnightly
                          start: 2026-01-05T09:00
                        """,
                        "12:19: schedules[0].layers[0].rotation: expected daily, weekly, a number of days like 14d,"
                                + " or hours like 12h, found \"fortnightly\""),
                arguments(
                        "a layer without a start",
                        """
                        - users: [alice]
                          rotation: weekly
                        """,
                        "11:9: schedules[0].layers[0]: start is missing; write the first handoff, like start:"
                                + " 2026-01-05T09:00 (users[0] goes on call then)"),
                arguments(
                        "a start that is not a date and time",
                        """
                        - users: [alice]
                          rotation: weekly
                          start: next monday
                        """,
                        "13:16: schedules[0].layers[0].start: expected a date and time like 2026-01-05T09:00 (in the"
                                + " layer's timezone), found \"next monday\""),
                arguments(
                        "an end before the start",
                        """
                        - users: [alice]
                          rotation: weekly
                          start: 2026-01-05T09:00
                          end: 2026-01-01T09:00
                        """,
                        "14:14: schedules[0].layers[0].end: the layer must end after it starts"
                                + " (\"2026-01-05T09:00\")"),
                arguments(
                        "a restriction with a time that is not on the 24-hour clock",
                        """
                        - users: [alice]
                          rotation: weekly
                          start: 2026-01-05T09:00
                          restrictions:
                            - days: [monday]
                              from: 9am
                              to: "17:00"
                        """,
                        "16:19: schedules[0].layers[0].restrictions[0].from: expected a time of day like \"02:00\""
                                + " (24-hour clock), found \"9am\""),
                arguments(
                        "a restriction on a day that does not exist",
                        """
                        - users: [alice]
                          rotation: weekly
                          start: 2026-01-05T09:00
                          restrictions:
                            - days: [monday, fryday]
                              from: "09:00"
                              to: "17:00"
                        """,
                        "15:28: schedules[0].layers[0].restrictions[0].days[1]: unknown day \"fryday\"; did you mean"
                                + " \"friday\"?"),
                arguments(
                        "a restriction without its end",
                        """
                        - users: [alice]
                          rotation: weekly
                          start: 2026-01-05T09:00
                          restrictions:
                            - from: "09:00"
                        """,
                        "15:13: schedules[0].layers[0].restrictions[0]: to is missing; a restriction needs from and"
                                + " to, like from: \"09:00\", to: \"18:00\" (a to at or before from ends the next day)"),
                arguments(
                        "a restriction with a key of a maintenance window",
                        """
                        - users: [alice]
                          rotation: weekly
                          start: 2026-01-05T09:00
                          restrictions:
                            - from: "09:00"
                              to: "17:00"
                              duration: 8h
                        """,
                        "17:13: unknown key \"duration\" in schedules[0].layers[0].restrictions[0]; known keys: days,"
                                + " from, to"),
                arguments(
                        "a layer without anyone in it",
                        """
                        - users: []
                          rotation: weekly
                          start: 2026-01-05T09:00
                        """,
                        "11:16: schedules[0].layers[0].users: expected the people who take turns, like [alice,"
                                + " bob], found none"));
    }

    @Test
    void aScheduleNeedsAUniqueNameAndAtLeastOneLayer() {
        var errors = Configs.errors(Configs.parse(USERS + """
                schedules:
                  - name: primary
                    layers: []
                  - name: primary
                """));

        assertThat(errors)
                .extracting(ConfigProblem::toString)
                .containsExactly(
                        "firewatch.yaml:9:13: schedules[0].layers: expected at least one layer, found none",
                        "firewatch.yaml:10:5: schedules[1]: layers is missing; add at least one layer of people who"
                                + " take turns",
                        "firewatch.yaml:10:11: duplicate schedule name \"primary\"; the first is on line 8");
    }
}
