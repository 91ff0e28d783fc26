package dev.firewatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each mistake in routes, severities, inhibit_rules, maintenance, depends_on and resolve_timeout, alone: one located error. */
class AlertSectionMistakesTest {
    private static final String SERVICES = """
            services:
              - name: api
                integration_key: k1
              - name: database
                integration_key: k2
            """;

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void reportsTheMistakeAtItsLineAndColumn(String sentence, String yaml, String expected) {
        var errors = Configs.errors(Configs.parse(SERVICES + yaml));

        assertThat(errors).extracting(ConfigProblem::toString).containsExactly("firewatch.yaml:" + expected);
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                arguments(
                        "an unterminated quote in a matcher points at the quote",
                        """
                        routes:
                          tree:
                            - matchers: ['env="prod']
                        """,
                        "8:23: routes.tree[0].matchers[0]: unterminated quote in matcher; add the closing \""),
                arguments(
                        "a matcher without an operator points at what came instead",
                        """
                        routes:
                          tree:
                            - matchers: [env prod]
                        """,
                        "8:22: routes.tree[0].matchers[0]: expected an operator (=, !=, =~ or !~) after the label"
                                + " name env, found 'p'"),
                arguments(
                        "a bad regex in match_re points at the value",
                        """
                        routes:
                          tree:
                            - match_re: {env: "prod("}
                        """,
                        "8:24: routes.tree[0].match_re.env: invalid regex \"prod(\": Unclosed group"),
                arguments(
                        "an empty matcher",
                        """
                        routes:
                          tree:
                            - matchers: [""]
                        """,
                        "8:18: routes.tree[0].matchers[0]: expected a matcher like severity=~\"critical|page\","
                                + " found nothing"),
                arguments(
                        "an unknown key in a route gets a suggestion",
                        """
                        routes:
                          tree:
                            - matchers: [env=prod]
                              servce: api
                        """,
                        "9:7: unknown key \"servce\" in routes.tree[0]; did you mean \"service\"?"),
                arguments(
                        "continue that is not true or false",
                        """
                        routes:
                          tree:
                            - service: api
                              continue: yes
                        """,
                        "9:17: routes.tree[0].continue: expected true or false, found \"yes\""),
                arguments(
                        "an unknown default service",
                        """
                        routes:
                          default_service: apii
                        """,
                        "7:20: routes.default_service: unknown service \"apii\"; did you mean \"api\"?"),
                arguments(
                        "an unknown service in a nested route",
                        """
                        routes:
                          tree:
                            - service: api
                              routes:
                                - service: payments
                        """,
                        "10:20: routes.tree[0].routes[0].service: unknown service \"payments\"; declared under"
                                + " services: api, database"),
                arguments(
                        "an alert severity with a typo in the ladder",
                        """
                        severities:
                          - name: SEV1
                            from: [critical, eror]
                          - name: SEV2
                            from: [warning, info]
                        """,
                        "8:22: severities[0].from[1]: unknown alert severity \"eror\"; did you mean \"error\"?"),
                arguments(
                        "an alert severity on two rungs",
                        """
                        severities:
                          - name: SEV1
                            from: [critical, error]
                          - name: SEV2
                            from: [error, warning, info]
                        """,
                        "10:12: severities[1].from[0]: alert severity error already lands on the rung on line 8;"
                                + " each goes on one rung"),
                arguments(
                        "an alert severity on no rung",
                        """
                        severities:
                          - name: SEV1
                            from: [critical, error]
                          - name: SEV2
                            from: [warning]
                        """,
                        "7:3: severities: alert severity info lands on no rung; add it to the from list of one"),
                arguments(
                        "a route severity that is not on the ladder",
                        """
                        severities:
                          - name: P1
                            from: [critical, error, warning, info]
                        routes:
                          tree:
                            - severity: SEV1
                        """,
                        "11:17: routes.tree[0].severity: unknown severity \"SEV1\"; declared under severities: P1"),
                arguments(
                        "an inhibit rule whose target matchers are empty",
                        """
                        inhibit_rules:
                          - source_matchers: [severity=critical]
                            target_matchers: []
                        """,
                        "7:5: inhibit_rules[0]: target_matchers is empty; add the alerts they inhibit, like"
                                + " [severity=warning]"),
                arguments(
                        "an inhibit rule with a typo in a key",
                        """
                        inhibit_rules:
                          - source_matchers: [severity=critical]
                            target_matchers: [severity=warning]
                            equals: [cluster]
                        """,
                        "9:5: unknown key \"equals\" in inhibit_rules[0]; did you mean \"equal\"?"),
                arguments(
                        "a window that is both one-off and weekly",
                        """
                        maintenance:
                          - service: api
                            start: 2026-04-01T22:00
                            end: 2026-04-02T01:00
                            duration: 2h
                        """,
                        "7:5: maintenance[0]: a window is one-off (start, end) or weekly (days, at, duration), not"
                                + " both; write two windows"),
                arguments(
                        "a one-off window that ends before it starts",
                        """
                        maintenance:
                          - service: api
                            start: 2026-04-01T22:00
                            end: 2026-04-01T21:00
                        """,
                        "9:10: maintenance[0].end: the window must end after it starts (\"2026-04-01T22:00\")"),
                arguments(
                        "a one-off window without an end",
                        """
                        maintenance:
                          - service: api
                            start: 2026-04-01T22:00
                        """,
                        "7:5: maintenance[0]: end is missing; a one-off window needs start and end"),
                arguments(
                        "a start that is not a date and time",
                        """
                        maintenance:
                          - service: api
                            start: tomorrow
                            end: 2026-04-01T21:00
                        """,
                        "8:12: maintenance[0].start: expected a date and time like 2026-04-01T22:00 (in the"
                                + " window's timezone) or 2026-04-01T20:00Z, found \"tomorrow\""),
                arguments(
                        "a weekly window longer than a week",
                        """
                        maintenance:
                          - service: api
                            at: "02:00"
                            duration: 8d
                        """,
                        "9:15: maintenance[0].duration: a weekly window lasts at most 7d; for longer, write a"
                                + " one-off window"),
                arguments(
                        "a window without a time",
                        """
                        maintenance:
                          - service: api
                            timezone: UTC
                        """,
                        "7:5: maintenance[0]: when is it? add start and end for a one-off window, or days, at and"
                                + " duration for a weekly one"),
                arguments(
                        "a dependency on an unknown service",
                        """
                          - name: web
                            integration_key: k3
                            depends_on: [databse]
                        """,
                        "8:18: services[2].depends_on[0]: unknown service \"databse\"; did you mean \"database\"?"),
                arguments(
                        "a service that depends on itself",
                        """
                          - name: web
                            integration_key: k3
                            depends_on: [web]
                        """,
                        "8:18: services[2].depends_on[0]: a cycle in depends_on: web → web; a service cannot"
                                + " depend on itself, even through others"),
                arguments(
                        "a cycle through three services, named in full",
                        """
                          - name: web
                            integration_key: k3
                            depends_on: [cache]
                          - name: cache
                            integration_key: k4
                            depends_on: [queue]
                          - name: queue
                            integration_key: k5
                            depends_on: [database, web]
                        """,
                        "14:28: services[4].depends_on[1]: a cycle in depends_on: web → cache → queue → web; a"
                                + " service cannot depend on itself, even through others"),
                arguments(
                        "a resolve_timeout without a unit",
                        """
                          - name: cron
                            integration_key: k3
                            resolve_timeout: 30
                        """,
                        "8:22: services[2].resolve_timeout: expected a duration like 500ms, 30s, 5m, 12h or 7d,"
                                + " found \"30\""),
                arguments(
                        "a resolve_timeout of zero",
                        """
                          - name: cron
                            integration_key: k3
                            resolve_timeout: 0s
                        """,
                        "8:22: services[2].resolve_timeout: expected a duration like 500ms, 30s, 5m, 12h or 7d,"
                                + " found \"0s\""));
    }
}
