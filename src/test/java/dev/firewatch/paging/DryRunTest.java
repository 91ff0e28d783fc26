package dev.firewatch.paging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firewatch.app.DryRunConfigs;
import dev.firewatch.config.ConfigLoader;
import dev.firewatch.config.ConfigResult;
import dev.firewatch.config.FirewatchConfig;
import dev.firewatch.oncall.OnCallSchedule;
import dev.firewatch.oncall.ScheduleOverride;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The dry run walks a config written as a user writes it, at fixed instants: no clock, no store. */
class DryRunTest {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    /**
     * alice and bob take a week each on primary, handing off on Mondays at 09:00 Berlin time; on Monday 23
     * November 2026 alice takes over. A SEV1 pages primary, then bob and the ops channel, hourly for a day.
     */
    static final String CONFIG = """
            users:
              - name: alice
                role: responder
                contact_methods:
                  - {name: phone, type: ntfy, url: "https://ntfy.sh", topic: alice-pages}
                  - {name: mail, type: email, to: alice@example.com}
                notification_rules:
                  high: [{method: phone}, {method: mail, after: 2m}]
                  low: [{method: mail}]
              - name: bob
                role: responder
                email: bob@example.com
            channels:
              - {name: ops, type: slack, url: "https://hooks.slack.example/ops"}
            notify:
              smtp: {host: smtp.example.com, from: firewatch@example.com}
            services:
              - {name: api, integration_key: api-key}
              - {name: web, integration_key: web-key, channels: [ops]}
            schedules:
              - name: primary
                timezone: Europe/Berlin
                layers:
                  - name: weekly
                    users: [alice, bob]
                    rotation: weekly
                    start: 2026-01-05T09:00
            escalation_policies:
              - name: critical
                services: [api]
                repeat: 23
                steps:
                  - schedules: [primary]
                    wait: 5m
                  - users: [bob]
                    channels: [ops]
                    wait: 55m
                urgency:
                  - severities: [SEV3]
                    action: none
                  - severities: [SEV2]
                    during: {days: [mon, tue, wed, thu, fri], from: "09:00", to: "18:00", timezone: Europe/Berlin}
                    action: post
                    channel: ops
            """;

    @Test
    void aSev1PagesWhoeverPrimaryHasOnCallThroughTheirRulesThenBobAndTheChannelHourlyForADay() {
        var walk = dryRun(CONFIG).walk("api", "SEV1", berlin("2026-11-23T10:00"));

        assertThat(walk.policy()).hasValueSatisfying(p -> assertThat(p.name()).isEqualTo("critical"));
        assertThat(walk.zone()).isEqualTo(BERLIN);
        assertThat(walk.rounds()).hasSize(24);
        assertThat(lines(walk.rounds().getFirst()))
                .containsExactly(
                        "step 1 +0m Mon 23 Nov 10:00: schedule primary → alice (layer weekly, until Mon 30 Nov 09:00):"
                                + " phone +0m, mail +2m",
                        "step 2 +5m Mon 23 Nov 10:05: user bob → bob: email +5m; channel ops: ops +5m");
        assertThat(walk.rounds().getLast().offset()).hasHours(23);
        assertThat(walk.deadEnds()).isEmpty();
        assertThat(walk.reachedAtStepOne()).isTrue();
    }

    @Test
    void aServiceWithoutAPolicyPagesNobodyButItsChannelsHearOfTheOpening() {
        var walk = dryRun(CONFIG).walk("web", "SEV1", berlin("2026-11-23T10:00"));

        assertThat(walk.rounds()).isEmpty();
        assertThat(walk.told()).extracting(DryRunWalk.Attempt::method).containsExactly("ops");
        assertThat(walk.told()).allMatch(DryRunWalk.Attempt::sends);
        assertThat(walk.deadEnds()).extracting(DeadEnd::kind).containsExactly(DeadEnd.Kind.NO_POLICY);
        assertThat(walk.reachedAtStepOne()).isFalse();
    }

    @Test
    void anOverrideFromTheStoreTakesTheStepWhileItLasts() {
        var override = new ScheduleOverride(
                "01J0",
                "primary",
                "bob",
                berlin("2026-11-23T09:00"),
                berlin("2026-11-23T12:00"),
                "alice on a train",
                "admin",
                Instant.parse("2026-11-20T00:00:00Z"));

        var walk = dryRun(CONFIG, List.of(override)).walk("api", "SEV1", berlin("2026-11-23T10:00"));

        assertThat(lines(walk.rounds().getFirst()).getFirst())
                .isEqualTo("step 1 +0m Mon 23 Nov 10:00: schedule primary → bob (override by admin, until Mon 23 Nov"
                        + " 12:00): email +0m");
        assertThat(lines(walk.rounds().get(2)).getFirst())
                .as("round 3 starts at 12:00, when the override has ended")
                .startsWith("step 1 +2h Mon 23 Nov 12:00: schedule primary → alice (layer weekly");
    }

    @Test
    void handoffsAcrossTheSpringChangeInBerlinFollowTheWallClock() {
        String daily = CONFIG.replace(
                "rotation: weekly\n        start: 2026-01-05T09:00",
                "rotation: daily\n" + "        start: 2026-03-28T09:00");

        // Saturday 28 March 2026, 21:00 in Berlin; that night the clocks go from 02:00 to 03:00.
        var walk = dryRun(daily).walk("api", "SEV1", berlin("2026-03-28T21:00"));

        var firstSteps = walk.rounds().stream()
                .map(r -> r.number() + " " + DryRunTimes.when(r.at(), BERLIN) + " "
                        + r.steps().getFirst().recipients().getFirst().person())
                .toList();
        assertThat(firstSteps.subList(3, 13))
                .as("no round at 02:00, which the clocks skip; bob takes over at 09:00 on the wall, 12 rounds in")
                .containsExactly(
                        "4 Sun 29 Mar 00:00 alice",
                        "5 Sun 29 Mar 01:00 alice",
                        "6 Sun 29 Mar 03:00 alice",
                        "7 Sun 29 Mar 04:00 alice",
                        "8 Sun 29 Mar 05:00 alice",
                        "9 Sun 29 Mar 06:00 alice",
                        "10 Sun 29 Mar 07:00 alice",
                        "11 Sun 29 Mar 08:00 alice",
                        "12 Sun 29 Mar 09:00 bob",
                        "13 Sun 29 Mar 10:00 bob");
    }

    @Test
    void aLayerRestrictedToOfficeHoursLeavesTheStepsAfterSixToNobody() {
        String office = CONFIG.replace("""
                        start: 2026-01-05T09:00
                """, """
                        start: 2026-01-05T09:00
                        restrictions:
                          - {days: [mon, tue, wed, thu, fri], from: "09:00", to: "18:00"}
                """).replace("repeat: 23", "repeat: 2");

        // Friday 27 November 2026 at 17:30 in Berlin: round 2 starts at 18:30, after the office has closed.
        var walk = dryRun(office).walk("api", "SEV1", berlin("2026-11-27T17:30"));

        assertThat(lines(walk.rounds().get(1)).getFirst())
                .isEqualTo("step 1 +1h Fri 27 Nov 18:30: schedule primary → nobody (schedule primary has nobody on"
                        + " call then)");
        assertThat(walk.deadEnds())
                .extracting(DeadEnd::kind, DeadEnd::step, DeadEnd::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                DeadEnd.Kind.SCHEDULE_GAP,
                                1,
                                "step 1 of round 2 (+1h, Fri 27 Nov 18:30): schedule primary has nobody on call then;"
                                        + " its layers leave a gap, so add a layer or an override (and again in 1"
                                        + " later round)"),
                        org.assertj.core.groups.Tuple.tuple(
                                DeadEnd.Kind.STEP_REACHES_NOBODY,
                                1,
                                "step 1 of round 2 (+1h, Fri 27 Nov 18:30) reaches nobody: schedule primary has"
                                        + " nobody on call (and again in 1 later round)"));
        assertThat(walk.reachedAtStepOne())
                .as("step 1 of the first round reaches alice")
                .isTrue();
    }

    static Instant berlin(String local) {
        return LocalDateTime.parse(local).atZone(BERLIN).toInstant();
    }

    /** Each step of a round as one line: who each target comes to, and every method with its offset. */
    static List<String> lines(DryRunWalk.Round round) {
        return round.steps().stream().map(DryRunTest::line).toList();
    }

    static String line(DryRunWalk.Step step) {
        return "step " + step.number() + " " + DryRunTimes.offset(step.offset()) + " "
                + DryRunTimes.when(step.at(), BERLIN) + ": "
                + step.recipients().stream().map(DryRunTest::recipient).collect(Collectors.joining("; "));
    }

    static String recipient(DryRunWalk.Recipient r) {
        String kind = r.target().getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
        String who = r.person().isEmpty() ? "" : " → " + r.person();
        if (r.attempts().isEmpty()) {
            return kind + " " + r.target().name() + " → nobody (" + r.problem() + ")";
        }
        return kind + " " + r.target().name() + who + (r.why().isEmpty() ? "" : " (" + r.why() + ")") + ": "
                + r.attempts().stream()
                        .map(a -> a.method() + " " + DryRunTimes.offset(a.offset())
                                + (a.sends() ? "" : " NEVER SENDS (" + a.problem() + ")"))
                        .collect(Collectors.joining(", "));
    }

    static DryRun dryRun(String yaml) {
        return dryRun(yaml, List.of());
    }

    static DryRun dryRun(String yaml, List<ScheduleOverride> overrides) {
        return dryRun(yaml, Map.of(), overrides);
    }

    static DryRun dryRun(String yaml, Map<String, String> environment, List<ScheduleOverride> overrides) {
        FirewatchConfig config = config(yaml, environment);
        return new DryRun(DryRunConfigs.of(config), (name, from) -> config.schedule(name)
                .map(spec -> new OnCallSchedule(spec, overrides)));
    }

    static FirewatchConfig config(String yaml, Map<String, String> environment) {
        return switch (new ConfigLoader(environment).parse(yaml, Path.of("firewatch.yaml"))) {
            case ConfigResult.Loaded loaded -> loaded.config();
            case ConfigResult.Invalid invalid ->
                throw new AssertionError("the test's config is invalid: " + invalid.errors());
        };
    }
}
