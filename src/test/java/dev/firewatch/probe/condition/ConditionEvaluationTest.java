package dev.firewatch.probe.condition;

import static dev.firewatch.probe.condition.Observations.http;
import static dev.firewatch.probe.condition.Observations.nothing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.node.NullNode;
import dev.firewatch.probe.Condition;
import dev.firewatch.probe.ProbeSpec;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each condition against what a check saw: whether it holds, and the verdict with the value it resolved. */
class ConditionEvaluationTest {
    private static final String READY = """
            {"status": "degraded", "database": "error", "uptime": 42.5, "version": "1.2.3",
             "checks": [{"name": "db", "ok": true}, {"name": "queue", "ok": false}],
             "all_ok": [{"ok": true}, {"ok": true}], "empty": [], "tags": ["prod", "eu"], "gone": null}""";

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void evaluatesAndShowsTheResolvedValue(
            String sentence,
            Class<? extends ProbeSpec> kind,
            String condition,
            Observations seen,
            boolean holds,
            String shown) {
        Condition parsed = Condition.parse(condition, kind).orThrow();

        var verdict = parsed.evaluate(seen.observation());

        assertThat(verdict.shown()).isEqualTo(shown);
        assertThat(verdict.holds()).as(shown).isEqualTo(holds);
    }

    static Stream<Arguments> cases() {
        var http = ProbeSpec.Http.class;
        var ready = http(503, READY);
        return Stream.of(
                arguments("a status that differs", http, "[STATUS] == 200", ready, false, "[STATUS] (503) == 200"),
                arguments(
                        "a status that matches", http, "[STATUS] == 200", http(200, ""), true, "[STATUS] (200) == 200"),
                arguments(
                        "a status below a bound", http, "[STATUS] < 500", http(404, ""), true, "[STATUS] (404) < 500"),
                arguments(
                        "a status by regex",
                        http,
                        "[STATUS] matches ^2",
                        http(204, ""),
                        true,
                        "[STATUS] (204) matches ^2"),
                arguments(
                        "a JSON field that differs, quoted in the verdict",
                        http,
                        "[BODY].database == \"ok\"",
                        ready,
                        false,
                        "[BODY].database (\"error\") == \"ok\""),
                arguments(
                        "a JSON field compared with a bare word",
                        http,
                        "[BODY].status == degraded",
                        ready,
                        true,
                        "[BODY].status (\"degraded\") == degraded"),
                arguments("a missing JSON field", http, "[BODY].nope == 1", ready, false, "[BODY].nope (missing) == 1"),
                arguments(
                        "a missing field fails != too: nothing seen proves nothing",
                        http,
                        "[BODY].nope != \"error\"",
                        ready,
                        false,
                        "[BODY].nope (missing) != \"error\""),
                arguments(
                        "a field of a body that is not JSON",
                        http,
                        "[BODY].database == \"ok\"",
                        http(502, "<html>Bad gateway</html>"),
                        false,
                        "[BODY].database (the body is not JSON) == \"ok\""),
                arguments(
                        "an element of a list by index",
                        http,
                        "[BODY].checks[1].ok == true",
                        ready,
                        false,
                        "[BODY].checks[1].ok (false) == true"),
                arguments(
                        "every element of a list, naming the first that fails",
                        http,
                        "[BODY].checks[*].ok == true",
                        ready,
                        false,
                        "[BODY].checks[*].ok (checks[1].ok: false) == true"),
                arguments(
                        "every element of a list, all holding",
                        http,
                        "[BODY].all_ok[*].ok == true",
                        ready,
                        true,
                        "[BODY].all_ok[*].ok (all 2) == true"),
                arguments(
                        "every element of an empty list does not hold",
                        http,
                        "[BODY].empty[*].ok == true",
                        ready,
                        false,
                        "[BODY].empty[*].ok (empty is an empty list) == true"),
                arguments(
                        "every element of something that is not a list",
                        http,
                        "[BODY].status[*] == ok",
                        ready,
                        false,
                        "[BODY].status[*] (status is not a list) == ok"),
                arguments(
                        "a number in the body against a bound",
                        http,
                        "[BODY].uptime > 40",
                        ready,
                        true,
                        "[BODY].uptime (42.5) > 40"),
                arguments(
                        "a version written as a bare word is text",
                        http,
                        "[BODY].version == 1.2.3",
                        ready,
                        true,
                        "[BODY].version (\"1.2.3\") == 1.2.3"),
                arguments("a JSON null", http, "[BODY].gone == null", ready, true, "[BODY].gone (null) == null"),
                arguments(
                        "a list contains an element",
                        http,
                        "[BODY].tags contains prod",
                        ready,
                        true,
                        "[BODY].tags ([\"prod\",\"eu\"]) contains prod"),
                arguments(
                        "a list lacks an element",
                        http,
                        "[BODY].tags !contains staging",
                        ready,
                        true,
                        "[BODY].tags ([\"prod\",\"eu\"]) !contains staging"),
                arguments(
                        "the whole body contains text",
                        http,
                        "[BODY] contains \"queue\"",
                        http(200, "queue is fine"),
                        true,
                        "[BODY] (\"queue is fine\") contains \"queue\""),
                arguments(
                        "the whole body lacks text",
                        http,
                        "[BODY] !contains error",
                        http(200, "an error happened"),
                        false,
                        "[BODY] (\"an error happened\") !contains error"),
                arguments(
                        "the whole body equals text",
                        http,
                        "[BODY] == pong",
                        http(200, "pong"),
                        true,
                        "[BODY] (\"pong\") == pong"),
                arguments(
                        "the whole body matches a regex anywhere",
                        http,
                        "[BODY] matches \"v\\d+\\.\\d+\"",
                        http(200, "running v2.14 since noon"),
                        true,
                        "[BODY] (\"running v2.14 since noon\") matches \"v\\d+\\.\\d+\""),
                arguments(
                        "a long body is cut in the verdict",
                        http,
                        "[BODY] contains needle",
                        http(200, "x".repeat(100)),
                        false,
                        "[BODY] (\"" + "x".repeat(60) + "…\") contains needle"),
                arguments(
                        "a header, whatever the case of its name",
                        http,
                        "[HEADER].Content-Type contains application/json",
                        ready,
                        true,
                        "[HEADER].Content-Type (\"application/json; charset=utf-8\") contains application/json"),
                arguments(
                        "a header that is not there",
                        http,
                        "[HEADER].x-request-id matches .",
                        ready,
                        false,
                        "[HEADER].x-request-id (missing) matches ."),
                arguments(
                        "a response time in plain milliseconds",
                        http,
                        "[RESPONSE_TIME] < 400",
                        ready.took(Duration.ofMillis(1234)),
                        false,
                        "[RESPONSE_TIME] (1234ms) < 400"),
                arguments(
                        "a response time against milliseconds with a unit",
                        http,
                        "[RESPONSE_TIME] < 400ms",
                        ready.took(Duration.ofMillis(87)),
                        true,
                        "[RESPONSE_TIME] (87ms) < 400ms"),
                arguments(
                        "a response time against seconds",
                        http,
                        "[RESPONSE_TIME] < 2s",
                        ready.took(Duration.ofMillis(2500)),
                        false,
                        "[RESPONSE_TIME] (2500ms) < 2s"),
                arguments(
                        "a certificate that expires too soon",
                        http,
                        "[CERT_EXPIRY] > 14d",
                        ready.certificate(Duration.ofDays(3).minusHours(1), true),
                        false,
                        "[CERT_EXPIRY] (2d 23h) > 14d"),
                arguments(
                        "a certificate with time left",
                        ProbeSpec.Tls.class,
                        "[CERT_EXPIRY] > 14d",
                        nothing().certificate(Duration.ofDays(80), true),
                        true,
                        "[CERT_EXPIRY] (80d 0h) > 14d"),
                arguments(
                        "an expired certificate",
                        ProbeSpec.Tls.class,
                        "[CERT_EXPIRY] > 0s",
                        nothing().certificate(Duration.ofHours(-5), true),
                        false,
                        "[CERT_EXPIRY] (expired 5h 0m ago) > 0s"),
                arguments(
                        "no certificate over plain HTTP",
                        http,
                        "[CERT_EXPIRY] > 14d",
                        ready,
                        false,
                        "[CERT_EXPIRY] (no certificate) > 14d"),
                arguments(
                        "a certificate for another host",
                        ProbeSpec.Tls.class,
                        "[CERT_MATCHES_HOST] == true",
                        nothing().certificate(Duration.ofDays(80), false),
                        false,
                        "[CERT_MATCHES_HOST] (false) == true"),
                arguments(
                        "connected",
                        ProbeSpec.Tcp.class,
                        "[CONNECTED] == true",
                        nothing(),
                        true,
                        "[CONNECTED] (true) == true"),
                arguments(
                        "not connected, which a condition may require",
                        ProbeSpec.Tcp.class,
                        "[CONNECTED] == false",
                        nothing().failed("connection refused by db:5432", false),
                        true,
                        "[CONNECTED] (false) == false"),
                arguments(
                        "after an error only [CONNECTED] has a value",
                        ProbeSpec.Tcp.class,
                        "[RESPONSE_TIME] < 1s",
                        nothing().failed("connection refused by db:5432", false),
                        false,
                        "[RESPONSE_TIME] (missing) < 1s"),
                arguments(
                        "a query's zero",
                        ProbeSpec.Sql.class,
                        "[RESULT] == 0",
                        nothing().result(0L),
                        true,
                        "[RESULT] (0) == 0"),
                arguments(
                        "a query's count above zero",
                        ProbeSpec.Sql.class,
                        "[RESULT] == 0",
                        nothing().result(7L),
                        false,
                        "[RESULT] (7) == 0"),
                arguments(
                        "a query's decimal against a bound",
                        ProbeSpec.Sql.class,
                        "[RESULT] < 0.5",
                        nothing().result(new BigDecimal("0.25")),
                        true,
                        "[RESULT] (0.25) < 0.5"),
                arguments(
                        "a query's text",
                        ProbeSpec.Sql.class,
                        "[RESULT] == \"primary\"",
                        nothing().result("replica"),
                        false,
                        "[RESULT] (\"replica\") == \"primary\""),
                arguments(
                        "a query's NULL",
                        ProbeSpec.Sql.class,
                        "[RESULT] != null",
                        nothing().result(NullNode.getInstance()),
                        false,
                        "[RESULT] (null) != null"),
                arguments(
                        "a query without a row",
                        ProbeSpec.Sql.class,
                        "[RESULT] == 0",
                        nothing(),
                        false,
                        "[RESULT] (no row) == 0"),
                arguments(
                        "resolved addresses contain one",
                        ProbeSpec.Dns.class,
                        "[ADDRESSES] contains 127.0.0.1",
                        nothing().body("127.0.0.1, ::1"),
                        true,
                        "[ADDRESSES] ([\"127.0.0.1\",\"::1\"]) contains 127.0.0.1"),
                arguments(
                        "resolved addresses matched by a regex",
                        ProbeSpec.Dns.class,
                        "[ADDRESSES] matches ^10\\.",
                        nothing().body("127.0.0.1, ::1"),
                        false,
                        "[ADDRESSES] ([\"127.0.0.1\",\"::1\"]) matches ^10\\."));
    }
}
