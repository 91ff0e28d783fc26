package dev.firewatch.probe.dns;

import static dev.firewatch.probe.TestMonitors.monitor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.firewatch.probe.Checks;
import dev.firewatch.probe.ProbeSpec;
import dev.firewatch.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** DNS checks of localhost, which every host resolves without asking the network. */
class DnsChecksTest {
    private final Checks checks = new Checks(MutableClock.at("2026-12-07T12:00:00Z"));

    @Test
    void localhostResolvesToTheLoopbackAddress() {
        var result = checks.check(
                monitor(new ProbeSpec.Dns("localhost"), "[ADDRESSES] matches ^(127\\.|::1|0:0:0:0:0:0:0:1)"));

        assertThat(result.passed()).as(result.failure().orElse("")).isTrue();
        assertThat(result.evidence().orElseThrow()).startsWith("localhost: ");
    }

    @Test
    void withoutConditionsAnAddressIsEnough() {
        assertThat(checks.check(monitor(new ProbeSpec.Dns("localhost"))).passed())
                .isTrue();
    }

    @Test
    void anAddressThatIsNotAmongThemFailsShowingThem() {
        var result = checks.check(monitor(new ProbeSpec.Dns("localhost"), "[ADDRESSES] contains 10.0.0.1"));

        assertThat(result.passed()).isFalse();
        assertThat(result.failure().orElseThrow())
                .startsWith("[ADDRESSES] ([\"")
                .endsWith("\"]) contains 10.0.0.1");
    }

    @Test
    void theAddressesGoInTheBody() {
        var observed = new DnsProbe().observe(new ProbeSpec.Dns("127.0.0.1"), Duration.ofSeconds(2), Instant.EPOCH);

        assertThat(observed.body()).contains("127.0.0.1");
        assertThat(observed.reached()).isTrue();
    }
}
