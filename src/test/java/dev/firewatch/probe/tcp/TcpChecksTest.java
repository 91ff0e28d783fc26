package dev.firewatch.probe.tcp;

import static dev.firewatch.probe.TestMonitors.monitor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.firewatch.probe.Checks;
import dev.firewatch.probe.ProbeSpec;
import dev.firewatch.testing.MutableClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** TCP checks against real ports on loopback. */
class TcpChecksTest {
    private final Checks checks = new Checks(MutableClock.at("2026-12-07T12:00:00Z"));

    @Test
    void anOpenPortPasses() throws IOException {
        try (var listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var probe = new ProbeSpec.Tcp("127.0.0.1", listening.getLocalPort());

            var result = checks.check(monitor(probe));

            assertThat(result.passed()).isTrue();
            assertThat(result.reached()).isTrue();
            assertThat(result.evidence()).contains("connected to 127.0.0.1:" + listening.getLocalPort());
        }
    }

    @Test
    void aClosedPortFailsAsUnreached() throws IOException {
        int closed;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }

        var result = checks.check(monitor(new ProbeSpec.Tcp("127.0.0.1", closed), "[CONNECTED] == true"));

        assertThat(result.passed()).isFalse();
        assertThat(result.reached()).isFalse();
        assertThat(result.failure()).contains("connection refused by 127.0.0.1:" + closed);
        assertThat(result.evidence()).isEmpty();
    }

    @Test
    void aPortThatMustStayClosedPassesWhenItIs() throws IOException {
        int closed;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }

        var result = checks.check(monitor(new ProbeSpec.Tcp("127.0.0.1", closed), "[CONNECTED] == false"));

        assertThat(result.passed()).isTrue();
        assertThat(result.reached()).isFalse();
    }

    @Test
    void aHostByNameIsLookedUpFirst() throws IOException {
        try (var listening = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            var result = checks.check(monitor(new ProbeSpec.Tcp("localhost", listening.getLocalPort())));

            // localhost may come back as ::1 first, where nothing listens: either way the lookup happened.
            assertThat(result.failure().orElse("")).doesNotContain("unknown host");
        }
    }
}
