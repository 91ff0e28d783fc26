package dev.firewatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firewatch.alert.Severity;
import dev.firewatch.probe.Condition;
import dev.firewatch.probe.MonitorSpec;
import dev.firewatch.probe.ProbeSpec;
import dev.firewatch.probe.WindowRule;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What {@code monitors:} becomes: every key, each kind in both its forms, and the defaults. */
class MonitorsConfigTest {
    private static final String SERVICES = """
            services:
              - name: api
                integration_key: k1
              - name: database
                integration_key: k2
            """;

    @Test
    void readsEveryKeyOfAnHttpMonitor() {
        var config = Configs.loaded(Configs.parse(SERVICES + """
                monitors:
                  - name: api-ready
                    service: api
                    severity: critical
                    interval: 30s
                    timeout: 5s
                    jitter: 2s
                    failures_before_down: 2
                    successes_before_up: 1
                    http:
                      url: https://api.example.com/ready?probe=1
                      method: post
                      headers: {Accept: application/json, X-Token: "${TOKEN}"}
                      body: '{"ping": true}'
                      follow_redirects: false
                      verify_tls: false
                    conditions:
                      - "[STATUS] == 200"
                      - '[BODY].database == "ok"'
                    window_rules:
                      - p95 response_time > 500ms over 5m
                      - error_ratio > 1% for 2m
                    labels: {team: payments}
                    annotations: {runbook_url: "https://runbooks.example.com/api"}
                """, Map.of("TOKEN", "t0ken")));

        MonitorSpec monitor = config.monitors().getFirst();
        assertThat(monitor.name()).isEqualTo("api-ready");
        assertThat(monitor.service()).isEqualTo("api");
        assertThat(monitor.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(monitor.interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(monitor.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(monitor.jitter()).isEqualTo(Duration.ofSeconds(2));
        assertThat(monitor.failuresBeforeDown()).isEqualTo(2);
        assertThat(monitor.successesBeforeUp()).isEqualTo(1);
        assertThat(monitor.probe())
                .isEqualTo(new ProbeSpec.Http(
                        URI.create("https://api.example.com/ready?probe=1"),
                        "POST",
                        Map.of("Accept", "application/json", "X-Token", "t0ken"),
                        Optional.of("{\"ping\": true}"),
                        false,
                        false));
        assertThat(monitor.conditions())
                .extracting(Condition::text)
                .containsExactly("[STATUS] == 200", "[BODY].database == \"ok\"");
        assertThat(monitor.windows())
                .containsExactly(
                        new WindowRule.Latency(
                                95, Duration.ofMillis(500), Duration.ofMinutes(5), "p95 response_time > 500ms over 5m"),
                        new WindowRule.ErrorRatio(0.01, Duration.ofMinutes(2), "error_ratio > 1% for 2m"));
        assertThat(monitor.labels()).isEqualTo(Map.of("team", "payments"));
        assertThat(monitor.annotations()).isEqualTo(Map.of("runbook_url", "https://runbooks.example.com/api"));
    }

    @Test
    void fillsTheDefaultsForAMonitorThatSaysOnlyWhatToCheck() {
        var config = Configs.loaded(Configs.parse(SERVICES + """
                monitors:
                  - name: api
                    service: api
                    http: http://127.0.0.1:8080/healthz
                """));

        assertThat(config.monitors())
                .containsExactly(new MonitorSpec(
                        "api",
                        "api",
                        Severity.ERROR,
                        Duration.ofSeconds(60),
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(6),
                        new ProbeSpec.Http(
                                URI.create("http://127.0.0.1:8080/healthz"),
                                "GET",
                                Map.of(),
                                Optional.empty(),
                                true,
                                true),
                        List.of(),
                        3,
                        2,
                        List.of(),
                        Map.of(),
                        Map.of()));
    }

    @Test
    void shortensTheDefaultTimeoutAndJitterForAShortInterval() {
        var monitor = Configs.loaded(Configs.parse(SERVICES + """
                        monitors:
                          - {name: fast, service: api, interval: 4s, tcp: "db:5432"}
                          - {name: slow, service: api, interval: 10m, jitter: 0s, tcp: "db:5432"}
                        """)).monitors();

        assertThat(monitor.get(0).timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(monitor.get(0).jitter()).isEqualTo(Duration.ofMillis(400));
        assertThat(monitor.get(1).timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(monitor.get(1).jitter()).isEqualTo(Duration.ZERO);
    }

    @Test
    void readsEachKindInItsShortAndItsLongForm() {
        var monitors = Configs.loaded(Configs.parse(SERVICES + """
                        monitors:
                          - {name: tcp-short, service: database, tcp: "db.internal:5432"}
                          - {name: tcp-v6, service: database, tcp: "[::1]:5432"}
                          - {name: tcp-long, service: database, tcp: {host: db.internal, port: 5432}}
                          - {name: tls-short, service: api, tls: example.com}
                          - {name: tls-port, service: api, tls: "example.com:8443"}
                          - {name: tls-long, service: api, tls: {host: 10.0.0.5, port: 8443, server_name: api.example.com}}
                          - {name: dns-short, service: api, dns: example.com}
                          - {name: dns-long, service: api, dns: {name: example.com}}
                          - name: stuck-jobs
                            service: database
                            sql:
                              url: jdbc:postgresql://db.internal:5432/app?user=monitor&password=${DB_PASSWORD}
                              query: select count(*) from jobs where state = 'stuck'
                            conditions: ["[RESULT] == 0"]
                          - {name: local, service: database, sql: {url: "jdbc:sqlite:/var/lib/app/app.db", query: select 1}}
                        """, Map.of("DB_PASSWORD", "s3cret")))
                .monitors();

        assertThat(monitors)
                .extracting(MonitorSpec::probe)
                .containsExactly(
                        new ProbeSpec.Tcp("db.internal", 5432),
                        new ProbeSpec.Tcp("::1", 5432),
                        new ProbeSpec.Tcp("db.internal", 5432),
                        new ProbeSpec.Tls("example.com", 443, "example.com"),
                        new ProbeSpec.Tls("example.com", 8443, "example.com"),
                        new ProbeSpec.Tls("10.0.0.5", 8443, "api.example.com"),
                        new ProbeSpec.Dns("example.com"),
                        new ProbeSpec.Dns("example.com"),
                        new ProbeSpec.Sql(
                                "jdbc:postgresql://db.internal:5432/app?user=monitor&password=s3cret",
                                "select count(*) from jobs where state = 'stuck'",
                                "db.internal"),
                        new ProbeSpec.Sql("jdbc:sqlite:/var/lib/app/app.db", "select 1", ""));
    }

    @Test
    void theSameFileReadTwiceGivesEqualMonitorsSoAReloadSeesNoChange() {
        String yaml = SERVICES + """
                monitors:
                  - name: api
                    service: api
                    http: http://127.0.0.1:8080/readyz
                    conditions: ["[BODY] matches ^ok", "[STATUS] == 200"]
                    window_rules: ["error_ratio > 1% over 2m"]
                """;

        assertThat(Configs.loaded(Configs.parse(yaml)).monitors())
                .isEqualTo(Configs.loaded(Configs.parse(yaml)).monitors());
    }

    @Test
    void aConfigWithoutMonitorsHasNone() {
        assertThat(Configs.loaded(Configs.parse("server: {}")).monitors()).isEmpty();
    }
}
