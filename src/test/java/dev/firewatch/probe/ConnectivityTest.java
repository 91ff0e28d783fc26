package dev.firewatch.probe;

import static dev.firewatch.probe.ProbeRig.monitor;
import static dev.firewatch.probe.ProbeRig.unreachable;
import static org.assertj.core.api.Assertions.assertThat;

import dev.firewatch.alert.Signal;
import dev.firewatch.testing.MutableClock;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Is it them or us?" with real sockets on loopback: canaries that refuse connections make Firewatch cut off;
 * monitors that cannot reach their targets are then unknown and page nobody, and one alert about Firewatch's own
 * network goes to the configured service.
 */
class ConnectivityTest {
    @TempDir
    Path dir;

    /** A port nothing listens on: connecting is refused at once. */
    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static ConnectivitySpec.Canary canary(int port) {
        return new ConnectivitySpec.Canary("127.0.0.1:" + port, "127.0.0.1", port);
    }

    @Test
    void unreachableCanariesHoldMonitorFailuresAsUnknownAndRaiseOneSelfAlert() throws IOException {
        MutableClock clock = MutableClock.at("2026-11-23T03:00:00Z");
        try (ServerSocket up = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
                ProbeRig rig = ProbeRig.sqlite(dir, clock)) {
            AtomicReference<List<ConnectivitySpec.Canary>> canaries = new AtomicReference<>(
                    List.of(canary(up.getLocalPort()), canary(closedPort()), canary(closedPort())));
            Connectivity connectivity = new Connectivity(
                    () -> Optional.of(new ConnectivitySpec(
                            canaries.get(), Duration.ofSeconds(30), Duration.ofSeconds(2), Optional.of("web"))),
                    rig.history,
                    rig.submissions,
                    name -> name.equals("web") ? Optional.of(ProbeRig.WEB) : Optional.empty(),
                    clock);
            MonitorStates states = new MonitorStates(
                    rig.history,
                    rig.submissions,
                    name -> Optional.of(ProbeRig.WEB),
                    connectivity::cutOff,
                    () -> MonitoringSpec.Flapping.DEFAULTS,
                    "http://firewatch.test",
                    clock,
                    new io.micrometer.core.instrument.simple.SimpleMeterRegistry());

            // Two of three canaries refuse: cut off. Ten monitors fail to reach their targets five times each.
            MonitorStatus last = null;
            for (int round = 0; round < 5; round++) {
                for (int m = 0; m < 10; m++) {
                    last = states.record(monitor("shop-" + m), unreachable("shop-" + m, clock.instant()));
                }
                clock.advance(Duration.ofSeconds(10));
            }
            assertThat(last.state()).isEqualTo(MonitorState.UNKNOWN);
            assertThat(last.reason()).contains("held, since Firewatch cannot reach most of its connectivity canaries");
            assertThat(connectivity.last()).hasValueSatisfying(v -> {
                assertThat(v.cutOff()).isTrue();
                assertThat(v.reached()).isEqualTo(1);
            });
            // One alert, about Firewatch's own network; none about the monitors.
            assertThat(rig.triggers()).singleElement().satisfies(t -> {
                assertThat(t.dedupKey()).isEqualTo("firewatch:connectivity");
                assertThat(t.summary()).isEqualTo("Firewatch is cut off: it cannot reach 2 of 3 connectivity canaries");
                assertThat(t.annotations().get("description")).contains("127.0.0.1:");
            });
            assertThat(rig.sent.getFirst().service()).isEqualTo("web");

            // The network is back: the self-alert resolves, and a failing monitor counts again.
            canaries.set(List.of(canary(up.getLocalPort())));
            clock.advance(Duration.ofSeconds(31));
            assertThat(connectivity.check(clock.instant()).cutOff()).isFalse();
            assertThat(rig.signals().getLast())
                    .isInstanceOfSatisfying(
                            Signal.Resolve.class, r -> assertThat(r.dedupKey()).isEqualTo("firewatch:connectivity"));
            MonitorStatus counted = states.record(monitor("shop-0"), unreachable("shop-0", clock.instant()));
            assertThat(counted.reason()).startsWith("failed 1 of 3 before down");
        }
    }

    @Test
    void oneUnreachableCanaryOfThreeIsNotBeingCutOff() throws IOException {
        MutableClock clock = MutableClock.at("2026-11-23T03:00:00Z");
        try (ServerSocket a = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
                ServerSocket b = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
                ProbeRig rig = ProbeRig.sqlite(dir, clock)) {
            int closed = closedPort();
            Connectivity connectivity = new Connectivity(
                    () -> Optional.of(new ConnectivitySpec(
                            List.of(canary(a.getLocalPort()), canary(b.getLocalPort()), canary(closed)),
                            Duration.ofSeconds(30),
                            Duration.ofSeconds(2),
                            Optional.of("web"))),
                    rig.history,
                    rig.submissions,
                    name -> Optional.of(ProbeRig.WEB),
                    clock);
            Connectivity.Verdict verdict = connectivity.check(clock.instant());
            assertThat(verdict.cutOff()).isFalse();
            assertThat(verdict.said()).isEqualTo("reached 2 of 3 connectivity canaries");
            assertThat(rig.signals()).isEmpty();
        }
    }
}
