package dev.firewatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.firewatch.alert.Severity;
import dev.firewatch.logwatch.LogRuleSpec;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code log_rules:}: the three kinds with their defaults, and each mistake alone as one located error. */
class LogRulesConfigTest {
    private static final String SERVICES = """
            services:
              - name: api
                integration_key: k1
              - name: database
                integration_key: k2
            """;

    @Test
    void theThreeKindsAreReadWithTheirDefaults() {
        var config = Configs.loaded(Configs.parse(SERVICES + """
                log_rules:
                  - name: db-errors
                    service: api
                    match: {app: api}
                    rate: {pattern: 'OperationalError|status=5\\d\\d', more_than: 20, within: 5m}
                    annotations: {runbook_url: https://wiki.example.com/db-errors}
                  - name: integrity-check
                    service: database
                    severity: critical
                    sequence:
                      start: running integrity_check
                      expect: [integrity_check ok, integrity_check skip]
                      within: 5m
                    evidence: 5
                  - name: heartbeat
                    service: api
                    labels: {team: web}
                    absence: {pattern: heartbeat ok, for: 10m}
                """));

        assertThat(config.logRules()).hasSize(3);
        LogRuleSpec rate = config.logRules().get(0);
        assertThat(rate.severity()).isEqualTo(Severity.ERROR);
        assertThat(rate.evidence()).isEqualTo(LogRuleSpec.DEFAULT_EVIDENCE);
        assertThat(rate.match().matches(Map.of("app", "api"))).isTrue();
        assertThat(rate.match().matches(Map.of("app", "web"))).isFalse();
        assertThat(rate.annotations()).containsEntry("runbook_url", "https://wiki.example.com/db-errors");
        assertThat(rate.kind()).isInstanceOfSatisfying(LogRuleSpec.Rate.class, r -> {
            assertThat(r.pattern().matcher("GET /x status=503").find()).isTrue();
            assertThat(r.moreThan()).isEqualTo(20);
            assertThat(r.within()).isEqualTo(Duration.ofMinutes(5));
        });
        LogRuleSpec sequence = config.logRules().get(1);
        assertThat(sequence.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(sequence.evidence()).isEqualTo(5);
        assertThat(sequence.kind()).isInstanceOfSatisfying(LogRuleSpec.Sequence.class, s -> assertThat(s.expected())
                .isEqualTo("integrity_check ok|integrity_check skip"));
        assertThat(config.logRules().get(2).kind())
                .isInstanceOfSatisfying(
                        LogRuleSpec.Absence.class, a -> assertThat(a.duration()).isEqualTo(Duration.ofMinutes(10)));
        assertThat(config.logRules().get(2).labels()).containsEntry("team", "web");
    }

    @Test
    void aSingleExpectedPatternNeedsNoList() {
        var config = Configs.loaded(Configs.parse(SERVICES + """
                log_rules:
                  - name: boot
                    service: api
                    sequence: {start: starting worker, expect: worker ready, within: 2m}
                """));

        assertThat(((LogRuleSpec.Sequence) config.logRules().getFirst().kind()).expected())
                .isEqualTo("worker ready");
    }

    @Test
    void aMisspeltKeyGetsADidYouMeanBesideWhatIsMissing() {
        var errors = Configs.errors(Configs.parse(SERVICES + """
                log_rules:
                  - name: db-errors
                    service: api
                    rate: {pattern: x, more_than: 20, withn: 5m}
                """));

        assertThat(errors)
                .extracting(ConfigProblem::toString)
                .containsExactlyInAnyOrder(
                        "firewatch.yaml:9:39: unknown key \"withn\" in log_rules[0].rate; did you mean \"within\"?",
                        "firewatch.yaml:9:11: log_rules[0].rate: within is missing; add a duration like 5m");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void reportsTheMistakeAtItsLineAndColumn(String sentence, String yaml, String expected) {
        var errors = Configs.errors(Configs.parse(SERVICES + "log_rules:\n" + yaml));

        assertThat(errors).extracting(ConfigProblem::toString).containsExactly("firewatch.yaml:" + expected);
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                arguments(
                        "a bad regex points at the column where it goes wrong",
                        """
                          - name: db-errors
                            service: api
                            rate: {pattern: 'status=(5\\d\\d', more_than: 20, within: 5m}
                        """,
                        "9:35: log_rules[0].rate.pattern: invalid regex \"status=(5\\\\d\\\\d\": Unclosed group"
                                + " at the end of the regex"),
                arguments(
                        "a bad regex among the expected lines names its item and points into it",
                        """
                          - name: check
                            service: database
                            sequence: {start: running, expect: [ok, "skip["], within: 5m}
                        """,
                        "9:50: log_rules[0].sequence.expect[1]: invalid regex \"skip[\": Unclosed character class"
                                + " at column 5 of the regex"),
                arguments(
                        "a misspelt kind gets a did-you-mean",
                        """
                          - name: db-errors
                            service: api
                            rat: {pattern: x, more_than: 20, within: 5m}
                            rate: {pattern: x, more_than: 20, within: 5m}
                        """,
                        "9:5: unknown key \"rat\" in log_rules[0]; did you mean \"rate\"?"),
                arguments(
                        "an unknown service gets a did-you-mean",
                        """
                          - name: db-errors
                            service: databse
                            rate: {pattern: x, more_than: 20, within: 5m}
                        """,
                        "8:14: log_rules[0].service: unknown service \"databse\"; did you mean \"database\"?"),
                arguments(
                        "a rule without a kind says which kinds there are",
                        """
                          - name: db-errors
                            service: api
                        """,
                        "7:5: log_rules[0]: say what the rule looks for with one of rate: {pattern, more_than,"
                                + " within}, sequence: {start, expect, within} or absence: {pattern, for}"),
                arguments(
                        "a rule with two kinds",
                        """
                          - name: db-errors
                            service: api
                            rate: {pattern: x, more_than: 20, within: 5m}
                            absence: {pattern: x, for: 5m}
                        """,
                        "10:14: log_rules[0]: a rule has one kind, but rate and absence are both here; make a rule"
                                + " for each"),
                arguments(
                        "a window that is not a duration",
                        """
                          - name: quiet
                            service: api
                            absence: {pattern: heartbeat, for: ten minutes}
                        """,
                        "9:40: log_rules[0].absence.for: expected a duration like 500ms, 30s, 5m, 12h or 7d, found"
                                + " \"ten minutes\""),
                arguments(
                        "a negative threshold",
                        """
                          - name: db-errors
                            service: api
                            rate: {pattern: x, more_than: -1, within: 5m}
                        """,
                        "9:35: log_rules[0].rate.more_than: expected a whole number from 0 to 1000000000, found"
                                + " \"-1\""),
                arguments(
                        "an unknown severity gets a did-you-mean",
                        """
                          - name: db-errors
                            service: api
                            severity: critcal
                            rate: {pattern: x, more_than: 20, within: 5m}
                        """,
                        "9:15: log_rules[0].severity: unknown severity \"critcal\"; did you mean \"critical\"?; one"
                                + " of critical, error, warning, info"),
                arguments(
                        "two rules with one name",
                        """
                          - name: db-errors
                            service: api
                            rate: {pattern: x, more_than: 20, within: 5m}
                          - name: db-errors
                            service: api
                            absence: {pattern: x, for: 5m}
                        """,
                        "10:11: duplicate log rule name \"db-errors\"; the first is on line 7"));
    }
}
