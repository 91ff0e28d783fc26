package dev.firewatch.probe;

import static dev.firewatch.probe.TestMonitors.monitor;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How an observation becomes a result: the failure named, the error preferred, and the evidence. */
class ChecksTest {
    private static final Instant AT = Instant.parse("2026-12-07T12:00:00Z");
    private static final ProbeSpec.Http HTTP =
            new ProbeSpec.Http(URI.create("http://api.internal/ready"), "GET", Map.of(), Optional.empty(), true, true);
    private static final ProbeSpec.Tcp TCP = new ProbeSpec.Tcp("db.internal", 5432);

    @Test
    void anErrorIsTheFailureRatherThanAPlaceholderWithoutAValue() {
        var result =
                Checks.judge(monitor(HTTP, "[STATUS] == 200"), failed("connection refused by api.internal:80", false));

        assertThat(result.passed()).isFalse();
        assertThat(result.reached()).isFalse();
        assertThat(result.failure()).contains("connection refused by api.internal:80");
        assertThat(result.evidence()).isEmpty();
    }

    @Test
    void anErrorFailsAMonitorWithoutConditions() {
        var result = Checks.judge(monitor(TCP), failed("no connection to db.internal:5432 within 10s", false));

        assertThat(result.passed()).isFalse();
        assertThat(result.failure()).contains("no connection to db.internal:5432 within 10s");
    }

    @Test
    void onlyConnectedConditionsCanAcceptAnError() {
        var closed = failed("connection refused by db.internal:5432", false);

        assertThat(Checks.judge(monitor(TCP, "[CONNECTED] == false"), closed).passed())
                .isTrue();
        assertThat(Checks.judge(monitor(TCP, "[CONNECTED] == false", "[RESPONSE_TIME] < 1s"), closed)
                        .passed())
                .isFalse();
    }

    @Test
    void keepsTheObservationsTimeAndResponseTime() {
        var result = Checks.judge(monitor(HTTP), http(204, ""));

        assertThat(result.passed()).isTrue();
        assertThat(result.monitor()).isEqualTo("test-monitor");
        assertThat(result.at()).isEqualTo(AT);
        assertThat(result.responseTime()).isEqualTo(Duration.ofMillis(42));
        assertThat(result.evidence()).contains("HTTP 204, empty body");
    }

    @Test
    void evidenceFoldsTheBodyOntoOneLine() {
        var result = Checks.judge(monitor(HTTP), http(503, "{\n  \"database\": \"error\"\n}\n"));

        assertThat(result.evidence()).contains("HTTP 503, body: { \"database\": \"error\" }");
    }

    private static Observation http(int status, String body) {
        return new Observation(
                AT,
                Duration.ofMillis(42),
                Optional.empty(),
                true,
                Optional.of(status),
                Map.of(),
                Optional.of(body),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    private static Observation failed(String error, boolean reached) {
        return new Observation(
                AT,
                Duration.ofMillis(3),
                Optional.of(error),
                reached,
                Optional.empty(),
                Map.<String, List<String>>of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }
}
