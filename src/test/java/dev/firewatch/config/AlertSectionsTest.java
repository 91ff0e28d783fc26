package dev.firewatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firewatch.alert.IncidentSeveritySpec;
import dev.firewatch.alert.Labels;
import dev.firewatch.alert.MaintenanceSpec;
import dev.firewatch.alert.Matchers;
import dev.firewatch.alert.Severity;
import dev.firewatch.alert.route.RouteTree;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** routes, severities, inhibit_rules, maintenance and depends_on, read into the alert feature's specs. */
class AlertSectionsTest {
    private static final String SERVICES = """
            services:
              - name: demo
                integration_key: demo-key
              - name: database
                integration_key: db-key
              - name: api
                integration_key: api-key
                depends_on: [database]
            """;

    @Test
    void readsTheRoutingTreeWithEverySpellingOfMatchers() {
        var config = Configs.loaded(Configs.parse(SERVICES + """
                routes:
                  default_service: demo
                  tree:
                    - match: {team: db}
                      service: database
                      routes:
                        - matchers: ['severity=~"critical|page"', 'env="prod"']
                          severity: SEV1
                    - match_re: {service: "api|web"}
                      service: api
                      continue: true
                    - matchers: '{env!="prod"}'
                """));

        var routes = config.routes();
        assertThat(routes.defaultService()).contains("demo");
        assertThat(routes.tree()).hasSize(3);
        var db = routes.tree().getFirst();
        assertThat(db.origin()).isEqualTo("routes.tree[0] (line 12)");
        assertThat(db.matchers()).isEqualTo(Matchers.parse("team=db").orThrow());
        assertThat(db.routes().getFirst().matchers().toString())
                .isEqualTo("{severity=~\"critical|page\", env=\"prod\"}");
        assertThat(db.routes().getFirst().severity()).contains("SEV1");
        assertThat(routes.tree().get(1).continueMatching()).isTrue();
        assertThat(routes.tree().get(2).service()).isEmpty();

        var routing = new RouteTree(routes)
                .route(Labels.parse("team=db, severity=page, env=prod").orThrow(), "x");
        assertThat(routing.service()).isEqualTo("database");
        assertThat(routing.severity()).contains("SEV1");
    }

    @Test
    void withoutTheNewSectionsTheDefaultsApply() {
        var config = Configs.loaded(Configs.parse("server: {}\n"));

        assertThat(config.routes().defaultService()).isEmpty();
        assertThat(config.routes().tree()).isEmpty();
        assertThat(config.severities()).isEqualTo(IncidentSeveritySpec.DEFAULTS);
        assertThat(config.inhibitRules()).isEmpty();
        assertThat(config.maintenance()).isEmpty();
    }

    @Test
    void readsTheSeverityLadder() {
        var config = Configs.loaded(Configs.parse("""
                severities:
                  - name: P1
                    from: [critical, error]
                  - name: P2
                    from: [warning]
                  - name: P3
                    from: [info]
                """));

        assertThat(config.severities())
                .containsExactly(
                        new IncidentSeveritySpec("P1", List.of(Severity.CRITICAL, Severity.ERROR)),
                        new IncidentSeveritySpec("P2", List.of(Severity.WARNING)),
                        new IncidentSeveritySpec("P3", List.of(Severity.INFO)));
    }

    @Test
    void readsInhibitRulesInAlertmanagersShape() {
        var config = Configs.loaded(Configs.parse("""
                inhibit_rules:
                  - source_matchers: [severity="critical"]
                    target_matchers: [severity=~"warning|info"]
                    equal: [cluster, service]
                  - source_match: {alertname: DatacenterDown}
                    target_match_re: {dc: ".+"}
                    equal: [dc]
                """));

        var first = config.inhibitRules().getFirst();
        assertThat(first.source().toString()).isEqualTo("{severity=\"critical\"}");
        assertThat(first.target().toString()).isEqualTo("{severity=~\"warning|info\"}");
        assertThat(first.equal()).containsExactly("cluster", "service");
        assertThat(config.inhibitRules().get(1).target().toString()).isEqualTo("{dc=~\".+\"}");
    }

    @Test
    void readsOneOffAndWeeklyMaintenanceWindowsInTheirZones() {
        var config = Configs.loaded(Configs.parse(SERVICES + """
                maintenance:
                  - service: database
                    timezone: Europe/Berlin
                    comment: volume resize
                    start: 2026-03-29T01:30
                    end: 2026-03-29 04:00
                  - service: api
                    timezone: America/New_York
                    days: [sat, sunday]
                    at: 02:00
                    duration: 2h
                  - service: api
                    start: 2026-06-01T10:00Z
                    end: 2026-06-01T14:00+02:00
                """));

        var windows = config.maintenance();
        assertThat(windows.getFirst())
                .isEqualTo(new MaintenanceSpec(
                        "database",
                        ZoneId.of("Europe/Berlin"),
                        new MaintenanceSpec.Once(
                                Instant.parse("2026-03-29T00:30:00Z"),
                                // 04:00 is already summer time in Berlin on that day
                                Instant.parse("2026-03-29T02:00:00Z")),
                        "volume resize",
                        "maintenance[0]"));
        assertThat(windows.get(1).schedule())
                .isEqualTo(new MaintenanceSpec.Weekly(
                        Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), LocalTime.of(2, 0), Duration.ofHours(2)));
        assertThat(windows.get(2).zone()).isEqualTo(ZoneId.of("Z"));
        assertThat(windows.get(2).schedule())
                .isEqualTo(new MaintenanceSpec.Once(
                        Instant.parse("2026-06-01T10:00:00Z"), Instant.parse("2026-06-01T12:00:00Z")));
    }

    @Test
    void readsDependencies() {
        var config = Configs.loaded(Configs.parse(SERVICES));

        assertThat(config.services().get(2).dependsOn()).containsExactly("database");
        assertThat(config.services().getFirst().dependsOn()).isEmpty();
    }

    @Test
    void everyMistakeInTheNewSectionsIsReportedInOneRun() {
        var result = Configs.parse(SERVICES + """
                routes:
                  tree:
                    - match: {team: db}
                      service: databse
                      severity: SEV9
                    - matchers: ['env=~"("']
                inhibit_rules:
                  - source_matchers: [severity=critical]
                maintenance:
                  - service: db
                    timezone: Europe/Berln
                    days: [sundy]
                    at: "25:00"
                    duration: 2h
                """);

        assertThat(Configs.errors(result))
                .extracting(ConfigProblem::toString)
                .containsExactly(
                        "firewatch.yaml:12:16: routes.tree[0].service: unknown service \"databse\"; did you mean \"database\"?",
                        "firewatch.yaml:13:17: routes.tree[0].severity: unknown severity \"SEV9\"; did you mean \"SEV1\"?",
                        "firewatch.yaml:14:24: routes.tree[1].matchers[0]: invalid regex \"(\": Unclosed group",
                        "firewatch.yaml:16:5: inhibit_rules[0]: target_matchers is missing; add the alerts they inhibit, like"
                                + " [severity=warning]",
                        "firewatch.yaml:18:14: maintenance[0].service: unknown service \"db\"; declared under services: api,"
                                + " database, demo",
                        "firewatch.yaml:19:15: maintenance[0].timezone: unknown time zone \"Europe/Berln\"; did you mean"
                                + " \"Europe/Berlin\"?",
                        "firewatch.yaml:20:12: maintenance[0].days[0]: unknown day \"sundy\"; did you mean \"sunday\"?",
                        "firewatch.yaml:21:9: maintenance[0].at: expected a time of day like \"02:00\" (24-hour clock),"
                                + " found \"25:00\"");
    }

    @Test
    void withoutRoutesAnAlertStaysWithItsIntegrationKeysService() {
        var config = Configs.loaded(Configs.parse("server: {}\n"));

        assertThat(new RouteTree(config.routes())
                        .route(Labels.parse("a=b").orThrow(), "demo")
                        .service())
                .isEqualTo("demo");
        assertThat(config.routes().defaultService()).isEqualTo(Optional.empty());
    }

    @Test
    void theRoutesExampleInTheDocsExplainsItselfAsTheDocsSay() {
        var config = Configs.loaded(Configs.parse("""
                routes:
                  default_service: demo
                  tree:
                    - match: {team: db}
                      service: database
                      routes:
                        - matchers: ['severity=~"critical|page"', 'env="prod"']
                          severity: SEV1
                    - match_re: {service: "api|web"}
                      service: api
                      continue: true
                    - matchers: ['env!="prod"']
                      service: sandbox
                      severity: SEV3
                services:
                  - {name: demo, integration_key: k1}
                  - {name: database, integration_key: k2}
                  - {name: api, integration_key: k3}
                  - {name: sandbox, integration_key: k4}
                """));

        var routing = new RouteTree(config.routes())
                .route(Labels.parse("team=db, severity=critical, env=prod").orThrow(), "demo");

        assertThat(routing.explanation())
                .containsExactly(
                        "→ database (severity SEV1): routed by routes.tree[0].routes[0] (line 7), which keeps its"
                                + " parent's service",
                        "    routes.tree[0] (line 4): {team=\"db\"} matched",
                        "    routes.tree[0].routes[0] (line 7): {severity=~\"critical|page\", env=\"prod\"} matched");
    }
}
