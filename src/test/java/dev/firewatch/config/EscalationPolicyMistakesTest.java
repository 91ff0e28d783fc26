package dev.firewatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.firewatch.escalation.Hours;
import dev.firewatch.escalation.StepSpec;
import dev.firewatch.escalation.Target;
import dev.firewatch.escalation.Urgency;
import dev.firewatch.escalation.UrgencyRule;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** escalation_policies: as written, and each mistake in it alone: one error at its line and column. */
class EscalationPolicyMistakesTest {
    private static final String DECLARED = """
            users:
              - name: alice
                role: responder
              - name: bob
                role: responder
            channels:
              - name: ops-chat
                type: webhook
                url: http://127.0.0.1:9/hook
            services:
              - name: api
                integration_key: api-key
              - name: web
                integration_key: web-key
            schedules:
              - name: primary
                layers:
                  - users: [alice, bob]
                    rotation: weekly
                    start: 2026-01-05T09:00
            """;
    private static final int FIRST_LINE = (int) DECLARED.lines().count() + 1;

    @Test
    void readsStepsRepeatsServicesAndUrgency() {
        var config = Configs.loaded(Configs.parse(DECLARED + """
                escalation_policies:
                  - name: critical
                    services: [api]
                    repeat: 2
                    steps:
                      - schedules: [primary]
                        wait: 5m
                      - users: [bob]
                        channels: [ops-chat]
                        wait: 55m
                    urgency:
                      - severities: [SEV2]
                        during: {days: [mon, tue, wed, thu, fri], from: "09:00", to: "18:00", timezone: Europe/Berlin}
                        action: post
                        channel: ops-chat
                      - severities: [SEV3]
                        action: none
                """));

        var policy = config.escalationPolicyFor("api").orElseThrow();
        assertThat(config.escalationPolicyFor("web")).isEmpty();
        assertThat(policy.name()).isEqualTo("critical");
        assertThat(policy.repeat()).isEqualTo(2);
        assertThat(policy.steps())
                .containsExactly(
                        new StepSpec(List.of(new Target.Schedule("primary")), Duration.ofMinutes(5)),
                        new StepSpec(
                                List.of(new Target.User("bob"), new Target.Channel("ops-chat")),
                                Duration.ofMinutes(55)));
        assertThat(policy.round()).isEqualTo(Duration.ofHours(1));
        assertThat(policy.urgency())
                .containsExactly(
                        new UrgencyRule(
                                Set.of("SEV2"),
                                Optional.of(new Hours(
                                        EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                                        LocalTime.of(9, 0),
                                        LocalTime.of(18, 0),
                                        ZoneId.of("Europe/Berlin"))),
                                new Urgency.Post("ops-chat")),
                        new UrgencyRule(Set.of("SEV3"), Optional.empty(), new Urgency.Quiet()));
        assertThat(policy.origin()).isEqualTo("firewatch.yaml:" + (FIRST_LINE + 1) + ":5");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void reportsTheMistakeAtItsLineAndColumn(String sentence, String policy, int line, String expected) {
        String yaml = DECLARED + "escalation_policies:\n" + policy.indent(2);

        var errors = Configs.errors(Configs.parse(yaml));

        assertThat(errors)
                .extracting(ConfigProblem::toString)
                .containsExactly("firewatch.yaml:" + (FIRST_LINE + line) + ":" + expected);
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                arguments(
                        "an unknown user gets the closest declared name",
                        """
                        - name: critical
                          steps:
                            - users: [alice, bbo]
                              wait: 5m
                        """,
                        3,
                        "24: escalation_policies[0].steps[0].users[1]: unknown user \"bbo\"; did you mean \"bob\"?"),
                arguments(
                        "an unknown schedule gets the closest declared name",
                        """
                        - name: critical
                          steps:
                            - schedules: [primray]
                              wait: 5m
                        """,
                        3,
                        "21: escalation_policies[0].steps[0].schedules[0]: unknown schedule \"primray\"; did you mean"
                                + " \"primary\"?"),
                arguments(
                        "an unknown channel gets the closest declared name",
                        """
                        - name: critical
                          steps:
                            - channels: [ops-chta]
                              wait: 5m
                        """,
                        3,
                        "20: escalation_policies[0].steps[0].channels[0]: unknown channel \"ops-chta\"; did you mean"
                                + " \"ops-chat\"?"),
                arguments(
                        "an unknown service, with nothing close, lists the declared ones",
                        """
                        - name: critical
                          services: [billing]
                          steps:
                            - users: [alice]
                              wait: 5m
                        """,
                        2,
                        "16: escalation_policies[0].services[0]: unknown service \"billing\"; declared under services:"
                                + " api, web"),
                arguments(
                        "a service escalated by two policies",
                        """
                        - name: critical
                          services: [api]
                          steps:
                            - users: [alice]
                              wait: 5m
                        - name: quiet
                          services: [web, api]
                          steps:
                            - users: [bob]
                              wait: 5m
                        """,
                        7,
                        "21: escalation_policies[1].services[1]: service \"api\" is already escalated by policy"
                                + " \"critical\" (line " + (FIRST_LINE + 1) + ")"),
                arguments(
                        "a step that notifies nobody",
                        """
                        - name: critical
                          steps:
                            - users: []
                              wait: 5m
                        """,
                        3,
                        "9: escalation_policies[0].steps[0]: notifies nobody; name users, schedules or channels, like"
                                + " schedules: [primary]"),
                arguments(
                        "a step without a wait",
                        """
                        - name: critical
                          steps:
                            - users: [alice]
                        """,
                        3,
                        "9: escalation_policies[0].steps[0]: wait is missing; write how long to wait before the next"
                                + " step (after the last: before the policy repeats), like wait: 5m"),
                arguments(
                        "a negative wait",
                        """
                        - name: critical
                          steps:
                            - users: [alice]
                              wait: -5m
                        """,
                        4,
                        "15: escalation_policies[0].steps[0].wait: a wait cannot be negative, found \"-5m\"; write how"
                                + " long to wait before the next step (after the last: before the policy repeats),"
                                + " like wait: 5m"),
                arguments(
                        "a policy without steps",
                        """
                        - name: critical
                          steps: []
                        """,
                        2,
                        "12: escalation_policies[0].steps: expected at least one, like a step like {users: [alice],"
                                + " wait: 5m}, found none"),
                arguments(
                        "an unknown severity in an urgency rule",
                        """
                        - name: critical
                          steps:
                            - users: [alice]
                              wait: 5m
                          urgency:
                            - severities: [SEV9]
                              action: none
                        """,
                        6,
                        "22: escalation_policies[0].urgency[0].severities[0]: unknown severity \"SEV9\"; did you"
                                + " mean \"SEV1\"?"),
                arguments(
                        "a misspelt action",
                        """
                        - name: critical
                          steps:
                            - users: [alice]
                              wait: 5m
                          urgency:
                            - severities: [SEV3]
                              action: psot
                        """,
                        7,
                        "17: escalation_policies[0].urgency[0].action: expected page, page_low, post or none, found \"psot\";"
                                + " did you mean \"post\"?"),
                arguments(
                        "a post to an unknown channel",
                        """
                        - name: critical
                          steps:
                            - users: [alice]
                              wait: 5m
                          urgency:
                            - severities: [SEV2]
                              action: post
                              channel: ops
                        """,
                        8,
                        "18: escalation_policies[0].urgency[0].channel: unknown channel \"ops\"; declared under"
                                + " channels: ops-chat"),
                arguments(
                        "repeat out of range",
                        """
                        - name: critical
                          repeat: -1
                          steps:
                            - users: [alice]
                              wait: 5m
                        """,
                        2,
                        "13: escalation_policies[0].repeat: expected a whole number from 0 to 100, found \"-1\""));
    }
}
