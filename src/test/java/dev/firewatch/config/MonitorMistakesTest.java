package dev.firewatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each mistake in monitors:, alone: one error, at its line and column, saying what to write instead. */
class MonitorMistakesTest {
    private static final String SERVICES = """
            services:
              - name: api
                integration_key: k1
              - name: database
                integration_key: k2
            monitors:
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
                        "a misspelt placeholder points at it inside the condition",
                        """
                          - name: api
                            service: api
                            http: http://127.0.0.1:8080/readyz
                            conditions:
                              - "[STATUS] == 200"
                              - "[STATUSS] == 200"
                        """,
                        "12:10: monitors[0].conditions[1]: unknown placeholder [STATUSS]; did you mean [STATUS]?"),
                arguments(
                        "a placeholder the kind never fills",
                        """
                          - name: api
                            service: api
                            http: http://127.0.0.1:8080/readyz
                            conditions: ["[RESULT] == 0"]
                        """,
                        "10:19: monitors[0].conditions[0]: [RESULT] is never filled by an http monitor; it has"
                                + " [STATUS], [BODY], [HEADER].name, [RESPONSE_TIME], [CERT_EXPIRY],"
                                + " [CERT_MATCHES_HOST], [CONNECTED]"),
                arguments(
                        "a bad operator in a plain scalar",
                        """
                          - name: api
                            service: api
                            http: http://127.0.0.1:8080/readyz
                            conditions:
                              - '[BODY].database = "ok"'
                        """,
                        "11:26: monitors[0].conditions[0]: unknown operator '='; did you mean '=='?"),
                arguments(
                        "a condition without a value",
                        """
                          - name: api
                            service: api
                            http: http://127.0.0.1:8080/readyz
                            conditions:
                              - "[STATUS] =="
                        """,
                        "11:21: monitors[0].conditions[0]: missing value after ==; write one like 200, \"ok\", 400ms,"
                                + " true or null"),
                arguments(
                        "a placeholder alone without quotes, which YAML reads as a list",
                        """
                          - name: api
                            service: api
                            http: http://127.0.0.1:8080/readyz
                            conditions:
                              - [CONNECTED]
                        """,
                        "11:9: monitors[0].conditions[0]: expected a condition in quotes, like \"[STATUS] == 200\""
                                + " (YAML reads an unquoted [STATUS] as a list), found a list"),
                arguments(
                        "a condition without quotes, which is not even YAML",
                        """
                          - name: api
                            service: api
                            http: http://127.0.0.1:8080/readyz
                            conditions:
                              - [STATUS] == 200
                        """,
                        "11:18: invalid YAML: while parsing a block collection started on line 11, expected <block"
                                + " end>, but found '<scalar>'; a condition starting with [ needs quotes around it:"
                                + " - \"[STATUS] == 200\""),
                arguments(
                        "a misspelt key gets a suggestion",
                        """
                          - name: api
                            service: api
                            http: http://127.0.0.1:8080/readyz
                            intervall: 30s
                        """,
                        "10:5: unknown key \"intervall\" in monitors[0]; did you mean \"interval\"?"),
                arguments(
                        "a monitor without a kind",
                        """
                          - name: api
                            service: api
                        """,
                        "7:5: monitors[0]: what does it check? add one of http, tcp, tls, dns or sql, like http:"
                                + " https://api.example.com/health"),
                arguments(
                        "a monitor with two kinds",
                        """
                          - name: api
                            service: api
                            http: http://127.0.0.1:8080/readyz
                            tcp: "127.0.0.1:8080"
                        """,
                        "10:10: monitors[0].tcp: a monitor checks one thing, and this one has http on line 9 already;"
                                + " write a monitor for each"),
                arguments(
                        "a monitor without a name",
                        """
                          - service: api
                            http: http://127.0.0.1:8080/readyz
                        """,
                        "7:5: monitors[0]: name is missing; add one, like name: api-health"),
                arguments(
                        "two monitors with one name",
                        """
                          - {name: api, service: api, http: "http://127.0.0.1:8080/readyz"}
                          - {name: api, service: api, tcp: "127.0.0.1:8080"}
                        """,
                        "8:12: duplicate monitor name \"api\"; the first is on line 7"),
                arguments(
                        "an unknown service",
                        """
                          - name: api
                            service: apii
                            http: http://127.0.0.1:8080/readyz
                        """,
                        "8:14: monitors[0].service: unknown service \"apii\"; did you mean \"api\"?"),
                arguments(
                        "a monitor without a service",
                        """
                          - name: api
                            http: http://127.0.0.1:8080/readyz
                        """,
                        "7:5: monitors[0]: service is missing; add the service whose incidents the monitor's failures"
                                + " open, like service: api"),
                arguments(
                        "an unknown severity",
                        """
                          - name: api
                            service: api
                            severity: critcal
                            http: http://127.0.0.1:8080/readyz
                        """,
                        "9:15: monitors[0].severity: unknown value \"critcal\"; did you mean \"critical\"?"),
                arguments(
                        "an interval below a second",
                        """
                          - name: api
                            service: api
                            interval: 500ms
                            http: http://127.0.0.1:8080/readyz
                        """,
                        "9:15: monitors[0].interval: expected at least 1s, found \"500ms\""),
                arguments(
                        "a timeout as long as the interval",
                        """
                          - name: api
                            service: api
                            interval: 30s
                            timeout: 30s
                            http: http://127.0.0.1:8080/readyz
                        """,
                        "10:14: monitors[0].timeout: the timeout must be shorter than the interval (30s), so one check"
                                + " ends before the next starts"),
                arguments(
                        "a jitter as long as the interval",
                        """
                          - name: api
                            service: api
                            jitter: 2m
                            http: http://127.0.0.1:8080/readyz
                        """,
                        "9:13: monitors[0].jitter: the jitter must be shorter than the interval (1m)"),
                arguments(
                        "a jitter that is a list is reported once",
                        """
                          - name: api
                            service: api
                            jitter: [1s]
                            http: http://127.0.0.1:8080/readyz
                        """,
                        "9:13: monitors[0].jitter: expected a duration like 5s, or 0s for none, found a list"),
                arguments(
                        "a failure count of zero",
                        """
                          - name: api
                            service: api
                            failures_before_down: 0
                            http: http://127.0.0.1:8080/readyz
                        """,
                        "9:27: monitors[0].failures_before_down: expected a whole number from 1 to 100, found \"0\""),
                arguments(
                        "an http URL that is not http",
                        """
                          - name: api
                            service: api
                            http: ftp://example.com/
                        """,
                        "9:11: monitors[0].http: expected an http:// or https:// URL, or a path like /readyz for Firewatch's own, found \"ftp://example.com/\""),
                arguments(
                        "an http mapping without a url",
                        """
                          - name: api
                            service: api
                            http: {method: GET}
                        """,
                        "9:11: monitors[0].http: url is missing; give the URL to check, like url:"
                                + " https://api.example.com/health"),
                arguments(
                        "an unknown HTTP method",
                        """
                          - name: api
                            service: api
                            http: {url: "https://example.com", method: GETT}
                        """,
                        "9:48: monitors[0].http.method: unknown value \"GETT\"; did you mean \"GET\"?"),
                arguments(
                        "a misspelt http key",
                        """
                          - name: api
                            service: api
                            http: {url: "https://example.com", verify_ssl: false}
                        """,
                        "9:40: unknown key \"verify_ssl\" in monitors[0].http; did you mean \"verify_tls\"?"),
                arguments(
                        "a Host header",
                        """
                          - name: api
                            service: api
                            http:
                              url: https://example.com
                              headers: {Host: other.example.com}
                        """,
                        "11:17: monitors[0].http.headers.Host: Firewatch sets Host itself; put the host in the url"),
                arguments(
                        "a tcp target without a port",
                        """
                          - name: db
                            service: database
                            tcp: db.internal
                        """,
                        "9:10: monitors[0].tcp: expected host:port like db.internal:5432, found \"db.internal\""),
                arguments(
                        "a tcp port out of range",
                        """
                          - name: db
                            service: database
                            tcp: {host: db.internal, port: 70000}
                        """,
                        "9:36: monitors[0].tcp.port: expected a whole number from 1 to 65535, found \"70000\""),
                arguments(
                        "a tls mapping without a host",
                        """
                          - name: cert
                            service: api
                            tls: {port: 443}
                        """,
                        "9:10: monitors[0].tls: host is missing; add the host to connect to, like host: example.com"),
                arguments(
                        "a sql URL that is not JDBC never shows the rest of it",
                        """
                          - name: jobs
                            service: database
                            sql: {url: "postgres://monitor:s3cret@db/app", query: select 1}
                        """,
                        "9:16: monitors[0].sql.url: expected a jdbc:postgresql://host:port/database or"
                                + " jdbc:sqlite:/path/file.db URL (Firewatch has drivers for these two), found a URL"
                                + " starting with \"postgres:\""),
                arguments(
                        "a sql monitor without a query",
                        """
                          - name: jobs
                            service: database
                            sql: {url: "jdbc:sqlite:/tmp/x.db"}
                        """,
                        "9:10: monitors[0].sql: query is missing; give the query whose first column is [RESULT], like"
                                + " query: select 1"),
                arguments(
                        "a sql monitor written as a URL alone",
                        """
                          - name: jobs
                            service: database
                            sql: jdbc:sqlite:/tmp/x.db
                        """,
                        "9:10: monitors[0].sql: expected a mapping like {url:"
                                + " jdbc:postgresql://db:5432/app?user=monitor, query: select 1}, found"
                                + " \"jdbc:sqlite:/tmp/x.db\""),
                arguments(
                        "a window rule with a misspelt measure",
                        """
                          - name: api
                            service: api
                            http: http://127.0.0.1:8080/readyz
                            window_rules: ["error_rate > 1% over 2m"]
                        """,
                        "10:21: monitors[0].window_rules[0]: expected p95 response_time (or another percentile) or"
                                + " error_ratio, found 'error_rate'; did you mean \"error_ratio\"?"),
                arguments(
                        "a window rule whose ratio has no percent sign",
                        """
                          - name: api
                            service: api
                            http: http://127.0.0.1:8080/readyz
                            window_rules: ["error_ratio > 0.01 over 2m"]
                        """,
                        "10:35: monitors[0].window_rules[0]: expected a percentage from 0% to below 100%, like 1% or"
                                + " 0.5%, found '0.01'"),
                arguments(
                        "a window rule without its window",
                        """
                          - name: api
                            service: api
                            http: http://127.0.0.1:8080/readyz
                            window_rules: ["p95 response_time > 500ms"]
                        """,
                        "10:46: monitors[0].window_rules[0]: expected over and the window's length, like over 5m,"
                                + " found the end"),
                arguments(
                        "a window rule with another comparison",
                        """
                          - name: api
                            service: api
                            http: http://127.0.0.1:8080/readyz
                            window_rules: ["p95 response_time < 500ms over 5m"]
                        """,
                        "10:39: monitors[0].window_rules[0]: expected > (a rule holds while the value is above its"
                                + " threshold), found '<'"),
                arguments(
                        "a window shorter than the interval",
                        """
                          - name: api
                            service: api
                            interval: 5m
                            http: http://127.0.0.1:8080/readyz
                            window_rules: ["error_ratio > 5% over 1m"]
                        """,
                        "11:20: monitors[0].window_rules[0]: the window 1m is shorter than the interval (5m), so it"
                                + " would hold at most one check; make it at least 5m"),
                arguments(
                        "a label Firewatch sets itself",
                        """
                          - name: api
                            service: api
                            http: http://127.0.0.1:8080/readyz
                            labels: {service: payments}
                        """,
                        "10:14: monitors[0].labels.service: Firewatch sets the label service itself, from the monitor;"
                                + " choose another name"),
                arguments(
                        "monitors that are not a list",
                        """
                          name: api
                        """,
                        "7:3: monitors: expected a list of monitors, found a mapping"));
    }

    @Test
    void aConditionFromTheEnvironmentIsNeverQuotedBackSinceItMayHoldASecret() {
        var errors =
                Configs.errors(Configs.parse(SERVICES + """
                          - name: api
                            service: api
                            http: http://127.0.0.1:8080/readyz
                            conditions: ["${CONDITION}"]
                        """, Map.of("CONDITION", "[HEADER].x-token == s3cr3t t0ken")));

        assertThat(errors)
                .extracting(ConfigProblem::toString)
                .containsExactly("firewatch.yaml:10:18: monitors[0].conditions[0]: expected a condition like [STATUS]"
                        + " == 200, found the value from ${CONDITION}, which is not one");
    }
}
