package dev.firewatch.probe;

import dev.firewatch.health.Check;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code probes} on {@code /readyz}: degraded (still ready) when the scheduler is more than an interval behind a
 * monitor, or when Firewatch is cut off from its connectivity canaries; monitors then say less than they should,
 * but the rest of Firewatch works.
 */
public final class ProbesCheck implements Check {
    private final MonitorScheduler scheduler;
    private final Connectivity connectivity;
    private final Clock clock;

    public ProbesCheck(MonitorScheduler scheduler, Connectivity connectivity, Clock clock) {
        this.scheduler = scheduler;
        this.connectivity = connectivity;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "probes";
    }

    @Override
    public Result run() {
        Instant now = clock.instant();
        Optional<Connectivity.Verdict> verdict = connectivity.last();
        if (verdict.isPresent() && verdict.get().cutOff()) {
            return Result.degraded(verdict.get().said());
        }
        Optional<String> lagging = scheduler.lagging(now);
        if (lagging.isPresent()) {
            return Result.degraded("the monitor scheduler is behind: " + lagging.get());
        }
        return Result.ok(scheduler.planned() + " monitors scheduled, " + scheduler.running() + " checks running"
                + verdict.map(v -> "; " + v.said()).orElse(""));
    }
}
