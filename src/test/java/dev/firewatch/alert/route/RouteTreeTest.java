package dev.firewatch.alert.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.firewatch.alert.IncidentSeveritySpec;
import dev.firewatch.alert.Labels;
import dev.firewatch.alert.Matchers;
import dev.firewatch.alert.RouteSpec;
import dev.firewatch.alert.RoutesSpec;
import dev.firewatch.alert.Severity;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RouteTreeTest {
    /**
     * <pre>
     * tree[0]  {team="db"} → database
     *   tree[0].routes[0]  {env="staging"} → severity SEV3
     *   tree[0].routes[1]  {severity=~"critical|page"} → database-oncall, SEV1
     * tree[1]  {service=~"api|web"} → api, continue
     * tree[2]  {env!="prod"} → sandbox
     * tree[3]  {alertname!~"Watchdog|Heartbeat", severity="critical"} → platform
     * </pre>
     */
    private static final RouteTree TREE = new RouteTree(new RoutesSpec(
            Optional.empty(),
            List.of(
                    route(
                            "tree[0]",
                            "team=db",
                            "database",
                            null,
                            false,
                            route("tree[0].routes[0]", "env=staging", null, "SEV3", false),
                            route(
                                    "tree[0].routes[1]",
                                    "severity=~\"critical|page\"",
                                    "database-oncall",
                                    "SEV1",
                                    false)),
                    route("tree[1]", "service=~\"api|web\"", "api", null, true),
                    route("tree[2]", "env!=prod", "sandbox", null, false),
                    route(
                            "tree[3]",
                            "alertname!~\"Watchdog|Heartbeat\", severity=critical",
                            "platform",
                            null,
                            false))));

    private static RouteSpec route(
            String origin, String matchers, String service, String severity, boolean next, RouteSpec... children) {
        return new RouteSpec(
                origin,
                Matchers.parse(matchers).orThrow(),
                Optional.ofNullable(service),
                Optional.ofNullable(severity),
                next,
                List.of(children));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void routesByLabels(String sentence, String labels, List<String> services, String severity) {
        var routing = TREE.route(Labels.parse(labels).orThrow(), "intake");

        assertThat(routing.destinations())
                .extracting(Routing.Destination::service)
                .isEqualTo(services);
        assertThat(routing.severity()).isEqualTo(Optional.ofNullable(severity));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("a matching route takes the alert", "team=db, env=prod", List.of("database"), null),
                arguments(
                        "the first match wins even when a later route matches too",
                        "team=db, env=qa",
                        List.of("database"),
                        null),
                arguments(
                        "a child without a service keeps its parent's and sets the severity",
                        "team=db, env=staging",
                        List.of("database"),
                        "SEV3"),
                arguments(
                        "the first matching child wins",
                        "team=db, env=staging, severity=critical",
                        List.of("database"),
                        "SEV3"),
                arguments("a regex child", "team=db, env=prod, severity=page", List.of("database-oncall"), "SEV1"),
                arguments(
                        "continue sends the alert on to the next matching route too",
                        "service=web, env=qa",
                        List.of("api", "sandbox"),
                        null),
                arguments(
                        "continue with no further match leaves one destination",
                        "service=api, env=prod",
                        List.of("api"),
                        null),
                arguments("a negative matcher", "env=dev", List.of("sandbox"), null),
                arguments(
                        "a negative regex lets other alert names through",
                        "alertname=DiskFull, env=prod, severity=critical",
                        List.of("platform"),
                        null),
                arguments(
                        "a negative regex keeps the named alerts out, so the default takes them",
                        "alertname=Watchdog, env=prod, severity=critical",
                        List.of("intake"),
                        null),
                arguments(
                        "an absent label is the empty string, which is not prod",
                        "alertname=DiskFull",
                        List.of("sandbox"),
                        null));
    }

    @Test
    void anAlertNoRouteMatchesGoesToItsIntegrationKeysService() {
        var routing = TREE.route(Labels.parse("env=prod").orThrow(), "intake");

        assertThat(routing.service()).isEqualTo("intake");
        assertThat(routing.primary().path()).isEmpty();
        assertThat(routing.primary().reason())
                .isEqualTo("no route matched; the alert's integration key belongs to intake");
    }

    @Test
    void anAlertNoRouteMatchesGoesToTheDefaultServiceWhenThereIsOne() {
        var tree = new RouteTree(new RoutesSpec(Optional.of("triage"), List.of()));

        var routing = tree.route(Labels.parse("env=prod").orThrow(), "intake");

        assertThat(routing.service()).isEqualTo("triage");
        assertThat(routing.explanation()).containsExactly("→ triage: no route matched; default_service is triage");
    }

    @Test
    void explainsThePathThatMatched() {
        var routing =
                TREE.route(Labels.parse("team=db, env=prod, severity=critical").orThrow(), "intake");

        assertThat(routing.explanation())
                .containsExactly(
                        "→ database-oncall (severity SEV1): routed by tree[0].routes[1]",
                        "    tree[0]: {team=\"db\"} matched",
                        "    tree[0].routes[1]: {severity=~\"critical|page\"} matched");
    }

    @Test
    void aRouteWithoutMatchersCatchesEverything() {
        var tree = new RouteTree(
                new RoutesSpec(Optional.empty(), List.of(route("tree[0]", "", "catch-all", null, false))));

        var routing = tree.route(Labels.parse("x=y").orThrow(), "intake");

        assertThat(routing.service()).isEqualTo("catch-all");
        assertThat(routing.primary().path())
                .extracting(Routing.Hop::reason)
                .containsExactly("no matchers, so every alert matches");
    }

    @Test
    void theLadderMapsAlertSeveritiesUnlessARouteForcesOne() {
        var ladder = new SeverityLadder(IncidentSeveritySpec.DEFAULTS);
        var forced = TREE.route(Labels.parse("team=db, env=staging").orThrow(), "intake");
        var unforced = TREE.route(Labels.parse("team=db, env=prod").orThrow(), "intake");

        assertThat(ladder.of(Severity.CRITICAL)).isEqualTo("SEV1");
        assertThat(ladder.of(Severity.INFO)).isEqualTo("SEV3");
        assertThat(ladder.of(forced.primary(), Severity.CRITICAL)).isEqualTo("SEV3");
        assertThat(ladder.of(unforced.primary(), Severity.ERROR)).isEqualTo("SEV2");
        assertThat(ladder.rank("SEV1")).isLessThan(ladder.rank("SEV2"));
    }
}
