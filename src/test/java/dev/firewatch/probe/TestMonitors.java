package dev.firewatch.probe;

import dev.firewatch.alert.Severity;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Monitors for probe tests: what to check and its conditions, the rest as the config's defaults have it. */
public final class TestMonitors {
    private TestMonitors() {}

    public static MonitorSpec monitor(ProbeSpec probe, String... conditions) {
        return monitor(probe, Duration.ofSeconds(5), conditions);
    }

    public static MonitorSpec monitor(ProbeSpec probe, Duration timeout, String... conditions) {
        List<Condition> parsed = Arrays.stream(conditions)
                .map(text -> Condition.parse(text, probe.getClass()).orThrow())
                .toList();
        return new MonitorSpec(
                "test-monitor",
                "test-service",
                Severity.ERROR,
                Duration.ofSeconds(60),
                timeout,
                Duration.ZERO,
                probe,
                parsed,
                3,
                2,
                List.of(),
                Map.of(),
                Map.of());
    }
}
