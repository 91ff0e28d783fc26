package dev.firewatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.firewatch.probe.ConnectivitySpec;
import dev.firewatch.probe.MonitoringSpec;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code connectivity:} and {@code monitoring:}: defaults filled in, and each mistake located alone. */
class ConnectivitySectionTest {
    private static final String SERVICES = """
            services:
              - name: api
                integration_key: k1
              - name: network
                integration_key: k2
            """;

    @Test
    void absentSectionsMeanNoCanariesAndTheDefaults() {
        FirewatchConfig config = Configs.loaded(Configs.parse(SERVICES));
        assertThat(config.connectivity()).isEmpty();
        assertThat(config.monitoring()).isEqualTo(MonitoringSpec.DEFAULTS);
        assertThat(config.monitoring().perHostLimit()).isEqualTo(8);
        assertThat(config.monitoring().history().raw()).isEqualTo(Duration.ofHours(48));
    }

    @Test
    void canariesAreHostPortsOrUrlsAndTheSelfAlertGoesToTheFirstServiceUnlessNamed() {
        FirewatchConfig config = Configs.loaded(Configs.parse(SERVICES + """
                connectivity:
                  canaries: [1.1.1.1:53, "[2606:4700::1111]:53", https://example.com, http://example.org:8080/x]
                """));
        ConnectivitySpec spec = config.connectivity().orElseThrow();
        assertThat(spec.canaries())
                .extracting(ConnectivitySpec.Canary::host, ConnectivitySpec.Canary::port)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("1.1.1.1", 53),
                        org.assertj.core.groups.Tuple.tuple("[2606:4700::1111]", 53),
                        org.assertj.core.groups.Tuple.tuple("example.com", 443),
                        org.assertj.core.groups.Tuple.tuple("example.org", 8080));
        assertThat(spec.interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(spec.timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(spec.service()).isEqualTo(Optional.of("api"));

        FirewatchConfig named = Configs.loaded(Configs.parse(SERVICES + """
                connectivity:
                  canaries: [10.0.0.1:22]
                  interval: 10s
                  timeout: 500ms
                  service: network
                monitoring:
                  per_host_limit: 2
                  flapping: {changes: 6, window: 1h}
                  history: {raw: 24h, minute: 7d, hour: 30d, day: 365d}
                """));
        assertThat(named.connectivity().orElseThrow().service()).isEqualTo(Optional.of("network"));
        assertThat(named.connectivity().orElseThrow().interval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(named.monitoring())
                .isEqualTo(new MonitoringSpec(
                        2,
                        new MonitoringSpec.Flapping(6, Duration.ofHours(1)),
                        new MonitoringSpec.History(
                                Duration.ofHours(24), Duration.ofDays(7), Duration.ofDays(30), Duration.ofDays(365))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void reportsTheMistakeAtItsLineAndColumn(String sentence, String yaml, String expected) {
        var errors = Configs.errors(Configs.parse(SERVICES + yaml));
        assertThat(errors).extracting(ConfigProblem::toString).containsExactly("firewatch.yaml:" + expected);
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                arguments(
                        "a canary without a port",
                        """
                        connectivity:
                          canaries: [1.1.1.1]
                        """,
                        "7:14: connectivity.canaries[0]: expected host:port (like 1.1.1.1:53 or [2606:4700::1111]:53)"
                                + " or an http(s):// URL, found \"1.1.1.1\""),
                arguments(
                        "no canaries at all",
                        """
                        connectivity:
                          interval: 30s
                        """,
                        "7:3: connectivity.canaries: give a few targets Firewatch should always reach, like"
                                + " canaries: [1.1.1.1:53, 8.8.8.8:53, https://example.com]"),
                arguments(
                        "an unknown service, with a suggestion",
                        """
                        connectivity:
                          canaries: [1.1.1.1:53]
                          service: netwrk
                        """,
                        "8:12: connectivity.service: unknown service \"netwrk\"; did you mean \"network\"?"),
                arguments(
                        "a misspelt key, with a suggestion",
                        """
                        connectivity:
                          canaries: [1.1.1.1:53]
                          intervall: 30s
                        """,
                        "8:3: unknown key \"intervall\" in connectivity; did you mean \"interval\"?"),
                arguments(
                        "a per-host limit of zero",
                        """
                        monitoring:
                          per_host_limit: 0
                        """,
                        "7:19: monitoring.per_host_limit: expected a whole number from 1 to 1000, found \"0\""),
                arguments(
                        "raw results kept for less than an hour",
                        """
                        monitoring:
                          history: {raw: 10m}
                        """,
                        "7:18: monitoring.history.raw: expected at least 1h, found 10m"));
    }
}
